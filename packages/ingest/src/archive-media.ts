import { Attachment, Catalog, Connector, ObjectStore, PlatformItem, PreparedItem, contentHashOf, mediaKey, sha256Hex } from '@verbatim/core';

const MEDIA_CONCURRENCY = 8;

/**
 * Turns a page's items into prepared items, downloading each attachment not yet archived for the account.
 * Platform media links expire, so bytes are fetched now. A download that fails leaves the attachment without
 * a hash; the next pass tries again, since only archived media is remembered.
 */
export async function archiveItems(
  deps: { catalog: Catalog; objectStore: ObjectStore },
  connector: Connector,
  accountId: string,
  items: PlatformItem[],
  signal?: AbortSignal,
): Promise<{ items: PreparedItem[]; mediaArchived: number }> {
  const sourceUrls = [...new Set(items.flatMap((item) => item.attachments.map((attachment) => attachment.sourceUrl)))];
  const archived = sourceUrls.length > 0 ? await deps.catalog.findArchivedMedia(accountId, sourceUrls) : new Map<string, Attachment>();
  const missing = sourceUrls.filter((url) => !archived.has(url));
  const downloaded = await downloadAll(deps.objectStore, connector, missing, signal);
  for (const [url, attachment] of downloaded) archived.set(url, attachment);
  const prepared = items.map((item): PreparedItem => ({
    ...item,
    attachments: item.attachments.map((attachment) => ({ ...attachment, ...pickArchived(archived.get(attachment.sourceUrl)) })),
    contentHash: contentHashOf(item),
  }));
  return { items: prepared, mediaArchived: downloaded.size };
}

function pickArchived(archived: Attachment | undefined): Partial<Attachment> {
  if (!archived?.sha256) return {};
  return { sha256: archived.sha256, archiveKey: archived.archiveKey, byteLength: archived.byteLength, mediaType: archived.mediaType };
}

async function downloadAll(store: ObjectStore, connector: Connector, urls: string[], signal?: AbortSignal): Promise<Map<string, Attachment>> {
  const results = new Map<string, Attachment>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const attachment = await downloadOne(store, connector, url, signal);
      if (attachment) results.set(url, attachment);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MEDIA_CONCURRENCY, urls.length) }, worker));
  return results;
}

async function downloadOne(store: ObjectStore, connector: Connector, url: string, signal?: AbortSignal): Promise<Attachment | null> {
  let media;
  try {
    media = await connector.fetchMedia(url, signal);
  } catch (error) {
    if ((error as Error).name === 'RateLimitedError') throw error;
    return null;
  }
  const sha256 = sha256Hex(media.bytes);
  const archiveKey = mediaKey(sha256);
  await store.put(archiveKey, media.bytes, { contentType: media.contentType });
  return { kind: 'image', sourceUrl: url, sha256, archiveKey, byteLength: media.bytes.byteLength, mediaType: media.contentType };
}
