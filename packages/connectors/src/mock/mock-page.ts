import type { MockItem } from './mock-item';

/** A fault injected into one page, so tests can prove the pipeline quarantines bad input and goes on. */
export type MockPageDefect = 'none' | 'malformed-item' | 'corrupt';

/** How `malformed-item` breaks its item: the breakages real platforms produce now and then. */
type ItemBreakage = 'none' | 'missing-created-time' | 'message-not-string' | 'author-without-name';
const BREAKAGES: ItemBreakage[] = ['missing-created-time', 'message-not-string', 'author-without-name'];

/** Cursors (base64url) and URLs built from them need no escaping. */
export interface MockPaging {
  before: string;
  after: string | null;
  next: string | null;
}

/**
 * Writes items as the platform sends them: a Graph-like JSON page with non-ASCII escaped as `\uXXXX`, as Graph
 * does. The page is written straight into a buffer from pre-escaped ASCII parts (texts come with their JSON
 * form): faster than JSON.stringify plus UTF-8 encoding, and than joining the parts into one string first,
 * and ASCII bytes decode on a fast path. `defectRoll` picks which item a `malformed-item` defect breaks and how,
 * so a page always breaks the same way.
 */
export function serializeMockPage(
  items: MockItem[],
  paging: MockPaging,
  defect: MockPageDefect,
  defectRoll: number,
): Buffer {
  const broken = defect === 'malformed-item' && items.length > 0 ? defectRoll % items.length : -1;
  const page = new AsciiWriter(items.length * 512);
  page.write('{"data":[');
  for (let index = 0; index < items.length; index++) {
    if (index > 0) page.write(',');
    writeItem(page, items[index], index === broken ? BREAKAGES[(defectRoll >>> 8) % BREAKAGES.length] : 'none');
  }
  page.write(`],"paging":{"cursors":{"before":"${paging.before}"`);
  if (paging.after !== null) page.write(`,"after":"${paging.after}"`);
  page.write(paging.next === null ? '}}}' : `},"next":"${paging.next}"}}`);
  const json = page.bytes();
  if (defect !== 'corrupt') return json;
  // A proxy cut the connection mid-body and appended its own error page: the bytes are kept, nothing parses.
  return Buffer.concat([
    json.subarray(0, json.length >>> 1),
    Buffer.from('\n<html><body>502 Bad Gateway</body></html>\n', 'latin1'),
  ]);
}

/** One item, fields in the Graph API's order; optional fields are left out rather than null, as Graph does. */
function writeItem(page: AsciiWriter, item: MockItem, breakage: ItemBreakage): void {
  page.write('{"id":"');
  page.write(item.platformId);
  page.write('","object_type":"');
  page.write(item.objectType);
  page.write('","message":');
  if (breakage === 'message-not-string') {
    page.write('404');
  } else {
    page.write('"');
    page.write(item.wire.text);
    page.write('"');
  }
  if (breakage !== 'missing-created-time') {
    page.write(',"created_time":"');
    page.write(item.postedAt);
    page.write('"');
  }
  if (item.editedAt !== undefined) {
    page.write(',"updated_time":"');
    page.write(item.editedAt);
    page.write('"');
  }
  page.write(',"from":{"id":"');
  page.write(item.author.id);
  if (breakage !== 'author-without-name') {
    page.write('","name":"');
    page.write(item.wire.authorName);
  }
  page.write('"}');
  if (item.objectType === 'comment') {
    page.write(',"post_id":"');
    page.write(item.postPlatformId);
    page.write('","parent":{"id":"');
    page.write(item.parentPlatformId!);
    page.write('"}');
  }
  page.write(item.hidden ? ',"is_hidden":true' : ',"is_hidden":false');
  page.write(',"permalink_url":"');
  page.write(item.permalinkUrl);
  page.write('"');
  if (item.image !== undefined) {
    const { sourceUrl, width, height } = item.image;
    page.write(
      `,"attachments":{"data":[{"type":"photo","media_type":"photo","media":{"image":{"src":"${sourceUrl}","width":${width},"height":${height}}}}]}`,
    );
  }
  page.write('}');
}

/** Appends ASCII text to a buffer that grows as needed; one byte per character. */
class AsciiWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(expectedBytes, 1024));
  }

  write(text: string): void {
    if (this.length + text.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'latin1');
  }

  /** The bytes written: a view, which keeps the buffer's spare capacity alive with it. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
