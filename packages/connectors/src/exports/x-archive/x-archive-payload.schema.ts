import { z } from 'zod';

/** X's archive dates: `Wed Oct 10 20:19:24 +0000 2018`, which Date parses; checked, since a bad one must not pass. */
const XDateSchema = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date X writes');

const VideoVariantSchema = z.looseObject({
  url: z.string(),
  content_type: z.string().optional(),
  bitrate: z.union([z.string(), z.number()]).optional(),
});

export const XMediaSchema = z.looseObject({
  media_url_https: z.string(),
  type: z.string(),
  video_info: z.looseObject({ variants: z.array(VideoVariantSchema) }).optional(),
});
export type XMedia = z.infer<typeof XMediaSchema>;

/**
 * An edited tweet is in the archive once per edit: the first carries `initial.editTweetIds` (every id of the
 * chain, its own first), each later one `edit.initialTweetId` (with the same list under `editControlInitial`).
 */
const EditInfoSchema = z.looseObject({
  initial: z.looseObject({ editTweetIds: z.array(z.string()).optional() }).optional(),
  edit: z
    .looseObject({
      initialTweetId: z.string(),
      editControlInitial: z.looseObject({ editTweetIds: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
});

/** The tweet of one element of `data/tweets.js`: `{ "tweet": { … } }` (older archives: the tweet itself). */
export const XTweetSchema = z.looseObject({
  id_str: z.string().regex(/^\d+$/, 'a tweet id is digits'),
  full_text: z.string(),
  created_at: XDateSchema,
  in_reply_to_status_id_str: z.string().optional(),
  edit_info: EditInfoSchema.optional(),
  extended_entities: z.looseObject({ media: z.array(XMediaSchema) }).optional(),
  /** Only in `data/deleted-tweets.js`: when the account deleted the tweet. */
  deleted_at: XDateSchema.optional(),
});
export type XTweet = z.infer<typeof XTweetSchema>;

/** One element of `data/account.js`. */
export const XAccountElementSchema = z.looseObject({
  account: z.looseObject({
    accountId: z.string(),
    username: z.string(),
    accountDisplayName: z.string().optional(),
  }),
});
