import type { Connector, IndexBacklog, SearchIndex, SyncStateStore } from '@verbatim/core';
import { indexDocuments } from './index-backlog';

const LOOKUP_BATCH = 100;

/**
 * Tombstones the account's records that this pass did not list and the platform confirms are gone. A record
 * merely missing from a listing is left alone: listings can omit items that still exist.
 */
export async function tombstoneVanished(
  deps: { catalog: SyncStateStore & IndexBacklog; searchIndex: SearchIndex },
  connector: Connector,
  accountId: string,
  pass: { passNumber: number; passToken: string },
  detectedAt: string,
  signal?: AbortSignal,
): Promise<number> {
  const unseen = await deps.catalog.listUnseen(accountId, pass.passNumber);
  let tombstoned = 0;
  for (let start = 0; start < unseen.length; start += LOOKUP_BATCH) {
    const batch = unseen.slice(start, start + LOOKUP_BATCH);
    const gone = new Set(
      await connector.confirmGone(
        pass.passToken,
        batch.map((record) => record.platformId),
        signal,
      ),
    );
    const goneIds = batch.filter((record) => gone.has(record.platformId)).map((record) => record.id);
    if (goneIds.length === 0) continue;
    const documents = await deps.catalog.markGone(accountId, goneIds, detectedAt);
    await indexDocuments(deps, documents);
    tombstoned += goneIds.length;
  }
  return tombstoned;
}
