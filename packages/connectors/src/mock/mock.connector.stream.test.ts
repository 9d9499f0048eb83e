import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MockConnector } from './mock.connector';

/** A full collection on demand, so the test measures what is retained rather than garbage not yet swept. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function retainedHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** The benchmark streams a million items; the test streams enough to prove constant memory and print a rate. */
const ITEMS_TO_STREAM = 200_000;

describe('MockConnector at scale', () => {
  it(`streams ${ITEMS_TO_STREAM.toLocaleString('en-US')} items of a million-item page in bounded memory`, async () => {
    const connector = new MockConnector({
      type: 'mock',
      seed: 42,
      posts: 100_000,
      maxCommentsPerPost: 18,
      pageSize: 1000,
    });
    const { passToken, firstCursor } = await connector.beginPass(null);
    const heapBefore = retainedHeap();
    let heapPeak = heapBefore;
    let cursor: string | null = firstCursor;
    let items = 0;
    let bytes = 0;
    let pages = 0;
    const started = process.hrtime.bigint();
    while (cursor !== null && items < ITEMS_TO_STREAM) {
      const page = await connector.fetchPage(passToken, cursor);
      expect(page.rejected).toEqual([]);
      items += page.items.length;
      bytes += page.raw.byteLength;
      cursor = page.nextCursor;
      if (++pages % 50 === 0) heapPeak = Math.max(heapPeak, retainedHeap());
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    heapPeak = Math.max(heapPeak, retainedHeap());
    expect(items).toBe(ITEMS_TO_STREAM);
    // Holding the items would retain several hundred MB; streaming keeps the heap where it started.
    expect(heapPeak - heapBefore).toBeLessThan(32 * 1024 * 1024);
    console.log(
      JSON.stringify({
        fetchPageItemsPerSecond: Math.round(items / seconds),
        microsecondsPerItem: Number(((seconds * 1e6) / items).toFixed(2)),
        bytesPerItem: Math.round(bytes / items),
        retainedHeapGrowthMB: Number(((heapPeak - heapBefore) / 1e6).toFixed(1)),
      }),
    );
  });

  it('starts a page deep in the listing without walking to it', async () => {
    const connector = new MockConnector({
      type: 'mock',
      seed: 42,
      posts: 5_000_000,
      maxCommentsPerPost: 18,
      pageSize: 100,
    });
    const deep = Buffer.from(JSON.stringify({ s: 1, p: 4_999_000, c: 3, n: 123_456 })).toString('base64url');
    const started = Date.now();
    const page = await connector.fetchPage('1', deep);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(page.items.length).toBe(100);
    expect(page.items[0].threadRootPlatformId).toBe(`${connector.platform.pageId}_4999001`);
  });
});
