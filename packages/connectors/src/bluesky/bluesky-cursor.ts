import { z } from 'zod';
import { PostUriSchema } from './bluesky-payload.schema';

/**
 * Where a pass stands: the author feed's own cursor, and the threads of the last feed page still to read.
 * A pass reads a feed page, then the threads it announced, then the next feed page, so the cursor stays
 * small (at most one page's threads) and a pass resumes exactly where a rate limit or a crash stopped it.
 */
export const BlueskyCursorSchema = z.strictObject({
  /** The platform's cursor of the next feed page; `''` for the first page, null once the feed is read. */
  feed: z.string().nullable(),
  /** Posts whose reply threads are still to fetch, in order. */
  threads: z.array(PostUriSchema),
});
export type BlueskyCursor = z.infer<typeof BlueskyCursorSchema>;

export const FIRST_CURSOR: BlueskyCursor = { feed: '', threads: [] };

export function encodeBlueskyCursor(cursor: BlueskyCursor): string | null {
  if (cursor.feed === null && cursor.threads.length === 0) return null;
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeBlueskyCursor(encoded: string): BlueskyCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = BlueskyCursorSchema.safeParse(json);
  if (!parsed.success) throw new Error(`invalid Bluesky cursor "${encoded.slice(0, 40)}": not one this connector made`);
  return parsed.data;
}
