import { AttachmentKindSchema, type PlatformItem } from '@verbatim/core';
import { z } from 'zod';
import { decodeToken, encodeToken } from '../opaque-token';

/**
 * A pass: the forum's clock when it began (`at`, its `Date` header) and when the previous pass began (`since`).
 * Edits are split between passes by these, so each version is emitted in exactly one pass.
 */
const PassSchema = z.strictObject({
  at: z.iso.datetime(),
  since: z.iso.datetime().nullable(),
});
export type DiscoursePass = z.infer<typeof PassSchema>;

const ContentSchema = z.strictObject({
  text: z.string(),
  attachments: z.array(
    z.strictObject({
      kind: AttachmentKindSchema,
      sourceUrl: z.string(),
      mediaType: z.string().optional(),
      width: z.number().int().optional(),
      height: z.number().int().optional(),
    }),
  ),
});
const VersionSchema = ContentSchema.extend({ editedAt: z.string().optional() });
export type VersionContent = z.infer<typeof VersionSchema>;

/** The item as the topic page showed it (its current version), carried while its revisions are read. */
const ItemSchema = z.custom<PlatformItem>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as { platformId?: unknown }).platformId === 'string',
  'an item',
);

/** Work left in a pass after the listing page: read a topic, its posts beyond the first page, a post's revisions. */
const TaskSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('topic'), topicId: z.number().int(), slug: z.string() }),
  z.strictObject({
    kind: z.literal('posts'),
    topicId: z.number().int(),
    slug: z.string(),
    firstPostId: z.number().int(),
    ids: z.array(z.number().int()).min(1),
    numbers: z.array(z.tuple([z.number().int(), z.number().int()])),
  }),
  z.strictObject({
    kind: z.literal('revisions'),
    postId: z.number().int(),
    next: z.number().int().min(2),
    last: z.number().int().min(2),
    item: ItemSchema,
    /** The topic's title, for a first post's versions. */
    title: z.string().optional(),
    /** The version before `next` (what a revision without body changes keeps). */
    previous: VersionSchema.nullable(),
    /** The newest version at or before the pass's start: emitted when no version falls in the pass's window. */
    fallback: VersionSchema.nullable(),
    emitted: z.boolean(),
  }),
]);
export type DiscourseTask = z.infer<typeof TaskSchema>;
export type RevisionsTask = Extract<DiscourseTask, { kind: 'revisions' }>;

const CursorSchema = z.strictObject({ listing: z.string().nullable(), tasks: z.array(TaskSchema) });
export type DiscourseCursor = z.infer<typeof CursorSchema>;

export const encodePass = (pass: DiscoursePass): string => encodeToken(pass);
export const decodePass = (text: string): DiscoursePass => decodeToken(text, PassSchema, 'Discourse pass token');
export const encodeCursor = (cursor: DiscourseCursor): string => encodeToken(cursor);
export const decodeCursor = (text: string): DiscourseCursor => decodeToken(text, CursorSchema, 'Discourse cursor');

/** Whether a version made at `time` belongs to this pass: after the previous pass began, by this one's start. */
export function inWindow(pass: DiscoursePass, time: string): boolean {
  const at = Date.parse(time);
  return at <= Date.parse(pass.at) && (pass.since === null || at > Date.parse(pass.since));
}
