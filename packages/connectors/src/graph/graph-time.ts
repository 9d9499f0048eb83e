import { z } from 'zod';

/** Graph's time format: `2017-08-31T18:10:30+0000`, the offset written without a colon. */
const GRAPH_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})([+-])(\d{2}):?(\d{2})$/;

/** A Graph time as ISO 8601 in UTC (`2017-08-31T18:10:30.000Z`); null when it is not one. */
export function graphTimeToIso(text: string): string | null {
  const match = GRAPH_TIME.exec(text);
  if (!match) return null;
  const at = Date.parse(`${match[1]}${match[2]}${match[3]}:${match[4]}`);
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

/** An instant as Graph writes it. */
export function isoToGraphTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** A Graph time field, read as ISO 8601 in UTC. */
export const GraphTimeSchema = z.string().transform((text, context) => {
  const iso = graphTimeToIso(text);
  if (iso !== null) return iso;
  context.addIssue({ code: 'custom', message: `not a Graph time (2017-08-31T18:10:30+0000): "${text.slice(0, 40)}"` });
  return z.NEVER;
});
