import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * Tables of the SQLite search index. They all start with `search_`, so they can share a file with the catalog
 * (tests do) and be dropped and rebuilt without touching it; a running instance keeps them in a file of their
 * own, `search.sqlite`, written by a thread of its own.
 *
 * - search_documents: one row per document. Its integer key `doc` is the FTS5 rowid; SQLite hands out
 *   max+1, so keys grow in insertion order, which paging snapshots and the caches' catch-up rely on. A document
 *   keeps its key when it is replaced. Filter and facet values are stored as small integer codes.
 * - search_ids, search_ids_tail: the documents' keys by id, kept in two parts (see document-ids.ts).
 * - search_dictionary: the codes of agency ids, account ids and author names.
 * - search_changes: every change to an existing document, in order, so readers (in this process or another)
 *   can catch up their in-memory caches without rescanning. New documents need no entry: their keys are new.
 *   `flags` holds the policy flags the text raises, one bit per kind (see document-codes.ts).
 * - search_fts: FTS5 over the folded text. columnsize=0 because relevance is scored in JS (see ranking.ts).
 */
export const SEARCH_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS search_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS search_dictionary (
  code INTEGER PRIMARY KEY,
  dimension INTEGER NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (dimension, value)
);
CREATE TABLE IF NOT EXISTS search_documents (
  doc INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  agency INTEGER NOT NULL,
  account INTEGER NOT NULL,
  author INTEGER NOT NULL,
  enums INTEGER NOT NULL,
  posted_at REAL NOT NULL,
  text_hash INTEGER NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  flags INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS search_ids (
  id TEXT PRIMARY KEY,
  doc INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_ids_tail (
  doc INTEGER PRIMARY KEY,
  id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS search_changes (
  seq INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL,
  text_changed INTEGER NOT NULL
);
`;

export const SEARCH_FTS_DDL = `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  text, prior_text, author_name,
  tokenize = 'unicode61 remove_diacritics 2',
  columnsize = 0
)`;

/**
 * Meta keys. `epoch` changes when the index is cleared; `write_version` on every write batch; `ids_merged` when
 * the id tail is merged or emptied (see document-ids.ts); `document_format` is the DOCUMENT_FORMAT its documents
 * were written in.
 */
export const META = {
  epoch: 'epoch',
  writeVersion: 'write_version',
  cursorSecret: 'cursor_secret',
  idsMerged: 'ids_merged',
  documentFormat: 'document_format',
} as const;

/**
 * What a document row holds, by version: 1 before policy flags, 2 with them. An index written in an older format
 * keeps working (its rows read as flagged with nothing) but says it is outdated, and a reindex brings it up.
 */
export const DOCUMENT_FORMAT = 2;

/** Creates the search tables if absent, and the meta rows every reader expects. Idempotent. */
export function ensureSearchSchema(db: Database): void {
  db.transaction(() => {
    const fresh = !db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_documents'").get();
    db.exec(SEARCH_TABLES_DDL);
    db.exec(SEARCH_FTS_DDL);
    moveIdsOutOfDocuments(db);
    addRevisionColumn(db);
    addFlagsColumn(db);
    const insert = db.prepare('INSERT OR IGNORE INTO search_meta (key, value) VALUES (?, ?)');
    // Tables that existed before this key did were written in format 1, whatever columns they were given since.
    insert.run(META.documentFormat, String(fresh ? DOCUMENT_FORMAT : 1));
    insert.run(META.epoch, '1');
    insert.run(META.writeVersion, '0');
    insert.run(META.cursorSecret, randomBytes(32).toString('hex'));
    insert.run(META.idsMerged, '0');
  }).immediate();
}

/**
 * Indexes written before search_ids existed keep ids UNIQUE inside search_documents. That constraint is what
 * made indexing slow, so the table is rebuilt without it (same keys, so FTS rows and caches stay valid) and its
 * ids copied, sorted, into search_ids. Once per file; a few seconds at a million documents.
 */
function moveIdsOutOfDocuments(db: Database): void {
  const legacy = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_autoindex_search_documents_1'").get();
  if (!legacy) return;
  // Renamed aside, the table is created again by the DDL (now without UNIQUE) and filled back, keys included.
  db.exec(`
    ALTER TABLE search_documents RENAME TO search_documents_legacy;
    ${SEARCH_TABLES_DDL}
    INSERT INTO search_documents (doc, id, agency, account, author, enums, posted_at, text_hash)
      SELECT doc, id, agency, account, author, enums, posted_at, text_hash FROM search_documents_legacy ORDER BY doc;
    DROP TABLE search_documents_legacy;
    DELETE FROM search_ids_tail;
    INSERT OR REPLACE INTO search_ids (id, doc) SELECT id, doc FROM search_documents ORDER BY id;
  `);
}

/** Indexes written before documents carried revisions hold revision 0: any document given to them is newer. */
function addRevisionColumn(db: Database): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('search_documents');
  if (!columns.includes('revision'))
    db.exec('ALTER TABLE search_documents ADD COLUMN revision INTEGER NOT NULL DEFAULT 0');
}

/** Indexes written before policy flags were indexed hold none: they read as unflagged until a reindex. */
function addFlagsColumn(db: Database): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('search_documents');
  if (!columns.includes('flags')) db.exec('ALTER TABLE search_documents ADD COLUMN flags INTEGER NOT NULL DEFAULT 0');
}

/** Reads one meta value. */
export function readMeta(db: Database, key: string): string {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_meta'").get();
  const row = exists
    ? (db.prepare('SELECT value FROM search_meta WHERE key = ?').pluck().get(key) as string | undefined)
    : undefined;
  if (row === undefined)
    throw new Error(
      `the search tables are missing or incomplete (no "${key}"): open the index with openSqliteSearchIndex`,
    );
  return row;
}
