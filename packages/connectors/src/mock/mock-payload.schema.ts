import { z } from 'zod';

/**
 * The mock platform's payload, shaped like Graph API pages: `{"data":[…],"paging":{"cursors":{…},"next":…}}`.
 * One listing mixes posts and comments (like `/feed` followed by `/{post-id}/comments?filter=stream`), so each
 * item says what it is in `object_type`, and comments carry `post_id` and `parent`.
 */

/** Graph writes times with a colon-less offset: `2026-01-01T00:12:34+0000`. */
export const GraphTimeSchema = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/, 'expected a Graph time such as 2026-01-01T00:00:00+0000');

// Checks beyond the type (min, regex) cost ~0.1 µs each per item in zod; they are kept where a bad value would
// corrupt the record (the item id, its times), and left off ids that only link items together.
const FromSchema = z.object({ id: z.string(), name: z.string() });

export const MockAttachmentPayloadSchema = z.object({
  type: z.string(),
  media_type: z.string().optional(),
  media: z
    .object({
      image: z.object({
        src: z.string().min(1),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
      }),
    })
    .optional(),
});

const itemFields = {
  id: z.string().min(1),
  message: z.string(),
  created_time: GraphTimeSchema,
  /** The mock sets this only when the message was edited (real Graph also bumps it on new comments). */
  updated_time: GraphTimeSchema.optional(),
  from: FromSchema,
  is_hidden: z.boolean(),
  permalink_url: z.string(),
  attachments: z.object({ data: z.array(MockAttachmentPayloadSchema) }).optional(),
};

export const MockPostPayloadSchema = z.object({ object_type: z.literal('post'), ...itemFields });

export const MockCommentPayloadSchema = z.object({
  object_type: z.literal('comment'),
  ...itemFields,
  /** The post the thread hangs from. */
  post_id: z.string(),
  /** The post for a top-level comment, otherwise the comment answered. */
  parent: z.object({ id: z.string() }),
});

export const MockItemPayloadSchema = z.discriminatedUnion('object_type', [
  MockPostPayloadSchema,
  MockCommentPayloadSchema,
]);
export type MockItemPayload = z.infer<typeof MockItemPayloadSchema>;

/** The envelope; items are validated one by one so one bad item does not sink its page. */
export const MockPagePayloadSchema = z.object({
  data: z.array(z.unknown()),
  paging: z.object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
  }),
});
