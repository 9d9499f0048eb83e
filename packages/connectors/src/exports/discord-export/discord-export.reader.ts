import path from 'node:path';
import type { ExportBatch, ExportFile, ExportReader, ExportTally, PlatformItem } from '@verbatim/core';
import { z } from 'zod';
import { jsonArrayElements } from '../json-array-elements';

/** A message as DiscordChatExporter writes it (its JSON format, the one Discord channel exports are made with). */
const DiscordMessageSchema = z.looseObject({
  id: z.string().regex(/^\d+$/, 'a Discord id is digits'),
  type: z.string(),
  timestamp: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'),
  timestampEdited: z.string().nullable().optional(),
  content: z.string().default(''),
  author: z.looseObject({ id: z.string(), name: z.string(), nickname: z.string().optional() }),
  attachments: z.array(z.looseObject({ url: z.string(), fileName: z.string().optional() })).default([]),
  reference: z.looseObject({ messageId: z.string().nullable().optional() }).nullable().optional(),
});
type DiscordMessage = z.infer<typeof DiscordMessageSchema>;

const CHANNEL_FILE = /\[\d+\]\.json$/;

/** Message types that are people writing; the rest (joins, pins, boosts of the server) are events. */
const WRITTEN = new Set(['Default', 'Reply']);

/**
 * A Discord channel exported with DiscordChatExporter as JSON (`{ guild, channel, messages: [ … ] }`), one
 * file per channel, alone or several in a ZIP. Each message is a record with Discord's own id; a reply names
 * the message it answers; `timestampEdited` is the edit time. Attachments exported beside the JSON
 * (`--media`) are archived; otherwise their links are kept.
 */
export const discordExportReader: ExportReader = {
  format: 'discord-export',
  // DiscordChatExporter names each file `<server> - <channel> [<channel id>].json`.
  recognizes: (names) => names.some((name) => CHANNEL_FILE.test(name)),
  read: readDiscord,
};

async function* readDiscord(
  file: ExportFile,
  _account: unknown,
  tally: ExportTally,
  batchSize: number,
): AsyncGenerator<ExportBatch> {
  const present = new Set(file.names);
  let batch: ExportBatch = { items: [], rejected: [], mediaFiles: new Map() };
  let ordinal = 0;
  for (const name of file.names.filter((entry) => CHANNEL_FILE.test(entry))) {
    let index = 0;
    for await (const bytes of jsonArrayElements(await file.open(name), '"messages"')) {
      const where = `${name} message ${index}`;
      index += 1;
      const parsed = parse(bytes);
      if (typeof parsed === 'string') batch.rejected.push({ itemIndex: ordinal, reason: `${where}: ${parsed}` });
      else if (!WRITTEN.has(parsed.type))
        tally.skip('channel events (joins, pins, calls)', `${where} (${parsed.type})`);
      else batch.items.push(itemOf(parsed, path.posix.dirname(name), present, batch.mediaFiles));
      ordinal += 1;
      if (batch.items.length + batch.rejected.length >= batchSize) {
        yield batch;
        batch = { items: [], rejected: [], mediaFiles: new Map() };
      }
    }
  }
  if (batch.items.length + batch.rejected.length > 0) yield batch;
}

function parse(bytes: Buffer): DiscordMessage | string {
  try {
    const parsed = DiscordMessageSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (parsed.success) return parsed.data;
    return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  } catch (error) {
    return (error as Error).message;
  }
}

function itemOf(
  message: DiscordMessage,
  folder: string,
  present: Set<string>,
  mediaFiles: Map<string, string>,
): PlatformItem {
  const parent = message.reference?.messageId ?? undefined;
  const item: PlatformItem = {
    platformId: message.id,
    kind: parent ? 'reply' : 'message',
    author: {
      id: message.author.id,
      name: message.author.nickname || message.author.name,
      handle: message.author.name,
    },
    text: message.content,
    postedAt: new Date(message.timestamp).toISOString(),
    hidden: false,
    attachments: message.attachments.map((attachment) => {
      // With --media the url is the file's path beside the JSON.
      const local = path.posix.normalize(folder === '.' ? attachment.url : `${folder}/${attachment.url}`);
      if (present.has(local)) mediaFiles.set(attachment.url, local);
      return {
        kind: /\.(png|jpe?g|gif|webp)$/i.test(attachment.url) ? ('image' as const) : ('file' as const),
        sourceUrl: attachment.url,
      };
    }),
  };
  if (parent) item.parentPlatformId = parent;
  if (message.timestampEdited) item.editedAt = new Date(message.timestampEdited).toISOString();
  return item;
}
