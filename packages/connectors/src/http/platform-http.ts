/**
 * One GET against a platform API, as every real connector needs it: the exact response bytes (the archive keeps
 * them, never a re-serialization), the status and headers for the connector to read its platform's errors and
 * rate limits from, a timeout, and the caller's abort signal. Network failures come back as `PlatformHttpError`
 * naming the host, so an account's problem says which platform did not answer.
 */
export interface PlatformResponse {
  url: string;
  status: number;
  headers: Headers;
  contentType: string;
  raw: Uint8Array;
}

export class PlatformHttpError extends Error {
  override readonly name = 'PlatformHttpError';
}

export interface PlatformGetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Default 30 s: a platform that hangs must not hold an account's sync forever. */
  timeoutMs?: number;
}

export async function platformGet(url: string, options: PlatformGetOptions = {}): Promise<PlatformResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const host = new URL(url).host;
    const why = timeout.aborted ? 'did not answer in time' : `could not be reached (${(error as Error).message})`;
    throw new PlatformHttpError(`${host} ${why}; the sync will try again`, { cause: error });
  }
  const raw = new Uint8Array(await response.arrayBuffer());
  return {
    url,
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    raw,
  };
}

/** The body as JSON, or undefined when it is not JSON (a proxy's HTML error page, a truncated body). */
export function jsonOf(response: Pick<PlatformResponse, 'raw'>): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(response.raw)) as unknown;
  } catch {
    return undefined;
  }
}

/** Milliseconds until an instant given as epoch seconds or an ISO date, at least `floorMs`; null when absent. */
export function waitUntil(reset: string | null, now = Date.now(), floorMs = 1000): number | null {
  if (!reset) return null;
  const at = /^\d+(\.\d+)?$/.test(reset.trim()) ? Number(reset) * 1000 : Date.parse(reset);
  return Number.isFinite(at) ? Math.max(floorMs, at - now) : null;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
