import type { Database, Statement } from 'better-sqlite3';
import type { SearchDocument } from '@verbatim/core';
import { hashText, packEnums } from './document-codes';

type StoredRow = { agency: string; account: string; author: string; enums: number; posted_at: number; text_hash: number };

/**
 * Reads back what the index holds for documents and compares it with them, field by field as the writer
 * stores them (dictionary values, packed enums, posting time, text hash). Runs on the reading connection.
 */
export class StoredDocuments {
  private readonly select: Statement<[string], StoredRow>;

  constructor(db: Database) {
    this.select = db.prepare<[string], StoredRow>(`SELECT agency.value AS agency, account.value AS account, author.value AS author,
        d.enums, d.posted_at, d.text_hash
      FROM search_documents d
      JOIN search_dictionary agency ON agency.code = d.agency
      JOIN search_dictionary account ON account.code = d.account
      JOIN search_dictionary author ON author.code = d.author
      WHERE d.id = ?`);
  }

  verify(documents: SearchDocument[]): Array<{ id: string; state: 'same' | 'different' | 'missing' }> {
    return documents.map((document) => {
      const row = this.select.get(document.id);
      if (!row) return { id: document.id, state: 'missing' as const };
      const same = row.agency === document.agencyId && row.account === document.accountId && row.author === document.authorName
        && row.enums === packEnums(document.platform, document.kind, document.status, document.hasAttachments)
        && row.posted_at === Date.parse(document.postedAt)
        && row.text_hash === hashText(`${document.text}\u0000${document.priorText}\u0000${document.authorName}`);
      return { id: document.id, state: same ? 'same' as const : 'different' as const };
    });
  }
}
