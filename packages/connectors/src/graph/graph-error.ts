import { z } from 'zod';
import { jsonOf, type PlatformResponse } from '../http/platform-http';

/**
 * Graph's error envelope: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`, sent with HTTP
 * 400 or 403 (and, for throttling, not 429). The code says what happened, the status hardly anything.
 */
export const GraphErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type GraphError = z.infer<typeof GraphErrorSchema>['error'];

/**
 * Throttling codes (graph-api/guides/error-handling and the rate-limiting page): 4 application, 17 user, 32 Page,
 * 613 custom, 80001 Pages business use case, 80002 Instagram business use case. 80002 is not confirmed in Meta's
 * docs (reference/platform-apis.md §2): treating it as throttling costs a wait if it ever means something else,
 * while missing it would fail a sync that only had to pause.
 */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 17, 32, 613, 80001, 80002]);

/**
 * 2642 "Invalid cursors values": a paging cursor Graph no longer honours. Graph's cursors are short-lived (they
 * are invalidated when their item is deleted, and should not be stored), so one kept across a long rate-limit
 * wait can be refused. The code is the one Graph is seen to send; its documentation names none.
 */
export const INVALID_CURSOR_CODE = 2642;

/** 190: the access token is invalid, expired or revoked (OAuthException). */
export const INVALID_TOKEN_CODE = 190;

/** The error a response carries, or null for a success or a body that is not Graph's envelope. */
export function graphErrorOf(response: Pick<PlatformResponse, 'raw' | 'status'>): GraphError | null {
  if (response.status < 400) return null;
  const parsed = GraphErrorSchema.safeParse(jsonOf(response));
  return parsed.success ? parsed.data.error : null;
}

/**
 * 100/33 "Object with ID … does not exist, cannot be loaded due to missing permissions". Only a direct lookup of
 * an object by id may read this as gone: the same error also means no permission, which a Page token reading
 * its own Page's content should not meet.
 */
export function isMissingObject(error: GraphError | null): boolean {
  return error !== null && error.code === 100 && error.error_subcode === 33;
}
