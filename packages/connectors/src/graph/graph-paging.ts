import { z } from 'zod';

/**
 * Graph's cursor paging: `paging.cursors.{before,after}` and the full `next`/`previous` URLs. A page without
 * `next` is the last; a short or even empty page with `next` is not (graph-api/results).
 */
export const GraphPagingSchema = z.object({
  cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});

/** A list response; its items are validated one by one, so one bad item does not lose the page. */
export const GraphListSchema = z.object({
  data: z.array(z.unknown()),
  paging: GraphPagingSchema.optional(),
});
export type GraphList = z.infer<typeof GraphListSchema>;

/** The next page's URL, or null at the end of the list. */
export function nextPageOf(list: GraphList): string | null {
  return list.paging?.next ?? null;
}
