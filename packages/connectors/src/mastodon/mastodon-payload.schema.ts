import { z } from 'zod';

/**
 * The parts of Mastodon's entities the connector reads (mastodon/documentation `entities/Status.md`,
 * `MediaAttachment.md`, `StatusEdit.md`, `Context.md`). Objects are not strict: instances add fields over
 * versions, and the raw bytes keep everything anyway.
 */
const IsoDate = z.iso.datetime({ offset: true });

export const MastodonAccountSchema = z.object({
  id: z.string().min(1),
  username: z.string().optional(),
  acct: z.string().min(1),
  display_name: z.string().optional(),
  url: z.string().nullish(),
});
export type MastodonAccount = z.infer<typeof MastodonAccountSchema>;

export const MastodonMediaSchema = z.object({
  id: z.string(),
  type: z.string(),
  url: z.string().nullish(),
  remote_url: z.string().nullish(),
  preview_url: z.string().nullish(),
  description: z.string().nullish(),
  meta: z
    .object({ original: z.object({ width: z.number().int(), height: z.number().int() }).partial().optional() })
    .nullish(),
});
export type MastodonMedia = z.infer<typeof MastodonMediaSchema>;

const StatusFieldsSchema = z.object({
  id: z.string().min(1),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: IsoDate,
  edited_at: IsoDate.nullish(),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  visibility: z.string().optional(),
  content: z.string(),
  spoiler_text: z.string().default(''),
  account: MastodonAccountSchema,
  media_attachments: z.array(MastodonMediaSchema).default([]),
  replies_count: z.number().int().min(0).optional(),
});

/** A status; a boost carries the boosted status in `reblog` (its own content is empty). */
export const MastodonStatusSchema = StatusFieldsSchema.extend({ reblog: StatusFieldsSchema.nullish() });
export type MastodonStatus = z.infer<typeof MastodonStatusSchema>;

/** One entry of `/statuses/:id/history`: the content as of `created_at`. The first entry is the original. */
export const MastodonStatusEditSchema = z.object({
  content: z.string(),
  spoiler_text: z.string().default(''),
  created_at: IsoDate,
  account: MastodonAccountSchema,
  media_attachments: z.array(MastodonMediaSchema).default([]),
});
export type MastodonStatusEdit = z.infer<typeof MastodonStatusEditSchema>;

/** `/statuses/:id/context`; items are validated one by one, so one bad reply does not lose the thread. */
export const MastodonContextSchema = z.object({
  ancestors: z.array(z.unknown()),
  descendants: z.array(z.unknown()),
});

/** Mastodon's error body, e.g. `{"error":"Record not found"}`. */
export const MastodonErrorSchema = z.object({ error: z.string() });
