import { z } from 'zod';

/** What a pass knows about the account: its id and @username (the author of its media), and which pass it is. */
export interface InstagramPass {
  igUserId: string;
  username: string;
  /** 1 for the first pass, the previous pass's plus one after: tells passes apart. */
  sequence: number;
}

/**
 * A page still to read under one media: its comments (`/{media-id}/comments`) or, when `commentId` is set, the
 * replies to that comment that did not fit in the comment's nested `replies` (`/{comment-id}/replies`).
 */
export interface ThreadTask {
  mediaId: string;
  commentId?: string;
  url: string;
}

/**
 * Work left in a pass: the next page of `/{ig-user-id}/media`, and the comment and reply pages of media already
 * listed. The URLs carry no token (see GraphClient.storableUrl); Graph's cursors in them are short-lived, so a
 * pass is resumed soon after an interruption and never across passes.
 */
export interface InstagramCursor {
  listing: string | null;
  tasks: ThreadTask[];
}

const PassSchema = z.strictObject({
  igUserId: z.string().min(1),
  username: z.string(),
  sequence: z.number().int().min(1),
});
const CursorSchema = z.strictObject({
  listing: z.string().nullable(),
  tasks: z.array(
    z.strictObject({ mediaId: z.string().min(1), commentId: z.string().min(1).optional(), url: z.string().min(1) }),
  ),
});

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`invalid Instagram ${what} "${text.slice(0, 40)}": not base64url JSON`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Error(`invalid Instagram ${what}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

export const encodePass = (pass: InstagramPass): string => encode(pass);
export const decodePass = (text: string): InstagramPass => decode(text, PassSchema, 'pass token');
export const encodeCursor = (cursor: InstagramCursor): string => encode(cursor);
export const decodeCursor = (text: string): InstagramCursor => decode(text, CursorSchema, 'cursor');
