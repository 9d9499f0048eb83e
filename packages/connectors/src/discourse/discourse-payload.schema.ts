import { z } from 'zod';

const IsoDate = z.string().datetime({ offset: true });

/** Discourse's error body: `{ errors: [...], error_type, extras: { wait_seconds } }`. */
export const DiscourseErrorSchema = z.object({
  errors: z.array(z.string()).optional(),
  error_type: z.string().optional(),
  extras: z.object({ wait_seconds: z.number().nonnegative().optional() }).nullish(),
});

/** `/categories.json?include_subcategories=true`: each category with its subcategories. */
const CategorySchema = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });
type Category = z.infer<typeof CategorySchema> & { subcategory_list?: Category[] };
const CategoryTreeSchema: z.ZodType<Category> = CategorySchema.extend({
  subcategory_list: z.array(z.lazy(() => CategoryTreeSchema)).optional(),
});
export const CategoryListSchema = z.object({
  category_list: z.object({ categories: z.array(CategoryTreeSchema) }),
});
export type DiscourseCategory = Category;

/** A topic as a listing (`/latest.json`, `/c/{slug}/{id}.json`) names it; only what reading it needs. */
export const ListedTopicSchema = z.object({
  id: z.number().int().positive(),
  slug: z.string(),
  archetype: z.string().optional(),
});

/** A page of a topic listing: `topics` checked one by one; `more_topics_url` names the next page when there is one. */
export const TopicListSchema = z.object({
  topic_list: z.object({
    topics: z.array(z.unknown()),
    more_topics_url: z.string().nullish(),
  }),
});

/**
 * One post, as `/t/{id}.json` and `/t/{id}/posts.json` carry it. `cooked` is the rendered HTML (the text kept);
 * `version` counts its versions (1 when never edited); `deleted_at` is set only for readers who may see deleted
 * posts (staff keys); `hidden` when flagged away by the community or staff.
 */
export const DiscoursePostSchema = z.object({
  id: z.number().int().positive(),
  post_number: z.number().int().positive(),
  topic_id: z.number().int().positive(),
  username: z.string(),
  name: z.string().nullish(),
  user_id: z.number().int().nullish(),
  created_at: IsoDate,
  updated_at: IsoDate.nullish(),
  cooked: z.string(),
  version: z.number().int().positive().default(1),
  reply_to_post_number: z.number().int().positive().nullish(),
  post_type: z.number().int().optional(),
  hidden: z.boolean().optional(),
  cooked_hidden: z.boolean().optional(),
  user_deleted: z.boolean().optional(),
  deleted_at: IsoDate.nullish(),
});
export type DiscoursePost = z.infer<typeof DiscoursePostSchema>;

/** `/t/{id}.json`: its first posts inlined, and every post id in order in `stream`; `/t/{id}/posts.json` the rest. */
export const TopicPageSchema = z.object({
  id: z.number().int().optional(),
  slug: z.string().optional(),
  title: z.string().optional(),
  deleted_at: IsoDate.nullish(),
  post_stream: z.object({
    posts: z.array(z.unknown()),
    stream: z.array(z.number().int()).optional(),
  }),
});

/** `/posts/{id}.json`: enough to tell whether the post, or its topic, is gone. */
export const SinglePostSchema = z.object({
  id: z.number().int(),
  topic_id: z.number().int(),
  deleted_at: IsoDate.nullish(),
});

/**
 * `/posts/{id}/revisions/{n}.json`: revision n turned version n-1 into version n at `created_at`.
 * `body_changes.side_by_side` holds both as cooked HTML: two `revision-content` divs, the old with `<del>`, the new
 * with `<ins>` around what changed.
 */
export const RevisionSchema = z.object({
  post_id: z.number().int(),
  created_at: IsoDate,
  current_revision: z.number().int().optional(),
  body_changes: z.object({ side_by_side: z.string() }).nullish(),
});
export type DiscourseRevision = z.infer<typeof RevisionSchema>;
