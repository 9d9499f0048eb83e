import { z } from 'zod';
import { ListedSpanSchema, type ListedSpan } from '../graph/expired-cursor';
import { decodeToken, encodeToken } from '../opaque-token';

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
  /** The media listed so far, by creation time: what a listing read again after its cursor expired skips. */
  listed?: ListedSpan;
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
  listed: ListedSpanSchema.optional(),
});

export const encodePass = (pass: InstagramPass): string => encodeToken(pass);
export const decodePass = (text: string): InstagramPass => decodeToken(text, PassSchema, 'Instagram pass token');
export const encodeCursor = (cursor: InstagramCursor): string => encodeToken(cursor);
export const decodeCursor = (text: string): InstagramCursor => decodeToken(text, CursorSchema, 'Instagram cursor');
