import { emptyImportReport, type ExportTally, type ImportReport } from '@verbatim/core';

const EXAMPLES_KEPT = 5;

/** The report of an import being run: counts added as batches are applied, skips grouped by reason. */
export class ImportTally implements ExportTally {
  readonly report: ImportReport = emptyImportReport();
  private readonly skips = new Map<string, { count: number; examples: string[] }>();

  skip(reason: string, example: string): void {
    const entry = this.skips.get(reason) ?? { count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < EXAMPLES_KEPT) entry.examples.push(example);
    this.skips.set(reason, entry);
  }

  foundMedia(count: number): void {
    this.report.mediaFound += count;
  }

  /** The report as it stands, skips included (a copy: later counts do not change it). */
  snapshot(): ImportReport {
    return {
      ...this.report,
      skipped: [...this.skips].map(([reason, { count, examples }]) => ({ reason, count, examples: [...examples] })),
    };
  }
}
