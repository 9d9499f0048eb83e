import { isUtf8 } from 'node:buffer';

/**
 * Checks on text that arrives over HTTP (paths, query strings, JSON and form bodies) before anything reads it.
 * Each returns what is wrong, in words for the sender, or null when the text is fine. A NUL character or bytes
 * that are not UTF-8 are refused: stored, they would be altered or rejected later by a database or the search
 * index, far from the request that brought them. (Platform payloads take another path: kept raw, quarantined.)
 */

/** How deep a JSON body may nest: far beyond any documented body, well short of a stack overflow. */
export const MAX_JSON_DEPTH = 64;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The bytes a `+`-for-space, percent-encoded part stands for (`%` not followed by two hex digits stays as is). */
function percentDecodedBytes(part: string): Buffer {
  const raw = Buffer.from(part.replace(/\+/g, ' '), 'latin1');
  const bytes: number[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const hex = raw[index] === 0x25 ? raw.subarray(index + 1, index + 3).toString('latin1') : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else bytes.push(raw[index]);
  }
  return Buffer.from(bytes);
}

/** What is wrong with one decoded string, or null. */
function problemOfString(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (UNPAIRED_SURROGATE.test(value)) return 'contains an unpaired surrogate (not valid Unicode)';
  return null;
}

/**
 * A URL path whose every segment must percent-decode to UTF-8 text without NUL, e.g. `/api/v1/records/%FF` is
 * refused. Returns the problem or null.
 */
export function problemOfPath(path: string): string | null {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `the path segment "${segment.slice(0, 80)}" is not valid percent-encoded UTF-8`;
    }
    const problem = problemOfString(decoded);
    if (problem) return `the path segment "${segment.slice(0, 80)}" ${problem}`;
  }
  return null;
}

/**
 * A query string or a form body (`application/x-www-form-urlencoded`): every name and value must decode to UTF-8
 * without NUL. Returns the problem or null; `where` names the part in the message ("the query", "the form").
 */
export function problemOfUrlEncoded(raw: string, where: string): string | null {
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    for (const part of pair.split('=')) {
      const bytes = percentDecodedBytes(part);
      if (!isUtf8(bytes)) return `${where} has a field "${fieldName(pair)}" that is not valid UTF-8`;
      if (bytes.includes(0)) return `${where} has a field "${fieldName(pair)}" that contains a NUL character`;
    }
  }
  return null;
}

function fieldName(pair: string): string {
  const name = pair.split('=')[0];
  const bytes = percentDecodedBytes(name);
  return isUtf8(bytes) && !bytes.includes(0) ? bytes.toString('utf8').slice(0, 80) : name.slice(0, 80);
}

/** Raw bytes of a body that claims UTF-8. */
export function problemOfUtf8Bytes(bytes: Uint8Array, where: string): string | null {
  return isUtf8(bytes) ? null : `${where} is not valid UTF-8`;
}

/**
 * A parsed JSON value: no string (key or value) may hold NUL or unpaired surrogates, and nesting stays under
 * MAX_JSON_DEPTH. Walks iteratively, so no body can overflow the stack. Returns the problem, naming where.
 */
export function problemOfJsonValue(value: unknown, where: string): string | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = problemOfString(current);
      if (problem) return `${where}${path ? ` at ${path}` : ''} ${problem}`;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `${where} nests deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, child] of Object.entries(current)) {
      const keyProblem = problemOfString(key);
      if (keyProblem) return `${where} has a field name that ${keyProblem}`;
      pending.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}
