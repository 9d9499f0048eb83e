/** At most `calls` calls to a platform in any window of `windowMs`, across every worker process. */
export interface PlatformRateLimit {
  calls: number;
  windowMs: number;
}

/**
 * Parses `PLATFORM_RATE_LIMITS`, e.g. `facebook=200/1h, x=900/15m, mock=8/2s`: calls per window, the window in
 * s, m or h. Throws a message naming the bad entry.
 */
export function parsePlatformRateLimits(text: string): Record<string, PlatformRateLimit> {
  const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
  const limits: Record<string, PlatformRateLimit> = {};
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9-]+)\s*=\s*(\d+)\s*\/\s*(\d*)\s*([smh])$/.exec(entry);
    if (!match || Number(match[2]) < 1)
      throw new Error(`"${entry}" is not platform=calls/window, e.g. facebook=200/1h`);
    limits[match[1]] = { calls: Number(match[2]), windowMs: Number(match[3] || '1') * units[match[4]] };
  }
  return limits;
}
