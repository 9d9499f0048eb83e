import type { Database, Statement } from 'better-sqlite3';
import { buildSnippet } from '../text/snippet';
import type { MatchLeaf } from './fts-match';

/**
 * Highlights built in JS from the document's indexed text (text/snippet.ts). Not FTS5's snippet(): that needs a
 * MATCH plus a rowid seek per hit, measured at 0.3–0.4 ms per hit for a common term on an index with several
 * segments (every hit page would spend ~8 ms there), while reading the text by rowid costs ~10 µs.
 */
export class Highlighter {
  private readonly readText: Statement<[number]>;

  constructor(db: Database) {
    // CAST: better-sqlite3 binds numbers as REAL, and FTS5 only seeks on an INTEGER rowid.
    this.readText = db
      .prepare('SELECT text, prior_text, author_name FROM search_fts WHERE rowid = CAST(? AS INTEGER)')
      .raw();
  }

  /** The highlighted snippet of one document, or undefined when none of the leaves occurs in it. */
  highlight(leaves: MatchLeaf[], doc: number): string | undefined {
    const columns = this.readText.get(doc) as string[] | undefined;
    return columns ? buildSnippet(columns, leaves) : undefined;
  }
}
