import { recordIdFor, type ApplyPageInput, type PreparedItem, type SearchDocument } from '@verbatim/core';
import type { AccountContext } from './account.repository';
import type { ExistingRecord } from './existing-records';
import type { Queryable } from './postgres-pool';
import { newRecordStatus } from '../record-status-rules';

/** Per-item columns, sent as one array each and zipped back into rows by unnest. */
const ITEM_ARRAYS = `unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
  $13::text[], $14::text[], $15::text[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[], $19::text[],
  $20::text[], $21::text[]) WITH ORDINALITY AS i(id, kind, platform_id, parent_platform_id, thread_root_platform_id,
  author_id, author_name, author_handle, text, url, posted_at, edited_at, hidden_at, status, attachments, content_hash,
  position)`;

/**
 * Inserted rows keep the order of the arrays, so concurrent pages insert shared keys in one global order.
 * NOT EXISTS leaves out the items already archived before they draw a seq (ON CONFLICT alone would draw one
 * per item and throw it away); ON CONFLICT still settles the race with a page committing meanwhile.
 */
const INSERT_RECORDS = `INSERT INTO records (id, account_id, agency_id, platform, kind, platform_id, parent_platform_id,
    thread_root_platform_id, author_id, author_name, author_handle, text, url, posted_at, edited_at, first_captured_at,
    last_seen_at, last_seen_pass, hidden_at, status, attachments, content_hash, version_count)
  SELECT i.id, $1, $2, $3, i.kind, i.platform_id, i.parent_platform_id, i.thread_root_platform_id, i.author_id,
    i.author_name, i.author_handle, i.text, i.url, i.posted_at, i.edited_at, $4, $4, $5, i.hidden_at, i.status,
    i.attachments::jsonb, i.content_hash, 1
  FROM ${ITEM_ARRAYS}
  WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.account_id = $1 AND r.platform_id = i.platform_id)
  ORDER BY i.position
  ON CONFLICT (account_id, platform_id) DO NOTHING
  RETURNING seq, id, platform_id`;

const INSERT_FIRST_VERSIONS = `INSERT INTO record_versions (record_seq, version, text, attachments, edited_at,
    content_hash, captured_at, raw_capture_sha256, author_id, author_name, author_handle)
  SELECT seq, 1, text, attachments, edited_at, content_hash, first_captured_at, $2, author_id, author_name, author_handle
  FROM records WHERE seq = ANY($1::bigint[])`;

const QUEUE_FOR_INDEX = `INSERT INTO index_backlog (record_seq, record_id)
  SELECT seq, id FROM records WHERE seq = ANY($1::bigint[]) ON CONFLICT DO NOTHING`;

export interface CreatedRecords {
  /** The records this page created, by platform id, in the state a later item of the page starts from. */
  records: Map<string, ExistingRecord>;
  documents: SearchDocument[];
}

/**
 * Creates the records of items no record exists for: one INSERT … ON CONFLICT DO NOTHING for the page, so an
 * item another worker created meanwhile is left to it (and then applied here as an existing record). Version 1
 * and the index backlog rows are copied from the inserted rows inside PostgreSQL, one statement each.
 */
export class NewRecordWriter {
  /**
   * `items` must have distinct platform ids, sorted by platform id (the order every worker inserts in, so two
   * pages sharing items wait on each other rather than deadlock). Returns what was actually created.
   */
  async create(
    client: Queryable,
    input: ApplyPageInput,
    account: AccountContext,
    items: PreparedItem[],
  ): Promise<CreatedRecords> {
    const created: CreatedRecords = { records: new Map(), documents: [] };
    if (items.length === 0) return created;
    const { rows } = await client.query<{ seq: number; id: string; platform_id: string }>(INSERT_RECORDS, [
      input.accountId,
      account.agencyId,
      account.platform,
      input.capturedAt,
      input.passNumber,
      ...itemArrays(input, items),
    ]);
    if (rows.length === 0) return created;
    const seqs = rows.map((row) => row.seq);
    await client.query(INSERT_FIRST_VERSIONS, [seqs, input.capture.sha256]);
    await client.query(QUEUE_FOR_INDEX, [seqs]);
    const itemsById = new Map(items.map((item) => [item.platformId, item]));
    for (const row of rows) {
      const item = itemsById.get(row.platform_id)!;
      created.records.set(row.platform_id, {
        platform_id: row.platform_id,
        seq: row.seq,
        id: row.id,
        content_hash: item.contentHash,
        hidden_at: item.hidden ? input.capturedAt : null,
        status: newRecordStatus(item),
        version_count: 1,
      });
      created.documents.push(documentOf(row.id, item, input, account));
    }
    return created;
  }
}

/** The per-item arrays, in ITEM_ARRAYS order. */
function itemArrays(input: ApplyPageInput, items: PreparedItem[]): unknown[][] {
  const column = <T>(value: (item: PreparedItem) => T): T[] => items.map(value);
  return [
    column((item) => recordIdFor(input.accountId, item.platformId)),
    column((item) => item.kind),
    column((item) => item.platformId),
    column((item) => item.parentPlatformId ?? null),
    column((item) => item.threadRootPlatformId ?? null),
    column((item) => item.author.id ?? null),
    column((item) => item.author.name),
    column((item) => item.author.handle ?? null),
    column((item) => item.text),
    column((item) => item.url ?? null),
    column((item) => item.postedAt),
    column((item) => item.editedAt ?? null),
    column((item) => (item.hidden ? input.capturedAt : null)),
    column(newRecordStatus),
    column((item) => JSON.stringify(item.attachments)),
    column((item) => item.contentHash),
  ];
}

/** The document of a record just created from `item`: what listSearchDocuments would read back. */
function documentOf(id: string, item: PreparedItem, input: ApplyPageInput, account: AccountContext): SearchDocument {
  return {
    id,
    accountId: input.accountId,
    agencyId: account.agencyId,
    platform: account.platform,
    kind: item.kind,
    status: newRecordStatus(item),
    authorName: item.author.name,
    text: item.text,
    priorText: '',
    postedAt: item.postedAt,
    hasAttachments: item.attachments.length > 0,
    revision: 1,
  };
}
