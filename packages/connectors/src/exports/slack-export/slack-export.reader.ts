import type { Author, ExportBatch, ExportFile, ExportReader, ExportTally, PlatformItem } from '@verbatim/core';
import type { z } from 'zod';
import { jsonArrayElements } from '../json-array-elements';
import { SlackChannelsSchema, SlackMessageSchema, SlackUsersSchema, type SlackMessage } from './slack-export.schema';

const DAY_FILE = /^([^/]+)\/\d{4}-\d{2}-\d{2}\.json$/;

/**
 * A Slack workspace export (Workspace settings → Import/Export Data): a ZIP with `channels.json`, `users.json`
 * and a folder per channel of one JSON file per day. Each message becomes a record (a thread's replies with
 * their parent), its id the channel's and its `ts` (Slack's own message id); `edited` marks an edit. Channel
 * events (joins, topic changes) are skipped; files are linked, since exports do not hold them.
 */
export const slackExportReader: ExportReader = {
  format: 'slack-export',
  recognizes: (names) => names.includes('channels.json') && names.includes('users.json'),
  read: readSlack,
};

async function* readSlack(
  file: ExportFile,
  _account: unknown,
  tally: ExportTally,
  batchSize: number,
): AsyncGenerator<ExportBatch> {
  const users = new Map(
    (await readWhole(file, 'users.json', SlackUsersSchema)).map((user) => [
      user.id,
      { id: user.id, name: user.profile?.real_name || user.real_name || user.name, handle: user.name },
    ]),
  );
  const channels = new Map(
    (await readWhole(file, 'channels.json', SlackChannelsSchema)).map((channel) => [channel.name, channel.id]),
  );
  let batch: ExportBatch = { items: [], rejected: [], mediaFiles: new Map() };
  let ordinal = 0;
  const days = file.names.filter((name) => DAY_FILE.test(name)).sort();
  for (const name of days) {
    const channelName = DAY_FILE.exec(name)![1];
    const channelId = channels.get(channelName) ?? channelName;
    let index = 0;
    for await (const bytes of jsonArrayElements(await file.open(name))) {
      const where = `${name} element ${index}`;
      index += 1;
      const message = parseMessage(bytes);
      if (typeof message === 'string') batch.rejected.push({ itemIndex: ordinal, reason: `${where}: ${message}` });
      else if (message.type !== 'message' || (message.subtype && message.subtype !== 'thread_broadcast'))
        tally.skip(
          'channel events (joins, topic and purpose changes, bots)',
          `${where} (${message.subtype ?? message.type})`,
        );
      else batch.items.push(itemOf(message, channelId, users));
      ordinal += 1;
      if (batch.items.length + batch.rejected.length >= batchSize) {
        yield batch;
        batch = { items: [], rejected: [], mediaFiles: new Map() };
      }
    }
  }
  if (batch.items.length + batch.rejected.length > 0) yield batch;
}

function parseMessage(bytes: Buffer): SlackMessage | string {
  try {
    const parsed = SlackMessageSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (parsed.success) return parsed.data;
    return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  } catch (error) {
    return (error as Error).message;
  }
}

function itemOf(message: SlackMessage, channelId: string, users: Map<string, Author>): PlatformItem {
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const item: PlatformItem = {
    platformId: `${channelId}-${message.ts}`,
    kind: isReply ? 'reply' : 'message',
    author: (message.user && users.get(message.user)) || { name: message.user ?? 'unknown', id: message.user },
    // Mentions are written <@U123>: shown as the person's name, as Slack does.
    text: message.text.replace(/<@([A-Z0-9]+)>/g, (_all, id: string) => `@${users.get(id)?.handle ?? id}`),
    postedAt: timeOf(message.ts),
    hidden: false,
    attachments: message.files.flatMap((entry) =>
      entry.url_private ? [{ kind: 'file' as const, sourceUrl: entry.url_private, mediaType: entry.mimetype }] : [],
    ),
  };
  if (isReply) {
    item.parentPlatformId = `${channelId}-${message.thread_ts}`;
    item.threadRootPlatformId = item.parentPlatformId;
  }
  if (message.edited) item.editedAt = timeOf(message.edited.ts);
  return item;
}

function timeOf(ts: string): string {
  return new Date(Math.floor(Number(ts) * 1000)).toISOString();
}

async function readWhole<T>(file: ExportFile, name: string, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of await file.open(name)) chunks.push(chunk as Buffer);
  return schema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
}
