import {
  contentHashOf,
  sha256Hex,
  type Account,
  type AccountRegistry,
  type ApplyPageInput,
  type Attachment,
  type Catalog,
  type PreparedItem,
  type RejectedPayload,
} from '@verbatim/core';

/** What a conformance case gets: a fresh, empty catalog and a way to reach below it. */
export interface CatalogHarness {
  catalog: Catalog;
  /**
   * Runs one raw SQL statement against the adapter's database, to prove the storage itself refuses what the
   * code never attempts (rewriting audit entries, versions, captures). Table names are part of the contract.
   */
  execute: (sql: string) => Promise<void>;
  /** Closes the catalog and removes whatever the harness created. */
  close(): Promise<void>;
}

/** Creates a harness around a new, empty catalog; called before every case. */
export type CatalogHarnessFactory = () => Promise<CatalogHarness>;

/** Fixed instants, so cases can compare timestamps exactly. */
export const T = {
  pass1: '2024-03-01T10:00:00.000Z',
  pass2: '2024-03-02T10:00:00.000Z',
  pass3: '2024-03-03T10:00:00.000Z',
  pass4: '2024-03-04T10:00:00.000Z',
} as const;

/** An item as an ingest worker would prepare it: the content hash computed by the core's rule. */
export function makeItem(platformId: string, overrides: Partial<Omit<PreparedItem, 'contentHash'>> = {}): PreparedItem {
  const base: Omit<PreparedItem, 'contentHash'> = {
    platformId,
    kind: 'post',
    author: { id: 'u-1', name: 'Town Clerk', handle: 'clerk' },
    text: `text of ${platformId}`,
    url: `https://example.test/${platformId}`,
    postedAt: '2024-02-01T09:00:00.000Z',
    hidden: false,
    attachments: [],
    ...overrides,
  };
  return { ...base, contentHash: contentHashOf(base) };
}

export function archivedAttachment(sourceUrl: string): Attachment {
  const sha256 = sha256Hex(sourceUrl);
  return { kind: 'image', sourceUrl, mediaType: 'image/png', sha256, archiveKey: `media/${sha256}`, byteLength: 42 };
}

/** A page of items with a capture whose bytes (and so hash) are named by `label`. */
export function makePage(
  accountId: string,
  label: string,
  items: PreparedItem[],
  options: { passNumber?: number; capturedAt?: string; rejected?: RejectedPayload[]; nextCursor?: string | null } = {},
): ApplyPageInput {
  const sha256 = sha256Hex(label);
  const capturedAt = options.capturedAt ?? T.pass1;
  return {
    accountId,
    passNumber: options.passNumber ?? 1,
    capture: {
      sha256,
      key: `raw/${sha256}`,
      accountId,
      contentType: 'application/json',
      byteLength: label.length,
      source: `https://api.example.test/${label}`,
      capturedAt,
    },
    items,
    rejected: options.rejected ?? [],
    nextCursor: options.nextCursor === undefined ? null : options.nextCursor,
    capturedAt,
  };
}

/** An agency and one account in it, the starting point of most cases. */
export async function createAccount(catalog: AccountRegistry, handle = 'townofexample'): Promise<Account> {
  const agency = await catalog.createAgency({ name: 'Office of the Town Clerk', kind: 'department' });
  return catalog.createAccount({
    agencyId: agency.id,
    platform: 'mock',
    handle,
    status: 'active',
    connector: { type: 'mock', seed: 1 },
    syncIntervalMinutes: 60,
    administrators: [{ name: 'Ada Admin' }, { name: 'Bo Admin', email: 'bo@example.test' }],
    moderators: [{ name: 'Mo Moderator' }],
  });
}
