import {
  Attachment,
  Connector,
  ObjectStore,
  PlatformItem,
  PreparedItem,
  RecordReader,
  contentHashOf,
  mediaKey,
  sha256Hex,
} from '@verbatim/core';

const MEDIA_CONCURRENCY = 8;

/**
 * Turns a page's items into prepared items, downloading each attachment not yet archived for the account.
 * Platform media links expire, so bytes are fetched now. A download that fails leaves the attachment without
 * a hash; the next pass tries again, since only archived media is remembered.
 */
export async function archiveItems(
  deps: { catalog: RecordReader; objectStore: ObjectStore },
  connector: Pick<Connector, 'fetchMedia'>,
  accountId: string,
  items: PlatformItem[],
  signal?: AbortSignal,
): Promise<{ items: PreparedItem[]; mediaArchived: number }> {
  const sourceUrls = [...new Set(items.flatMap((item) => item.attachments.map((attachment) => attachment.sourceUrl)))];
  const archived =
    sourceUrls.length > 0 ? await deps.catalog.findArchivedMedia(accountId, sourceUrls) : new Map<string, Attachment>();
  const missing = sourceUrls.filter((url) => !archived.has(url));
  const downloaded = await downloadAll(deps.objectStore, connector, missing, signal);
  for (const [url, attachment] of downloaded) archived.set(url, attachment);
  const prepared = items.map((item) =>
    prepareItem(
      item,
      item.attachments.map((attachment) => ({ ...attachment, ...pickArchived(archived.get(attachment.sourceUrl)) })),
    ),
  );
  return { items: prepared, mediaArchived: downloaded.size };
}

/**
 * The item with its archived attachments and content hash. Built field by field rather than as
 * `{ ...item, attachments, contentHash }`: V8 stores an object spread and then extended as a hash table, about
 * 530 bytes against 170, and a page's items live long enough (fetched ahead, then sent to the catalog) for
 * the garbage collector to copy every one of them.
 */
export function prepareItem(item: PlatformItem, attachments: Attachment[]): PreparedItem {
  const prepared: PreparedItem = {
    platformId: item.platformId,
    kind: item.kind,
    author: item.author,
    text: item.text,
    postedAt: item.postedAt,
    hidden: item.hidden,
    attachments,
    contentHash: contentHashOf(item),
  };
  if (item.parentPlatformId !== undefined) prepared.parentPlatformId = item.parentPlatformId;
  if (item.threadRootPlatformId !== undefined) prepared.threadRootPlatformId = item.threadRootPlatformId;
  if (item.url !== undefined) prepared.url = item.url;
  if (item.editedAt !== undefined) prepared.editedAt = item.editedAt;
  return prepared;
}

function pickArchived(archived: Attachment | undefined): Partial<Attachment> {
  if (!archived?.sha256) return {};
  return {
    sha256: archived.sha256,
    archiveKey: archived.archiveKey,
    byteLength: archived.byteLength,
    mediaType: archived.mediaType,
  };
}

async function downloadAll(
  store: ObjectStore,
  connector: Pick<Connector, 'fetchMedia'>,
  urls: string[],
  signal?: AbortSignal,
): Promise<Map<string, Attachment>> {
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

async function downloadOne(
  store: ObjectStore,
  connector: Pick<Connector, 'fetchMedia'>,
  url: string,
  signal?: AbortSignal,
): Promise<Attachment | null> {
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
  return {
    kind: 'image',
    sourceUrl: url,
    sha256,
    archiveKey,
    byteLength: media.bytes.byteLength,
    mediaType: media.contentType,
  };
}
