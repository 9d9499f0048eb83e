import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export const ARCHIVE_ACTOR = 'https://gov.social/users/townofx';

/** A status of a generated outbox. */
export interface OutboxStatus {
  id: string;
  html: string;
  published: string;
  updated?: string;
  inReplyTo?: string;
  summary?: string;
  /** Files under `media_attachments/files/`, attached to the status. */
  media?: Array<{ name: string; bytes: Buffer; mediaType: string }>;
}

const statusUrl = (id: string) => `${ARCHIVE_ACTOR}/statuses/${id}`;

/** The Create activity Mastodon writes for a status. */
export function createActivity(status: OutboxStatus): unknown {
  return {
    id: `${statusUrl(status.id)}/activity`,
    type: 'Create',
    actor: ARCHIVE_ACTOR,
    published: status.published,
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    object: {
      id: statusUrl(status.id),
      type: 'Note',
      summary: status.summary ?? null,
      inReplyTo: status.inReplyTo ? statusUrl(status.inReplyTo) : null,
      published: status.published,
      ...(status.updated ? { updated: status.updated } : {}),
      url: `https://gov.social/@townofx/${status.id}`,
      attributedTo: ARCHIVE_ACTOR,
      content: status.html,
      attachment: (status.media ?? []).map((file) => ({
        type: 'Document',
        mediaType: file.mediaType,
        url: `/media_attachments/files/${file.name}`,
        name: null,
      })),
    },
  };
}

/** A boost of another account's status. */
export function announceActivity(id: string, published: string): unknown {
  return {
    id: `${statusUrl(id)}/activity`,
    type: 'Announce',
    actor: ARCHIVE_ACTOR,
    published,
    object: 'https://other.example/statuses/9',
  };
}

/** outbox.json: an OrderedCollection of the activities (elements given as-is, so a test can break one). */
export function outboxJson(activities: unknown[]): string {
  return JSON.stringify({
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: 'outbox.json',
    type: 'OrderedCollection',
    totalItems: activities.length,
    orderedItems: activities,
  });
}

/** Writes a Mastodon archive ZIP: outbox.json, actor.json and the statuses' media files. */
export async function writeMastodonArchive(
  filePath: string,
  activities: unknown[],
  statuses: OutboxStatus[],
): Promise<void> {
  const zip = new ZipFile();
  const out = zip.outputStream.pipe(createWriteStream(filePath));
  zip.addBuffer(Buffer.from(outboxJson(activities)), 'outbox.json');
  zip.addBuffer(
    Buffer.from(JSON.stringify({ id: ARCHIVE_ACTOR, type: 'Person', preferredUsername: 'townofx', name: 'Town of X' })),
    'actor.json',
  );
  for (const status of statuses)
    for (const file of status.media ?? []) zip.addBuffer(file.bytes, `media_attachments/files/${file.name}`);
  zip.end();
  await finished(out);
}
