import { z } from 'zod';

/** Where a pass stands: the step it reads, the next position in the listing order, and pages served so far. */
export interface MockCursor {
  step: number;
  post: number;
  /** -1 is the post itself, 0.. its comments. */
  comment: number;
  page: number;
}

const CursorPayloadSchema = z.strictObject({
  s: z.number().int().min(1),
  p: z.number().int().min(0),
  c: z.number().int().min(-1),
  n: z.number().int().min(0),
});

/**
 * Cursors are opaque base64url JSON. They hold a position, not an offset, so resuming is O(1) however far
 * into millions of items the pass is, and any process can resume with them.
 */
export function encodeMockCursor(cursor: MockCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.step, p: cursor.post, c: cursor.comment, n: cursor.page })).toString(
    'base64url',
  );
}

/** Throws on anything this connector did not issue. */
export function decodeMockCursor(text: string): MockCursor {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`invalid mock cursor "${text.slice(0, 40)}": not base64url JSON`);
  }
  const parsed = CursorPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new Error(`invalid mock cursor "${text.slice(0, 40)}": ${parsed.error.issues[0].message}`);
  return { step: parsed.data.s, post: parsed.data.p, comment: parsed.data.c, page: parsed.data.n };
}
