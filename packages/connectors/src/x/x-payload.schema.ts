import { z } from 'zod';

export const XTweetSchema = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().datetime({ offset: true }),
  conversation_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  edit_history_tweet_ids: z.array(z.string()).min(1),
  attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
});
export type XTweet = z.infer<typeof XTweetSchema>;

export const XMediaSchema = z.object({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
});

/** A page of posts: `data` checked one by one, the users and media in `includes`, paging in `meta`. */
export const XPageSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z
    .object({
      media: z.array(z.unknown()).optional(),
      users: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })).optional(),
    })
    .optional(),
  meta: z.object({ next_token: z.string().optional(), result_count: z.number().optional() }).optional(),
  errors: z.array(z.object({ resource_id: z.string().optional(), type: z.string().optional() })).optional(),
});
export type XPage = z.infer<typeof XPageSchema>;

export const XUserSchema = z.object({
  data: z.object({ id: z.string(), name: z.string(), username: z.string() }),
});
