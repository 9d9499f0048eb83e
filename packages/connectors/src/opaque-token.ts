import type { z } from 'zod';

/** Pass tokens and cursors of the real connectors are opaque base64url JSON: any process can resume from them. */
export function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Reads a token back, checked by `schema`; `label` names it in errors, e.g. `Facebook cursor`. */
export function decodeToken<T>(text: string, schema: z.ZodType<T>, label: string): T {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`invalid ${label} "${text.slice(0, 40)}": not base64url JSON`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Error(`invalid ${label}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/**
 * The sequence number of the pass after the one whose token is `previousPassToken`, read by `sequenceOf`: 1 for a
 * first pass, and 1 again for a token of an older format (such a pass reads everything anyway).
 */
export function passSequenceAfter(previousPassToken: string | null, sequenceOf: (token: string) => number): number {
  if (previousPassToken === null) return 1;
  try {
    return sequenceOf(previousPassToken) + 1;
  } catch {
    return 1;
  }
}
