import type { Database, Statement } from 'better-sqlite3';
import type { SearchDocument } from '@verbatim/core';
import { flagBitsOf, hashText, packEnums } from './document-codes';

type StoredRow = {
  id: string;
  agency: string;
  account: string;
  author: string;
  enums: number;
  posted_at: number;
  text_hash: number;
  flags: number;
};

/**
 * Reads back what the index holds for documents and compares it with them, field by field as the writer
 * stores them (dictionary values, packed enums, posting time, text hash, policy flags). Runs on the reading connection.
 */
export class StoredDocuments {
  private readonly select: Statement<[{ ids: string }], StoredRow>;

  constructor(db: Database) {
    // One statement for all the ids: the id tail has no index of its own, so it is scanned once, not per id.
    this.select = db.prepare<[{ ids: string }], StoredRow>(`SELECT keys.id, agency.value AS agency,
        account.value AS account, author.value AS author, d.enums, d.posted_at, d.text_hash, d.flags
      FROM (SELECT id, doc FROM search_ids WHERE id IN (SELECT value FROM json_each(@ids))
        UNION ALL SELECT id, doc FROM search_ids_tail WHERE id IN (SELECT value FROM json_each(@ids))) keys
      JOIN search_documents d ON d.doc = keys.doc
      JOIN search_dictionary agency ON agency.code = d.agency
      JOIN search_dictionary account ON account.code = d.account
      JOIN search_dictionary author ON author.code = d.author`);
  }

  verify(documents: SearchDocument[]): Array<{ id: string; state: 'same' | 'different' | 'missing' }> {
    const stored = new Map(
      this.select.all({ ids: JSON.stringify(documents.map((document) => document.id)) }).map((row) => [row.id, row]),
    );
    return documents.map((document) => {
      const row = stored.get(document.id);
      if (!row) return { id: document.id, state: 'missing' as const };
      const same =
        row.agency === document.agencyId &&
        row.account === document.accountId &&
        row.author === document.authorName &&
        row.enums === packEnums(document.platform, document.kind, document.status, document.hasAttachments) &&
        row.posted_at === Date.parse(document.postedAt) &&
        row.text_hash === hashText(`${document.text}\u0000${document.priorText}\u0000${document.authorName}`) &&
        row.flags === flagBitsOf(document.text);
      return { id: document.id, state: same ? ('same' as const) : ('different' as const) };
    });
  }
}
