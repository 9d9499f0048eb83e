import { recordIdFor, type PreparedItem, type RecordReader } from '@verbatim/core';

/**
 * Leaves out items whose content is an earlier version of their record. The catalog makes a new version when an
 * item differs from the record's current content, which is right for a platform's "now", but an export holds
 * the past too: every edit of an edited tweet, or an old text in an export older than the last sync. Applied
 * again, such an item would come back as a newer version. An item is kept when its content is new, is the
 * record's current content (it counts as seen, unchanged), or follows a new one in the batch (an edit back to
 * an earlier text). Versions are read only for records whose current content differs, which is rare.
 */
export async function withoutEarlierVersions(
  catalog: RecordReader,
  accountId: string,
  items: PreparedItem[],
): Promise<{ items: PreparedItem[]; earlier: number }> {
  const ids = [...new Set(items.map((item) => item.platformId))];
  const records = new Map(
    (await catalog.getRecords(ids.map((platformId) => recordIdFor(accountId, platformId)))).map((record) => [
      record.platformId,
      record,
    ]),
  );
  const versionHashes = new Map<string, Set<string>>();
  const changedSince = new Set<string>(); // platform ids that had a new content earlier in this batch
  const kept: PreparedItem[] = [];
  for (const item of items) {
    const record = records.get(item.platformId);
    if (!record || record.contentHash === item.contentHash || changedSince.has(item.platformId)) {
      kept.push(item);
      continue;
    }
    let hashes = versionHashes.get(record.id);
    if (!hashes) {
      hashes = new Set((await catalog.listVersions(record.id)).map((version) => version.contentHash));
      versionHashes.set(record.id, hashes);
    }
    if (hashes.has(item.contentHash)) continue;
    changedSince.add(item.platformId);
    kept.push(item);
  }
  return { items: kept, earlier: items.length - kept.length };
}
