import { z } from 'zod';
import { ListedSpanSchema, type ListedSpan } from '../graph/expired-cursor';
import { decodeToken, encodeToken } from '../opaque-token';

/** What a pass knows about the Page: its id and name (the author of its posts), and which pass it is. */
export interface FacebookPass {
  pageId: string;
  pageName: string;
  /** 1 for the first pass, the previous pass's plus one after: tells passes apart. */
  sequence: number;
}

/** A post's comments still to read: the URL of their next page (first page, or a `paging.next`). */
export interface CommentsTask {
  postId: string;
  url: string;
}

/**
 * Work left in a pass: the next page of `published_posts`, and the comment pages of posts already listed. The
 * URLs carry no token (see GraphClient.storableUrl). Graph's own cursors inside them are short-lived, which is
 * why a pass is resumed soon after an interruption and never across passes.
 */
export interface FacebookCursor {
  listing: string | null;
  tasks: CommentsTask[];
  /** The posts listed so far, by creation time: what a listing read again after its cursor expired skips. */
  listed?: ListedSpan;
}

const PassSchema = z.strictObject({
  pageId: z.string().min(1),
  pageName: z.string(),
  sequence: z.number().int().min(1),
});
const CursorSchema = z.strictObject({
  listing: z.string().nullable(),
  tasks: z.array(z.strictObject({ postId: z.string().min(1), url: z.string().min(1) })),
  listed: ListedSpanSchema.optional(),
});

export const encodePass = (pass: FacebookPass): string => encodeToken(pass);
export const decodePass = (text: string): FacebookPass => decodeToken(text, PassSchema, 'Facebook pass token');
export const encodeCursor = (cursor: FacebookCursor): string => encodeToken(cursor);
export const decodeCursor = (text: string): FacebookCursor => decodeToken(text, CursorSchema, 'Facebook cursor');
