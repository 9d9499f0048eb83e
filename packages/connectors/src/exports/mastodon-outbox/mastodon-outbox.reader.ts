import path from 'node:path';
import type { Account, Author, ExportBatch, ExportFile, ExportReader, ExportTally, PlatformItem } from '@verbatim/core';
import { textOf } from '../../mastodon/mastodon-items';
import { jsonArrayElements } from '../json-array-elements';
import {
  OutboxActivitySchema,
  OutboxActorSchema,
  OutboxNoteSchema,
  type OutboxNote,
} from './mastodon-outbox-payload.schema';

const OUTBOX = 'outbox.json';

/**
 * Mastodon's export ("Request your archive"): a ZIP with `outbox.json` (an ActivityStreams OrderedCollection whose
 * `orderedItems` are the account's Create and Announce activities), `actor.json` and `media_attachments/`; or
 * `outbox.json` uploaded alone. Statuses keep the instance's id (the last part of their address), so they
 * meet the records a Mastodon connector made of the same statuses. Boosts are left out: the words are another
 * account's.
 */
export const mastodonOutboxReader: ExportReader = {
  format: 'mastodon-outbox',
  recognizes: (names) => names.some((name) => path.posix.basename(name) === OUTBOX),
  read: readOutbox,
};

async function* readOutbox(
  file: ExportFile,
  account: Account,
  tally: ExportTally,
  batchSize: number,
): AsyncGenerator<ExportBatch> {
  const outbox = file.names.find((name) => path.posix.basename(name) === OUTBOX)!;
  const root = path.posix.dirname(outbox) === '.' ? '' : `${path.posix.dirname(outbox)}/`;
  const present = new Set(file.names);
  tally.foundMedia(file.names.filter((name) => name.startsWith(`${root}media_attachments/`)).length);
  const author = await authorOf(file, `${root}actor.json`, account);
  let batch: ExportBatch = { items: [], rejected: [], mediaFiles: new Map() };
  let index = 0;
  for await (const bytes of jsonArrayElements(await file.open(outbox), '"orderedItems"')) {
    const where = `${outbox} item ${index}`;
    const note = noteOf(bytes, where, index, batch, tally);
    index += 1;
    if (note) batch.items.push(itemOf(note, author, root, present, batch.mediaFiles));
    if (batch.items.length + batch.rejected.length >= batchSize) {
      yield batch;
      batch = { items: [], rejected: [], mediaFiles: new Map() };
    }
  }
  if (batch.items.length + batch.rejected.length > 0) yield batch;
}

/** The activity's status, or null: a boost is skipped, an unreadable element quarantined. */
function noteOf(
  bytes: Buffer,
  where: string,
  index: number,
  batch: ExportBatch,
  tally: ExportTally,
): OutboxNote | null {
  let activity;
  try {
    activity = OutboxActivitySchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (error) {
    batch.rejected.push({ itemIndex: index, reason: `${where}: ${(error as Error).message}` });
    return null;
  }
  if (activity.type === 'Announce') {
    tally.skip("boosts: another account's post, kept only in the archived export", where);
    return null;
  }
  if (activity.type !== 'Create') {
    tally.skip('activities other than posting a status', `${where} (${activity.type})`);
    return null;
  }
  const note = OutboxNoteSchema.safeParse(activity.object);
  if (!note.success) {
    const problems = note.error.issues.map((issue) => `object.${issue.path.join('.')}: ${issue.message}`).join('; ');
    batch.rejected.push({ itemIndex: index, reason: `${where}: ${problems}` });
    return null;
  }
  return note.data;
}

function itemOf(
  note: OutboxNote,
  author: Author,
  root: string,
  present: Set<string>,
  mediaFiles: Map<string, string>,
): PlatformItem {
  const item: PlatformItem = {
    platformId: lastSegment(note.id),
    kind: note.inReplyTo ? 'reply' : 'post',
    author,
    text: textOf({ content: note.content, spoiler_text: note.summary ?? '' }),
    url: note.url ?? note.id,
    postedAt: new Date(note.published).toISOString(),
    hidden: false,
    attachments: note.attachment.map((attachment) => {
      const inArchive = `${root}${attachment.url.replace(/^\//, '')}`;
      if (present.has(inArchive)) mediaFiles.set(attachment.url, inArchive);
      const kind = attachment.mediaType?.startsWith('video/') ? ('video' as const) : ('image' as const);
      return {
        kind,
        sourceUrl: attachment.url,
        mediaType: attachment.mediaType,
        width: attachment.width,
        height: attachment.height,
      };
    }),
  };
  if (note.updated && note.updated !== note.published) item.editedAt = new Date(note.updated).toISOString();
  if (note.inReplyTo) item.parentPlatformId = lastSegment(note.inReplyTo);
  return item;
}

/** `https://gov.social/users/townofx/statuses/1099` → `1099`, the id the instance's API uses. */
function lastSegment(address: string): string {
  return address.replace(/\/+$/, '').split('/').pop() || address;
}

async function authorOf(file: ExportFile, actorFile: string, account: Account): Promise<Author> {
  const fallback: Author = { name: account.displayName ?? account.handle, handle: account.handle };
  if (!file.names.includes(actorFile)) return fallback;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await file.open(actorFile)) chunks.push(chunk as Buffer);
    const actor = OutboxActorSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    return { id: actor.id, name: actor.name || actor.preferredUsername, handle: actor.preferredUsername };
  } catch {
    return fallback; // an unreadable actor.json costs only the author's name
  }
}
