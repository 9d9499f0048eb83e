import { timingSafeEqual, createHash } from 'node:crypto';

/** Why a scrape of /metrics is refused, or null when it may read. */
export function metricsRefusal(
  remoteAddress: string | undefined,
  authorization: string | undefined,
  token: string | undefined,
): { status: 401 | 403; message: string } | null {
  if (isLoopback(remoteAddress)) return null;
  if (!token)
    return { status: 403, message: '/metrics is served to loopback only; set METRICS_TOKEN to scrape it from afar' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (match && sameSecret(match[1], token)) return null;
  return { status: 401, message: 'send Authorization: Bearer <METRICS_TOKEN> to scrape /metrics' };
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
