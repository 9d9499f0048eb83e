import { z } from 'zod';

const EpochMs = z.number().int().min(0);

/** A Rest.li collection: `elements` checked one by one, so one bad element does not lose the page. */
export const LinkedinListSchema = z.object({
  elements: z.array(z.unknown()),
  paging: z
    .object({
      start: z.number().int().optional(),
      count: z.number().int().optional(),
      total: z.number().int().optional(),
    })
    .optional(),
});

export const LinkedinOrganizationSchema = z.object({
  id: z.union([z.number(), z.string()]),
  localizedName: z.string(),
  vanityName: z.string().optional(),
});

/** A post of the Posts API (`urn:li:share:…` or `urn:li:ugcPost:…`), times in epoch milliseconds. */
export const LinkedinPostSchema = z.object({
  id: z.string().regex(/^urn:li:(share|ugcPost):\d+$/, 'a post id is urn:li:share:<n> or urn:li:ugcPost:<n>'),
  author: z.string(),
  commentary: z.string().default(''),
  createdAt: EpochMs,
  publishedAt: EpochMs.optional(),
  lastModifiedAt: EpochMs.optional(),
  lifecycleState: z.string(),
  content: z
    .object({
      media: z.object({ id: z.string(), title: z.string().optional() }).optional(),
      multiImage: z.object({ images: z.array(z.object({ id: z.string() })) }).optional(),
      article: z.object({ source: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
});
export type LinkedinPost = z.infer<typeof LinkedinPostSchema>;

const AuditStampSchema = z.object({ time: EpochMs, actor: z.string().optional() });

/** A comment of the Comments API; a reply names its `parentComment`. */
export const LinkedinCommentSchema = z
  .object({
    id: z.string().min(1),
    commentUrn: z.string().startsWith('urn:li:comment:').optional(),
    $URN: z.string().startsWith('urn:li:comment:').optional(),
    actor: z.string(),
    object: z.string().optional(),
    message: z.object({ text: z.string() }),
    created: AuditStampSchema,
    lastModified: AuditStampSchema.optional(),
    parentComment: z.string().optional(),
    commentsSummary: z
      .object({
        aggregatedTotalComments: z.number().int().optional(),
        totalFirstLevelComments: z.number().int().optional(),
      })
      .optional(),
  })
  .refine((comment) => comment.commentUrn !== undefined || comment.$URN !== undefined, {
    message: 'a comment names its URN (commentUrn)',
    path: ['commentUrn'],
  });
export type LinkedinComment = z.infer<typeof LinkedinCommentSchema>;

/** The Images API's answer: a short-lived `downloadUrl` for the image's bytes. */
export const LinkedinImageSchema = z.object({ downloadUrl: z.url(), status: z.string().optional() });
