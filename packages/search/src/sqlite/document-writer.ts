import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { SearchDocument } from '@verbatim/core';
import { foldForIndex } from '../text/fold-text';
import { Dictionary } from './dictionary';
import { DocumentIds } from './document-ids';
import { Dimension, flagBitsOf, hashText, packEnums } from './document-codes';
import { DOCUMENT_FORMAT, META, SEARCH_FTS_DDL } from './schema';

/** Change-log entries kept for readers that are behind; older ones are pruned (such readers reload fully). */
const CHANGE_LOG_KEEP = 200_000;

type DocumentRow = [
  agency: number,
  account: number,
  author: number,
  enums: number,
  postedAt: number,
  textHash: number,
  flags: number,
];

/**
 * Writes documents into the search tables. Lean on purpose, since ingest calls it for every captured record:
 * prepared statements, one transaction per batch, and no FTS5 rewrite when the indexed text did not change
 * (a status change, the common update, only rewrites the small search_documents row).
 */
export class DocumentWriter {
  private readonly ids: DocumentIds;
  private readonly insertDocument: Statement<[string, ...DocumentRow, number]>;
  private readonly selectDocument: Statement<[number]>;
  private readonly updateDocument: Statement<[...DocumentRow, number, number]>;
  private readonly updateRevision: Statement<[number, number]>;
  private readonly insertText: Statement<[number, string, string, string]>;
  private readonly updateText: Statement<[string, string, string, number]>;
  private readonly logChange: Statement<[number, number]>;
  private readonly bumpWriteVersion: Statement<[]>;
  private readonly changeLogSpan: Statement<[]>;
  private readonly pruneChanges: Statement<[number]>;
  private readonly writeBatch: Transaction<(documents: SearchDocument[]) => void>;

  constructor(
    private readonly db: Database,
    private readonly dictionary: Dictionary,
    options: { idMergeThreshold?: number } = {},
  ) {
    this.ids = new DocumentIds(db, options.idMergeThreshold);
    this.insertDocument = db.prepare(
      `INSERT INTO search_documents (id, agency, account, author, enums, posted_at, text_hash, flags, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectDocument = db
      .prepare(
        'SELECT agency, account, author, enums, posted_at, text_hash, flags, revision FROM search_documents WHERE doc = ?',
      )
      .raw();
    this.updateDocument = db.prepare(`UPDATE search_documents
      SET agency = ?, account = ?, author = ?, enums = ?, posted_at = ?, text_hash = ?, flags = ?, revision = ?
      WHERE doc = ?`);
    this.updateRevision = db.prepare('UPDATE search_documents SET revision = ? WHERE doc = ?');
    this.insertText = db.prepare(
      'INSERT INTO search_fts (rowid, text, prior_text, author_name) VALUES (CAST(? AS INTEGER), ?, ?, ?)',
    );
    this.updateText = db.prepare(
      'UPDATE search_fts SET text = ?, prior_text = ?, author_name = ? WHERE rowid = CAST(? AS INTEGER)',
    );
    this.logChange = db.prepare('INSERT INTO search_changes (doc, text_changed) VALUES (?, ?)');
    this.bumpWriteVersion = db.prepare(
      `UPDATE search_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '${META.writeVersion}'`,
    );
    this.changeLogSpan = db.prepare('SELECT min(seq), max(seq) FROM search_changes').raw();
    this.pruneChanges = db.prepare('DELETE FROM search_changes WHERE seq < ?');
    this.writeBatch = db.transaction((documents: SearchDocument[]) => {
      this.ids.catchUp();
      for (const document of documents) this.writeOne(document);
      this.ids.mergeIfLong();
      this.bumpWriteVersion.run();
      this.pruneChangeLog();
    });
  }

  /**
   * Adds or replaces documents by id, all in one transaction. A document older than the one held (lower revision)
   * is skipped: it was read before a change that someone else has indexed already.
   */
  upsert(documents: SearchDocument[]): void {
    if (documents.length === 0) return;
    try {
      this.writeBatch.immediate(documents);
    } catch (error) {
      // Codes and keys handed out inside the rolled-back transaction were never committed.
      this.dictionary.reset();
      this.ids.forget();
      throw error;
    }
  }

  /** Empties the index. The FTS table is dropped and recreated: deleting a million FTS5 rows one by one is slow. */
  clear(): void {
    this.db
      .transaction(() => {
        this.db.exec('DELETE FROM search_documents; DELETE FROM search_changes; DROP TABLE IF EXISTS search_fts;');
        this.db.exec(SEARCH_FTS_DDL);
        this.ids.clear();
        // Emptied, the index is rebuilt in the current format.
        this.db
          .prepare(`UPDATE search_meta SET value = ? WHERE key = '${META.documentFormat}'`)
          .run(String(DOCUMENT_FORMAT));
        this.db.prepare(`UPDATE search_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '${META.epoch}'`).run();
        this.bumpWriteVersion.run();
      })
      .immediate();
  }

  private writeOne(document: SearchDocument): void {
    const row = this.toRow(document);
    const doc = this.ids.find(document.id);
    if (doc === undefined) {
      row[6] = flagBitsOf(document.text);
      const inserted = Number(this.insertDocument.run(document.id, ...row, document.revision).lastInsertRowid);
      this.ids.add(document.id, inserted);
      this.insertText.run(inserted, ...foldedText(document));
      return;
    }
    const existing = this.selectDocument.get(doc) as [...DocumentRow, revision: number];
    const heldRevision = existing[7];
    if (document.revision < heldRevision) return;
    const textChanged = existing[5] !== row[5];
    // The flags follow from the text alone: unchanged text (a status change, the common update) keeps them.
    row[6] = textChanged ? flagBitsOf(document.text) : existing[6];
    if (!textChanged && row.every((value, index) => value === existing[index])) {
      // Readers cache none of the revision, so a newer revision with nothing else changed logs no change.
      if (document.revision > heldRevision) this.updateRevision.run(document.revision, doc);
      return;
    }
    this.updateDocument.run(...row, document.revision, doc);
    if (textChanged) this.updateText.run(...foldedText(document), doc);
    this.logChange.run(doc, textChanged ? 1 : 0);
  }

  private toRow(document: SearchDocument): DocumentRow {
    const postedAt = Date.parse(document.postedAt);
    if (Number.isNaN(postedAt))
      throw new Error(`document ${document.id} has an unreadable postedAt "${document.postedAt}"`);
    return [
      this.dictionary.codeFor(Dimension.agency, document.agencyId),
      this.dictionary.codeFor(Dimension.account, document.accountId),
      this.dictionary.codeFor(Dimension.author, document.authorName),
      packEnums(document.platform, document.kind, document.status, document.hasAttachments),
      postedAt,
      hashText(`${document.text}\u0000${document.priorText}\u0000${document.authorName}`),
      0, // the policy flags, set by writeOne: computed only when the text is new
    ];
  }

  private pruneChangeLog(): void {
    const [oldest, newest] = this.changeLogSpan.get() as [number | null, number | null];
    if (oldest !== null && newest !== null && newest - oldest > 2 * CHANGE_LOG_KEEP) {
      this.pruneChanges.run(newest - CHANGE_LOG_KEEP);
    }
  }
}

function foldedText(document: SearchDocument): [string, string, string] {
  return [foldForIndex(document.text), foldForIndex(document.priorText), foldForIndex(document.authorName)];
}
