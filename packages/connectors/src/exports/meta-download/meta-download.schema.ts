import { z } from 'zod';

const MediaSchema = z.looseObject({
  uri: z.string(),
  creation_timestamp: z.number().optional(),
  title: z.string().optional(),
});

/** One post of a Facebook download's `your_posts_1.json` (or a Page's `profile_posts_1.json`). */
export const FacebookDownloadPostSchema = z.looseObject({
  timestamp: z.number().int().positive(),
  title: z.string().optional(),
  data: z.array(z.looseObject({ post: z.string().optional(), update_timestamp: z.number().optional() })).default([]),
  attachments: z
    .array(z.looseObject({ data: z.array(z.looseObject({ media: MediaSchema.optional() })).default([]) }))
    .default([]),
});
export type FacebookDownloadPost = z.infer<typeof FacebookDownloadPostSchema>;

/** One post of an Instagram download's `posts_1.json`: its media, with the caption as a title. */
export const InstagramDownloadPostSchema = z.looseObject({
  media: z.array(MediaSchema).min(1),
  title: z.string().optional(),
  creation_timestamp: z.number().optional(),
});
export type InstagramDownloadPost = z.infer<typeof InstagramDownloadPostSchema>;
