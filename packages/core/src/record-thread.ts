import type { ArchiveRecord } from './record.schema';
import type { RecordReader } from './ports/record-reader.port';

const MAX_ANCESTORS = 20;

/** The chain of parents up to the thread's root post (root first), and the record's direct replies. */
export async function loadThread(
  catalog: RecordReader,
  record: ArchiveRecord,
): Promise<{ ancestors: ArchiveRecord[]; replies: ArchiveRecord[] }> {
  const ancestors: ArchiveRecord[] = [];
  let parentId = record.parentPlatformId;
  while (parentId && ancestors.length < MAX_ANCESTORS) {
    const parent = await catalog.getRecordByPlatformId(record.accountId, parentId);
    if (!parent) break;
    ancestors.unshift(parent);
    parentId = parent.parentPlatformId;
  }
  const replies = await catalog.listReplies(record.accountId, record.platformId);
  return { ancestors, replies };
}
