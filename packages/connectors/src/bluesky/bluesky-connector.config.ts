import { z } from 'zod';

/** A handle is a domain name (`townofx.gov`, `townofx.bsky.social`); a DID is `did:plc:…` or `did:web:…`. */
const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DID = /^did:(plc:[a-z2-7]{24}|web:[a-z0-9.:%-]+)$/;

/**
 * Settings of the Bluesky connector. It reads the public AppView, which needs no credentials: the account is
 * named by its handle or, better (a handle can change hands), its DID.
 */
export const BlueskyConnectorConfigSchema = z.strictObject({
  type: z.literal('bluesky'),
  /** The town's handle (a leading `@` is dropped) or DID. */
  actor: z
    .string()
    .trim()
    .transform((actor) => (actor.startsWith('did:') ? actor : actor.replace(/^@/, '').toLowerCase()))
    .pipe(
      z
        .string()
        .refine(
          (actor) => HANDLE.test(actor) || DID.test(actor),
          'expected a handle (townofx.gov) or a DID (did:plc:…)',
        ),
    ),
  /** The AppView answering `app.bsky.*` queries. */
  serviceUrl: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://public.api.bsky.app'),
  /** Where images are downloaded from: `<cdnUrl>/img/feed_fullsize/plain/<did>/<blob cid>@jpeg`. */
  cdnUrl: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://cdn.bsky.app'),
});

export type BlueskyConnectorConfig = z.output<typeof BlueskyConnectorConfigSchema>;
export type BlueskyConnectorConfigInput = z.input<typeof BlueskyConnectorConfigSchema>;
