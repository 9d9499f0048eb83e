import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One data row of a CSV file, by its header's column names, with the line it ends on (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/**
 * Streams the rows of a CSV file with a header row, so an export's large CSV is never held whole. A byte-order
 * mark is dropped and header names are trimmed. Rows with more or fewer cells than the header are yielded as they
 * are (missing cells are absent), for the caller to judge. A file that is not CSV at all (an unclosed quote) throws
 * a `CsvUnreadableError` naming the line, after the rows before it.
 */
export async function* csvRows(stream: Readable): AsyncGenerator<CsvRow> {
  const parser = stream.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim()),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { line: info.lines, cells: record };
    }
  } catch (error) {
    throw new CsvUnreadableError((error as Error).message);
  } finally {
    stream.destroy();
  }
}

export class CsvUnreadableError extends Error {
  override readonly name = 'CsvUnreadableError';
}
