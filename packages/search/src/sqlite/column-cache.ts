import type { Database, Statement } from 'better-sqlite3';
import { countFlags, emptyFacetCounts, type FacetCounts } from './facets';
import { META } from './schema';

/** Text changes remembered for the leaf cache's catch-up; past this, cached leaves older than the log rebuild. */
const TEXT_CHANGE_LOG_LIMIT = 100_000;

type DocumentColumns = [
  doc: number,
  agency: number,
  account: number,
  author: number,
  enums: number,
  postedAt: number,
  flags: number,
];
const COLUMNS = 7;
const LOAD_CHUNK = 50_000;

/**
 * Every document's filter and facet values in typed arrays indexed by document number, so filters, facets and
 * date sorting over hundreds of thousands of matches are plain array reads (a few ms) instead of SQL joins.
 * About 24 bytes per document. Kept current by `refresh`, which reads only what changed since the last call
 * (new documents by key, updates from search_changes), so writes by other connections are seen too.
 */
export class ColumnCache {
  present = new Uint8Array(0);
  agency = new Int32Array(0);
  account = new Int32Array(0);
  author = new Int32Array(0);
  enums = new Uint16Array(0);
  postedAt = new Float64Array(0);
  /** Policy flag bits (document-codes.ts). */
  flags = new Uint8Array(0);
  /** Highest document number loaded: the snapshot bound of a search that starts now. */
  maxDoc = 0;
  /** Documents loaded. */
  documentCount = 0;
  /** Facet counts over every document, kept current as documents load, so listing everything costs nothing. */
  totals: FacetCounts = emptyFacetCounts(0);
  /** Bumped when a loaded document's postedAt changes, which invalidates the date order (date-order.ts). */
  postedAtChanges = 0;
  /** Bumped whenever the cache changes, so derived caches know when to recompute. */
  version = 0;
  epoch = '';
  private writeVersion = '';
  private lastChangeSeq = 0;
  private textChangeSeqs: number[] = [];
  private textChangeDocs: number[] = [];
  private textLogStartSeq = 0;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: Database) {
    this.statements = prepareStatements(db);
  }

  /** Brings the cache up to date with the database. Cheap (one meta read) when nothing was written. */
  refresh(): void {
    const writeVersion = this.statements.meta.get(META.writeVersion) as string;
    if (writeVersion === this.writeVersion) return;
    const epoch = this.statements.meta.get(META.epoch) as string;
    const oldestChange = this.statements.oldestChange.get() as number | null;
    const missedChanges = oldestChange !== null && oldestChange > this.lastChangeSeq + 1;
    if (epoch !== this.epoch || missedChanges) this.reload(epoch);
    else {
      this.loadNewDocuments();
      this.applyChanges();
    }
    this.writeVersion = writeVersion;
    this.version += 1;
  }

  /**
   * Documents whose indexed text changed after change `sinceSeq`, or null when the log no longer reaches back
   * that far (the caller must then recompute from scratch).
   */
  textChangesSince(sinceSeq: number): number[] | null {
    if (sinceSeq < this.textLogStartSeq) return null;
    const docs: number[] = [];
    for (let index = this.textChangeSeqs.length - 1; index >= 0 && this.textChangeSeqs[index] > sinceSeq; index -= 1) {
      docs.push(this.textChangeDocs[index]);
    }
    return docs;
  }

  /** The sequence number of the last change applied; leaf caches record it to know what they have seen. */
  get changeSeq(): number {
    return this.lastChangeSeq;
  }

  private reload(epoch: string): void {
    this.present = new Uint8Array(0);
    this.maxDoc = 0;
    this.documentCount = 0;
    this.totals = emptyFacetCounts(0);
    this.epoch = epoch;
    this.lastChangeSeq = (this.statements.newestChange.get() as number | null) ?? 0;
    this.textChangeSeqs = [];
    this.textChangeDocs = [];
    this.textLogStartSeq = this.lastChangeSeq;
    this.loadNewDocuments();
  }

  /**
   * Loads documents numbered above maxDoc in chunks, each chunk as one group_concat string: the first load
   * after a start reads every document, and one string per 50,000 rows is ~4x faster than a JS array per row.
   */
  private loadNewDocuments(): void {
    for (;;) {
      const values = parseNumbers(this.statements.newDocuments.get(this.maxDoc, LOAD_CHUNK) as string | null);
      if (values.length === 0) return;
      this.ensureCapacity(values[values.length - COLUMNS] + 1);
      for (let offset = 0; offset < values.length; offset += COLUMNS) this.store(values, offset);
      this.maxDoc = values[values.length - COLUMNS];
    }
  }

  private applyChanges(): void {
    const rows = this.statements.changes.all(this.lastChangeSeq) as Array<
      [seq: number, textChanged: number, ...DocumentColumns]
    >;
    for (const [seq, textChanged, ...columns] of rows) {
      this.lastChangeSeq = seq;
      if (columns[0] > this.maxDoc) continue;
      this.store(columns, 0);
      if (textChanged) this.logTextChange(seq, columns[0]);
    }
  }

  private logTextChange(seq: number, doc: number): void {
    this.textChangeSeqs.push(seq);
    this.textChangeDocs.push(doc);
    if (this.textChangeSeqs.length > TEXT_CHANGE_LOG_LIMIT) {
      const drop = TEXT_CHANGE_LOG_LIMIT / 2;
      this.textLogStartSeq = this.textChangeSeqs[drop - 1];
      this.textChangeSeqs = this.textChangeSeqs.slice(drop);
      this.textChangeDocs = this.textChangeDocs.slice(drop);
    }
  }

  /** Stores one document's columns, read from `values` at `offset` in DocumentColumns order. */
  private store(values: ArrayLike<number>, offset: number): void {
    const doc = values[offset];
    const postedAt = values[offset + 5];
    if (this.present[doc]) {
      this.count(doc, -1);
      if (this.postedAt[doc] !== postedAt) this.postedAtChanges += 1;
    } else this.documentCount += 1;
    this.present[doc] = 1;
    this.agency[doc] = values[offset + 1];
    this.account[doc] = values[offset + 2];
    this.author[doc] = values[offset + 3];
    this.enums[doc] = values[offset + 4];
    this.postedAt[doc] = postedAt;
    this.flags[doc] = values[offset + 6];
    this.count(doc, 1);
  }

  /** Adds (1) or removes (-1) a document's values from the facet totals. */
  private count(doc: number, delta: number): void {
    const largest = Math.max(this.agency[doc], this.account[doc], this.author[doc]);
    if (largest >= this.totals.author.length) this.growTotals(largest + 1);
    const { packed, agency, account, author } = this.totals;
    packed[this.enums[doc]] += delta;
    agency[this.agency[doc]] += delta;
    account[this.account[doc]] += delta;
    author[this.author[doc]] += delta;
    countFlags(this.totals.flags, this.flags[doc], delta);
  }

  private growTotals(size: number): void {
    const grown = emptyFacetCounts(Math.max(size, this.totals.author.length * 2, 1024));
    grown.packed.set(this.totals.packed);
    grown.agency.set(this.totals.agency);
    grown.account.set(this.totals.account);
    grown.author.set(this.totals.author);
    grown.flags.set(this.totals.flags);
    this.totals = grown;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.present.length) return;
    const capacity = Math.max(size, this.present.length * 2, 1024);
    this.present = grow(this.present, new Uint8Array(capacity));
    this.agency = grow(this.agency, new Int32Array(capacity));
    this.account = grow(this.account, new Int32Array(capacity));
    this.author = grow(this.author, new Int32Array(capacity));
    this.enums = grow(this.enums, new Uint16Array(capacity));
    this.postedAt = grow(this.postedAt, new Float64Array(capacity));
    this.flags = grow(this.flags, new Uint8Array(capacity));
  }
}

/** Parses comma-separated integers (possibly negative). */
function parseNumbers(text: string | null): Float64Array {
  if (!text) return new Float64Array(0);
  const out = new Float64Array(text.length >> 1);
  let count = 0;
  let value = 0;
  let negative = false;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 44;
    if (code === 44) {
      out[count++] = negative ? -value : value;
      value = 0;
      negative = false;
    } else if (code === 45) negative = true;
    else value = value * 10 + code - 48;
  }
  return out.subarray(0, count);
}

function grow<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

function prepareStatements(db: Database) {
  return {
    meta: db.prepare('SELECT value FROM search_meta WHERE key = ?').pluck() as Statement<[string]>,
    oldestChange: db.prepare('SELECT min(seq) FROM search_changes').pluck() as Statement<[]>,
    newestChange: db.prepare('SELECT max(seq) FROM search_changes').pluck() as Statement<[]>,
    newDocuments: db
      .prepare(
        `SELECT group_concat(doc || ',' || agency || ',' || account || ',' || author || ',' || enums || ',' || CAST(posted_at AS INTEGER) || ',' || flags)
         FROM (SELECT * FROM search_documents WHERE doc > ? ORDER BY doc LIMIT ?)`,
      )
      .pluck() as Statement<[number, number]>,
    changes: db
      .prepare(
        `SELECT c.seq, c.text_changed, d.doc, d.agency, d.account, d.author, d.enums, d.posted_at, d.flags
         FROM search_changes c JOIN search_documents d ON d.doc = c.doc WHERE c.seq > ? ORDER BY c.seq`,
      )
      .raw() as Statement<[number]>,
  };
}
