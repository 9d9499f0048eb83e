import type { Database, Statement } from 'better-sqlite3';
import type { DimensionId } from './document-codes';

/**
 * Two-way map between open-ended values (agency ids, account ids, author names) and integer codes, backed by
 * search_dictionary so every connection agrees on the codes. Writers add values inside their transaction;
 * readers pull codes added by other connections with `refresh`.
 */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];
  private loadedUpTo = 0;
  private readonly insertStatement: Statement<[number, string]>;
  private readonly selectStatement: Statement<[number, string]>;
  private readonly loadStatement: Statement<[number]>;

  constructor(db: Database) {
    this.insertStatement = db.prepare(
      'INSERT INTO search_dictionary (dimension, value) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.selectStatement = db.prepare('SELECT code FROM search_dictionary WHERE dimension = ? AND value = ?').pluck();
    this.loadStatement = db
      .prepare('SELECT code, dimension, value FROM search_dictionary WHERE code > ? ORDER BY code')
      .raw();
  }

  /** The code of a value, adding it if new. Call inside the write transaction. */
  codeFor(dimension: DimensionId, value: string): number {
    const known = this.codes.get(key(dimension, value));
    if (known !== undefined) return known;
    this.insertStatement.run(dimension, value);
    const code = this.selectStatement.get(dimension, value) as number;
    this.remember(code, dimension, value);
    return code;
  }

  /** The code of a value if it exists, for filters: an unknown value matches nothing. */
  findCode(dimension: DimensionId, value: string): number | undefined {
    return this.codes.get(key(dimension, value));
  }

  /** The value behind a code. */
  valueOf(code: number): string {
    return this.values[code] ?? '';
  }

  /** One more than the highest known code: the size of an array indexed by code. */
  get codeLimit(): number {
    return this.values.length;
  }

  /** Loads codes other connections added since the last refresh. */
  refresh(): void {
    for (const [code, dimension, value] of this.loadStatement.iterate(this.loadedUpTo) as Iterable<
      [number, DimensionId, string]
    >) {
      this.remember(code, dimension, value);
      this.loadedUpTo = code;
    }
  }

  /** Forgets everything, e.g. after a rolled-back write whose codes were never committed. */
  reset(): void {
    this.codes.clear();
    this.values.length = 0;
    this.loadedUpTo = 0;
  }

  private remember(code: number, dimension: DimensionId, value: string): void {
    this.codes.set(key(dimension, value), code);
    this.values[code] = value;
  }
}

function key(dimension: DimensionId, value: string): string {
  return `${dimension}\u0000${value}`;
}
