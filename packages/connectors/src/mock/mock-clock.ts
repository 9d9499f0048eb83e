/**
 * The mock platform's simulated clock. Step N covers the hour [EPOCH + (N-1) h, EPOCH + N h): items created at
 * step N are posted inside that hour, and the pass of step N sees the platform as it is at EPOCH + N h.
 * Times are written the way the Graph API writes them: `2026-01-01T00:12:34+0000`.
 */

/** Bound once: under jest's vm sandbox every global lookup (`Math`) in a hot loop costs hundreds of ns. */
const { floor, min, max } = Math;

const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);
const HOUR_MS = 3_600_000;
export const SECONDS_PER_STEP = 3600;

/** "mm:ss" for every second of an hour, so formatting a time costs one concatenation per item. */
const MINUTE_SECOND = Array.from({ length: SECONDS_PER_STEP }, (_, second) => {
  const minutes = Math.floor(second / 60);
  const seconds = second % 60;
  return `${minutes < 10 ? '0' : ''}${minutes}:${seconds < 10 ? '0' : ''}${seconds}`;
});

const hourPrefixCache = new Map<number, string>();

function hourPrefix(step: number): string {
  let prefix = hourPrefixCache.get(step);
  if (prefix === undefined) {
    prefix = new Date(EPOCH_MS + (step - 1) * HOUR_MS).toISOString().slice(0, 14);
    hourPrefixCache.set(step, prefix);
  }
  return prefix;
}

/** The Graph-style time of `secondInStep` (0..3599) within the hour of `step`. */
export function graphTimeAt(step: number, secondInStep: number): string {
  const second = min(SECONDS_PER_STEP - 1, max(0, floor(secondInStep)));
  return `${hourPrefix(step)}${MINUTE_SECOND[second]}+0000`;
}

/** When the pass of `step` looks at the platform, as an ISO string. */
export function passTimeOf(step: number): string {
  return new Date(EPOCH_MS + step * HOUR_MS).toISOString();
}

/**
 * Converts a Graph time (`…+0000`, `…-0500`) into `Date#toISOString` form, so our records compare as strings.
 * The `+0000` case, which is all the mock emits, is a slice; other offsets go through `Date`.
 */
export function graphTimeToIso(graphTime: string): string {
  if (graphTime.endsWith('+0000')) return `${graphTime.slice(0, 19)}.000Z`;
  const withColon = `${graphTime.slice(0, -2)}:${graphTime.slice(-2)}`;
  return new Date(withColon).toISOString();
}
