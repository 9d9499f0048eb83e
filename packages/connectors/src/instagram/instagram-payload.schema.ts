import { z } from 'zod';
import { GraphTimeSchema } from '../graph/graph-time';

/**
 * The parts of Graph's IG Media and IG Comment nodes the connector reads (reference/platform-apis.md §2). Objects
 * are not strict: Graph adds fields over versions, and the raw bytes keep everything anyway.
 */
export const InstagramMediaTypeSchema = z.enum(['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM']);

/** A carousel's child: `children{id,media_type,media_url}`. */
export const InstagramChildSchema = z.object({
  id: z.string().min(1),
  media_type: InstagramMediaTypeSchema,
  /** Left out by Graph for some media (copyrighted audio, for one): the child is then kept without a file. */
  media_url: z.string().min(1).optional(),
  thumbnail_url: z.string().min(1).optional(),
});
export type InstagramChild = z.infer<typeof InstagramChildSchema>;

export const InstagramMediaSchema = z.object({
  id: z.string().regex(/^\d+$/, 'expected a numeric IG media id'),
  caption: z.string().optional(),
  media_type: InstagramMediaTypeSchema,
  media_product_type: z.string().optional(),
  media_url: z.string().min(1).optional(),
  thumbnail_url: z.string().min(1).optional(),
  permalink: z.string().optional(),
  timestamp: GraphTimeSchema,
  username: z.string().optional(),
  comments_count: z.number().int().min(0).optional(),
  like_count: z.number().int().optional(),
  children: z.object({ data: z.array(InstagramChildSchema) }).optional(),
});
export type InstagramMedia = z.infer<typeof InstagramMediaSchema>;

/** The fields of a comment or reply; `replies` is read apart, one reply at a time (see instagram-pages). */
export const InstagramCommentSchema = z.object({
  id: z.string().min(1),
  text: z.string().default(''),
  timestamp: GraphTimeSchema,
  username: z.string().optional(),
  from: z.object({ id: z.string().optional(), username: z.string().optional() }).optional(),
  like_count: z.number().int().optional(),
  hidden: z.boolean().optional(),
  parent_id: z.string().optional(),
});
export type InstagramComment = z.infer<typeof InstagramCommentSchema>;

/** `GET /{ig-user-id}?fields=id,username`: how a pass learns the account's name and checks the token first. */
export const InstagramAccountSchema = z.object({ id: z.string().min(1), username: z.string().default('') });
