import { z } from 'zod';

/** What the usage headers say: the highest percentage reached, and how long until access returns when blocked. */
export interface GraphUsage {
  /** The highest of call_count, total_cputime and total_time over every header and entry, 0–100 (or more). */
  percent: number;
  /** `estimated_time_to_regain_access` (minutes) in milliseconds, when any entry gives one above 0. */
  regainAccessMs: number | null;
}

const Percent = z.number().nonnegative().optional();
const AppUsageSchema = z.object({ call_count: Percent, total_cputime: Percent, total_time: Percent });
/** `X-Business-Use-Case-Usage: {"<page-id>":[{"type":"pages","call_count":…,"estimated_time_to_regain_access":19}]}`. */
const BusinessUsageSchema = z.record(
  z.string(),
  z.array(AppUsageSchema.extend({ type: z.string().optional(), estimated_time_to_regain_access: Percent })),
);

function parseHeader<T>(value: string | null, schema: z.ZodType<T>): T | null {
  if (!value) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // an unreadable header says nothing; the error code still decides
  }
}

function peakOf(usage: z.infer<typeof AppUsageSchema>): number {
  return Math.max(usage.call_count ?? 0, usage.total_cputime ?? 0, usage.total_time ?? 0);
}

/**
 * Reads `X-App-Usage` (platform limits: app and user tokens) and `X-Business-Use-Case-Usage` (Page and system-user
 * tokens; per object id and type). Either may be absent or malformed; what cannot be read counts as 0.
 */
export function usageOf(headers: Headers): GraphUsage {
  let percent = 0;
  let regainMinutes = 0;
  const app = parseHeader(headers.get('x-app-usage'), AppUsageSchema);
  if (app) percent = peakOf(app);
  const business = parseHeader(headers.get('x-business-use-case-usage'), BusinessUsageSchema);
  for (const entries of Object.values(business ?? {})) {
    for (const entry of entries) {
      percent = Math.max(percent, peakOf(entry));
      regainMinutes = Math.max(regainMinutes, entry.estimated_time_to_regain_access ?? 0);
    }
  }
  return { percent, regainAccessMs: regainMinutes > 0 ? regainMinutes * 60_000 : null };
}
