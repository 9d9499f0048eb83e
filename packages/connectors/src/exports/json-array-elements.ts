import type { Readable } from 'node:stream';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** Thrown when the text before the array does not contain its opening marker. */
export class JsonArrayNotFoundError extends Error {
  override readonly name = 'JsonArrayNotFoundError';
}

/**
 * Yields the bytes of each element of one JSON array in a stream, without reading the whole document: an export's
 * tweets.js or outbox.json can be hundreds of megabytes, which JSON.parse would hold several times over. The array
 * is the first one after `marker` (the first `[` of the stream when `marker` is empty): for tweets.js, whose
 * `window.YTD.tweets.part0 = ` prefix is not JSON, and outbox.json's `"orderedItems"`. Elements are objects or
 * arrays (what exports hold); each is handed over as UTF-8 bytes for JSON.parse, which reports what is wrong
 * with a malformed one. Only strings and nesting are tracked, with indexOf to skip through string contents.
 */
export async function* jsonArrayElements(input: Readable, marker = ''): AsyncGenerator<Buffer> {
  const markerBytes = Buffer.from(marker, 'utf8');
  let preamble = Buffer.alloc(0);
  let found = markerBytes.length === 0;
  let arrayOpen = false;
  let depth = 0; // nesting inside the current element
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = [];
  let elementStart = -1;

  for await (const piece of input) {
    let chunk = piece as Buffer;
    let position = 0;
    if (!arrayOpen) {
      // The marker and the `[` after it may straddle chunks: search the preamble kept so far with this chunk.
      const joined = Buffer.concat([preamble, chunk]);
      let from = 0;
      if (!found) {
        const at = joined.indexOf(markerBytes);
        if (at < 0) {
          preamble = joined.subarray(Math.max(0, joined.length - markerBytes.length));
          continue;
        }
        found = true;
        from = at + markerBytes.length;
      }
      const bracket = joined.indexOf(OPEN_BRACKET, from);
      if (bracket < 0) {
        preamble = Buffer.alloc(0);
        continue;
      }
      arrayOpen = true;
      chunk = joined.subarray(bracket + 1);
    }
    if (elementStart === -1 && parts.length > 0) elementStart = 0;
    // The next backslash at or after `position`, found once per stretch (-1: none left in this chunk); searching
    // again for every string would rescan the rest of the chunk each time.
    let slash = -2;
    while (position < chunk.length) {
      if (inString) {
        if (escaped) {
          escaped = false;
          position += 1;
          continue;
        }
        const quote = chunk.indexOf(QUOTE, position);
        if (slash !== -1 && slash < position) slash = chunk.indexOf(BACKSLASH, position);
        if (slash >= 0 && (quote < 0 || slash < quote)) {
          escaped = true;
          position = slash + 1;
          continue;
        }
        if (quote < 0) {
          position = chunk.length;
          continue;
        }
        inString = false;
        position = quote + 1;
        continue;
      }
      const byte = chunk[position];
      if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (depth === 0) elementStart = position;
        depth += 1;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (depth === 0) return; // the end of the array itself
        depth -= 1;
        if (depth === 0) {
          parts.push(chunk.subarray(elementStart, position + 1));
          yield parts.length === 1 ? parts[0] : Buffer.concat(parts);
          parts = [];
          elementStart = -1;
        }
      } else if (depth === 0 && byte !== COMMA && byte > 0x20) {
        throw new SyntaxError(`unexpected ${String.fromCharCode(byte)} between the array's elements`);
      }
      position += 1;
    }
    if (depth > 0) {
      parts.push(chunk.subarray(elementStart === -1 ? 0 : elementStart));
      elementStart = -1;
    }
  }
  if (!arrayOpen) throw new JsonArrayNotFoundError(`no JSON array found${marker ? ` after ${marker}` : ''}`);
  if (depth > 0 || parts.length > 0) throw new SyntaxError('the file ends inside an element of its JSON array');
}
