import type { PlatformItem, RejectedPayload } from '@verbatim/core';
import type { z } from 'zod';
import { graphTimeToIso } from './mock-clock';
import { MockItemPayloadSchema, MockPagePayloadSchema, type MockItemPayload } from './mock-payload.schema';

type Attachment = PlatformItem['attachments'][number];

/** Reads a page's bytes back as the platform sent them: valid items mapped, invalid ones explained. */
export function readMockPage(raw: Uint8Array): { items: PlatformItem[]; rejected: RejectedPayload[] } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
  } catch (error) {
    return {
      items: [],
      rejected: [{ itemIndex: null, reason: `page is not valid JSON: ${(error as Error).message}` }],
    };
  }
  const page = MockPagePayloadSchema.safeParse(body);
  if (!page.success) {
    return {
      items: [],
      rejected: [{ itemIndex: null, reason: `page envelope invalid: ${describeIssues(page.error.issues)}` }],
    };
  }
  const items: PlatformItem[] = [];
  const rejected: RejectedPayload[] = [];
  page.data.data.forEach((entry, itemIndex) => {
    const parsed = MockItemPayloadSchema.safeParse(entry);
    if (parsed.success) items.push(toPlatformItem(parsed.data));
    else rejected.push({ itemIndex, reason: `item ${describeId(entry)}: ${describeIssues(parsed.error.issues)}` });
  });
  return { items, rejected };
}

/** Maps one validated payload item to our model; the kind follows the thread depth. */
export function toPlatformItem(payload: MockItemPayload): PlatformItem {
  const item: PlatformItem = {
    platformId: payload.id,
    kind: 'post',
    author: { id: payload.from.id, name: payload.from.name },
    text: payload.message,
    url: payload.permalink_url,
    postedAt: graphTimeToIso(payload.created_time),
    hidden: payload.is_hidden,
    attachments: payload.attachments === undefined ? [] : toAttachments(payload.attachments.data),
  };
  if (payload.updated_time !== undefined) item.editedAt = graphTimeToIso(payload.updated_time);
  if (payload.object_type === 'comment') {
    item.kind = payload.parent.id === payload.post_id ? 'comment' : 'reply';
    item.parentPlatformId = payload.parent.id;
    item.threadRootPlatformId = payload.post_id;
  }
  return item;
}

function toAttachments(data: NonNullable<MockItemPayload['attachments']>['data']): Attachment[] {
  const attachments: Attachment[] = [];
  for (const entry of data) {
    const image = entry.media?.image;
    if (image === undefined) continue;
    attachments.push({
      kind: 'image',
      sourceUrl: image.src,
      mediaType: mediaTypeOf(image.src),
      width: image.width,
      height: image.height,
    });
  }
  return attachments;
}

/** Graph says only "photo"; the file name tells the format, when it does. */
function mediaTypeOf(sourceUrl: string): string | undefined {
  const path = sourceUrl.split('?')[0].toLowerCase();
  if (path.endsWith('.png')) return 'image/png';
  if (path.endsWith('.jpg') || path.endsWith('.jpeg')) return 'image/jpeg';
  if (path.endsWith('.gif')) return 'image/gif';
  return undefined;
}

function describeId(entry: unknown): string {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '(no id)';
}

/** One line per failing field, e.g. `created_time: Invalid input: expected string, received undefined`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length === 0 ? '(item)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}
