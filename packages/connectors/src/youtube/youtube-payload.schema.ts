import { z } from 'zod';

/** A list answer; items are validated one by one, so one bad item does not lose the page. */
export const YoutubeListSchema = z.object({ items: z.array(z.unknown()), nextPageToken: z.string().optional() });

export const YoutubeChannelSchema = z.object({
  id: z.string(),
  snippet: z.object({ title: z.string() }).optional(),
  contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string().min(1) }) }),
});

export const PlaylistItemSchema = z.object({
  snippet: z.object({
    title: z.string(),
    description: z.string().default(''),
    thumbnails: z
      .record(z.string(), z.object({ url: z.string(), width: z.number().optional(), height: z.number().optional() }))
      .optional(),
  }),
  contentDetails: z.object({ videoId: z.string().min(1), videoPublishedAt: z.string().datetime({ offset: true }) }),
});
export type PlaylistItem = z.infer<typeof PlaylistItemSchema>;

export const YoutubeCommentSchema = z.object({
  id: z.string().min(1),
  snippet: z.object({
    authorDisplayName: z.string(),
    authorChannelId: z.object({ value: z.string() }).optional(),
    textOriginal: z.string().optional(),
    textDisplay: z.string().optional(),
    parentId: z.string().optional(),
    publishedAt: z.string().datetime({ offset: true }),
    updatedAt: z.string().datetime({ offset: true }).optional(),
    moderationStatus: z.string().optional(),
  }),
});
export type YoutubeComment = z.infer<typeof YoutubeCommentSchema>;

export const CommentThreadSchema = z.object({
  id: z.string().min(1),
  snippet: z.object({ totalReplyCount: z.number().int().min(0), topLevelComment: YoutubeCommentSchema }),
  replies: z.object({ comments: z.array(z.unknown()) }).optional(),
});
