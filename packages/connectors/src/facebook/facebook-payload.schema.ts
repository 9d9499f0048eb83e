import { z } from 'zod';
import { GraphTimeSchema } from '../graph/graph-time';

/**
 * The parts of Graph's Page post and comment nodes the connector reads (reference/platform-apis.md §1). Objects
 * are not strict: Graph adds fields over versions, and the raw bytes keep everything anyway.
 */
export const GraphFromSchema = z.object({ id: z.string().optional(), name: z.string().optional() });

const ImageSchema = z.object({
  src: z.string().min(1),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});

const AttachmentFieldsSchema = z.object({
  type: z.string().optional(),
  media_type: z.string().optional(),
  media: z.object({ image: ImageSchema.optional(), source: z.string().optional() }).optional(),
  url: z.string().optional(),
  target: z.object({ id: z.string().optional(), url: z.string().optional() }).optional(),
});

/** An attachment; an album's photos are its `subattachments`. */
export const FacebookAttachmentSchema = AttachmentFieldsSchema.extend({
  subattachments: z.object({ data: z.array(AttachmentFieldsSchema) }).optional(),
});
export type FacebookAttachment = z.infer<typeof FacebookAttachmentSchema>;

export const FacebookPostSchema = z.object({
  id: z.string().regex(/^\d+_\d+$/, 'expected PAGEID_POSTID'),
  message: z.string().optional(),
  story: z.string().optional(),
  created_time: GraphTimeSchema,
  updated_time: GraphTimeSchema.optional(),
  from: GraphFromSchema.optional(),
  permalink_url: z.string().optional(),
  status_type: z.string().optional(),
  is_hidden: z.boolean().optional(),
  is_published: z.boolean().optional(),
  attachments: z.object({ data: z.array(FacebookAttachmentSchema) }).optional(),
  /** `comments.summary(true).limit(0)`: the count tells whether the post's comments need reading at all. */
  comments: z.object({ summary: z.object({ total_count: z.number().int().min(0) }).optional() }).optional(),
});
export type FacebookPost = z.infer<typeof FacebookPostSchema>;

export const FacebookCommentSchema = z.object({
  id: z.string().min(1),
  message: z.string().default(''),
  created_time: GraphTimeSchema,
  from: GraphFromSchema.optional(),
  parent: z.object({ id: z.string().min(1) }).optional(),
  comment_count: z.number().int().optional(),
  like_count: z.number().int().optional(),
  is_hidden: z.boolean().optional(),
  attachment: FacebookAttachmentSchema.optional(),
  permalink_url: z.string().optional(),
});
export type FacebookComment = z.infer<typeof FacebookCommentSchema>;

/** `GET /{page-id}?fields=id,name`: how a pass learns the Page's name and checks the token first. */
export const FacebookPageSchema = z.object({ id: z.string().min(1), name: z.string().default('') });
