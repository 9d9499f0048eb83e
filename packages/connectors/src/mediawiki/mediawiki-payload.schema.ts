import { z } from 'zod';

/**
 * One revision as `prop=revisions` gives it with `formatversion=2` and `rvslots=main`. Revision deletion leaves
 * the revision listed with `texthidden`, `userhidden` or `commenthidden` (and `suppressed` when oversighted)
 * in place of what was hidden.
 */
export const WikiRevisionSchema = z.object({
  revid: z.number().int().positive(),
  parentid: z.number().int().min(0),
  timestamp: z.string().datetime({ offset: true }),
  user: z.string().optional(),
  userid: z.number().int().min(0).optional(),
  userhidden: z.boolean().optional(),
  comment: z.string().optional(),
  commenthidden: z.boolean().optional(),
  suppressed: z.boolean().optional(),
  slots: z.object({
    main: z.object({
      content: z.string().optional(),
      texthidden: z.boolean().optional(),
      contentmodel: z.string().optional(),
    }),
  }),
});
export type WikiRevision = z.infer<typeof WikiRevisionSchema>;

/** A page of a query: revisions checked one by one; `missing` or `invalid` when the wiki has no such page. */
export const WikiPageSchema = z.object({
  pageid: z.number().int().positive().optional(),
  ns: z.number().int().optional(),
  title: z.string().optional(),
  missing: z.boolean().optional(),
  invalid: z.boolean().optional(),
  revisions: z.array(z.unknown()).optional(),
  categoryinfo: z.object({ size: z.number() }).optional(),
});
export type WikiPage = z.infer<typeof WikiPageSchema>;

/** The answer of `action=query`: pages checked one by one, `continue` handed back as it is for the next request. */
export const WikiQuerySchema = z.object({
  batchcomplete: z.boolean().optional(),
  continue: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  query: z
    .object({
      pages: z.array(z.unknown()).optional(),
      allrevisions: z
        .array(
          z.object({
            revisions: z.array(z.object({ revid: z.number().int().positive(), timestamp: z.string() })),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type WikiQuery = z.infer<typeof WikiQuerySchema>;

/** An Action API error (`errorformat` left at its default): a machine code and a sentence. */
export const WikiErrorSchema = z.object({
  error: z.object({ code: z.string(), info: z.string().optional(), lag: z.number().optional() }),
});
