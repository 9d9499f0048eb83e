import { z } from 'zod';
import { decodeToken, encodeToken } from '../opaque-token';

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

export const encodePass = (pass: MastodonPass): string => encodeToken(pass);
export const decodePass = (text: string): MastodonPass => decodeToken(text, PassSchema, 'Mastodon pass token');
export const encodeCursor = (cursor: MastodonCursor): string => encodeToken(cursor);
export const decodeCursor = (text: string): MastodonCursor => decodeToken(text, CursorSchema, 'Mastodon cursor');
