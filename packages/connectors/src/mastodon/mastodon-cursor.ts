import { z } from 'zod';

/**
 * What a pass knows about the account and the instance's clock. `at` is the instance's time when the pass
 * began (its `Date` header); `since` the previous pass's `at`. Edits are split between passes by these
 * instants, so each edit becomes a version exactly once (see `versionsToEmit`).
 */
export interface MastodonPass {
  accountId: string;
  at: string;
  since: string | null;
}

/** Work left in a pass: a listing page, then each listed status's context and edit history. */
export type MastodonTask =
  | { kind: 'context'; statusId: string }
  | {
      kind: 'history';
      statusId: string;
      url: string | null;
      inReplyToId: string | null;
      inReplyToAccountId: string | null;
      threadRootId: string | null;
    };

export interface MastodonCursor {
  /** Path and query of the next listing page (the `Link: rel="next"` target); null once the listing ended. */
  listing: string | null;
  tasks: MastodonTask[];
}

const PassSchema = z.strictObject({
  accountId: z.string().min(1),
  at: z.iso.datetime(),
  since: z.iso.datetime().nullable(),
});
const TaskSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('context'), statusId: z.string() }),
  z.strictObject({
    kind: z.literal('history'),
    statusId: z.string(),
    url: z.string().nullable(),
    inReplyToId: z.string().nullable(),
    inReplyToAccountId: z.string().nullable(),
    threadRootId: z.string().nullable(),
  }),
]);
const CursorSchema = z.strictObject({ listing: z.string().nullable(), tasks: z.array(TaskSchema) });

/** Pass tokens and cursors are opaque base64url JSON; any process can resume from them. */
function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`invalid Mastodon ${what} "${text.slice(0, 40)}": not base64url JSON`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Error(`invalid Mastodon ${what}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

export const encodePass = (pass: MastodonPass): string => encode(pass);
export const decodePass = (text: string): MastodonPass => decode(text, PassSchema, 'pass token');
export const encodeCursor = (cursor: MastodonCursor): string => encode(cursor);
export const decodeCursor = (text: string): MastodonCursor => decode(text, CursorSchema, 'cursor');
