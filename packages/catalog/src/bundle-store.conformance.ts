import type { BundleItemRange, BundleStore, CompletedBundle, FoiaStore } from '@verbatim/foia';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = '2026-04-01T09:00:00.000Z';
const DONE_AT = '2026-04-01T09:05:00.000Z';
const PREFIX = 'WESTPORT';

async function createRequestId(foiaStore: FoiaStore): Promise<string> {
  const { request } = await foiaStore.logRequest(
    {
      requester: { name: 'Sam Ortiz' },
      receivedAt: '2026-03-30T09:00:00-04:00',
      channel: 'email',
      description: 'Minutes',
      recordsCategory: 'general',
      year: 2026,
      createdBy: 'tok_officer',
      createdAt: AT,
    },
    () => [],
  );
  return request.id;
}

function items(...recordIds: string[]): BundleItemRange[] {
  return recordIds.map((recordId, position) => ({
    recordId,
    position,
    disposition: position % 2 ? 'withheld' : 'produced',
    firstBates: position % 2 ? null : `${PREFIX}-${String(position + 1).padStart(6, '0')}`,
    lastBates: position % 2 ? null : `${PREFIX}-${String(position + 1).padStart(6, '0')}`,
    originalSha256s: [`${'a'.repeat(63)}${position}`],
  }));
}

function completion(batesFirst: number, pages: number, recordIds = ['rec_a', 'rec_b']): CompletedBundle {
  return {
    batesFirst,
    pages,
    sha256: 'f'.repeat(64),
    zipSha256: 'e'.repeat(64),
    pdfKey: 'bundles/b/x.pdf',
    zipKey: 'bundles/b/x.zip',
    inputKey: 'bundles/b/input.json',
    items: items(...recordIds),
    at: DONE_AT,
  };
}

/**
 * Matches a rejection by its message. Not toThrow: better-sqlite3 is a native addon loaded once per jest worker,
 * so its SqliteError can come from another test file's realm, where jest does not recognise it as an Error.
 */
function failure(message: RegExp): { message: unknown } {
  return { message: expect.stringMatching(message) };
}

async function createBundle(store: BundleStore, requestId: string, batesPrefix = PREFIX) {
  return store.createBundle({ requestId, batesPrefix, createdBy: 'tok_officer', at: AT });
}

/**
 * The BundleStore contract, as jest cases: the SQLite and PostgreSQL adapters run this same suite inside a
 * `describe.each` over harness factories. Each case gets fresh, empty stores.
 */
export function describeBundleStoreConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  let requestId: string;
  beforeEach(async () => {
    harness = await createHarness();
    requestId = await createRequestId(harness.foiaStore);
  });
  afterEach(() => harness.close());

  it("creates queued bundles and lists a request's bundles oldest first", async () => {
    const { bundleStore } = harness;
    const first = await createBundle(bundleStore, requestId);
    const second = await createBundle(bundleStore, requestId);
    expect(first).toEqual({
      id: first.id,
      requestId,
      status: 'queued',
      progress: null,
      batesPrefix: PREFIX,
      batesFirst: null,
      batesLast: null,
      pages: null,
      sha256: null,
      zipSha256: null,
      pdfKey: null,
      zipKey: null,
      inputKey: null,
      error: null,
      unredacted: null,
      createdAt: AT,
      createdBy: 'tok_officer',
      completedAt: null,
    });
    expect(await bundleStore.getBundle(first.id)).toEqual(first);
    expect((await bundleStore.listBundles(requestId)).map((bundle) => bundle.id)).toEqual([first.id, second.id]);
    expect(await bundleStore.getBundle('bun_missing')).toBeNull();
    expect(await bundleStore.listBundles('foi_missing')).toEqual([]);
  });

  it('records progress while building, and a failure that a new build clears', async () => {
    const { bundleStore } = harness;
    const bundle = await createBundle(bundleStore, requestId);
    const progress = { phase: 'rendering' as const, itemsDone: 1, itemsTotal: 3, pages: 4 };
    await bundleStore.markBuilding(bundle.id, progress);
    expect(await bundleStore.getBundle(bundle.id)).toMatchObject({ status: 'building', progress });
    await bundleStore.failBundle(bundle.id, 'renderer crashed', DONE_AT);
    expect(await bundleStore.getBundle(bundle.id)).toMatchObject({
      status: 'failed',
      error: 'renderer crashed',
      completedAt: DONE_AT,
    });
    await bundleStore.markBuilding(bundle.id, { ...progress, phase: 'gathering', itemsDone: 0 });
    expect(await bundleStore.getBundle(bundle.id)).toMatchObject({
      status: 'building',
      error: null,
      progress: { phase: 'gathering' },
    });
  });

  it('keeps the places where redacted words would have leaked with the failure, until the next build', async () => {
    const { bundleStore } = harness;
    const bundle = await createBundle(bundleStore, requestId);
    const unredacted = [
      {
        recordId: 'rec_a',
        text: 'Dana Smith',
        section: 'item:rec_b',
        where: 'item 2 (record rec_b)',
        files: ['bundle.pdf', 'records.json'],
        count: 2,
      },
    ];
    await bundleStore.failBundle(bundle.id, 'redacted words would appear in clear', DONE_AT, unredacted);
    expect(await bundleStore.getBundle(bundle.id)).toMatchObject({ status: 'failed', unredacted });
    await bundleStore.markBuilding(bundle.id, { phase: 'gathering', itemsDone: 0, itemsTotal: 1, pages: 0 });
    expect(await bundleStore.getBundle(bundle.id)).toMatchObject({ status: 'building', unredacted: null });
  });

  it('takes the Bates range when a bundle completes, per prefix, and keeps where each record landed', async () => {
    const { bundleStore } = harness;
    expect(await bundleStore.nextBatesNumber(PREFIX)).toBe(1);
    const first = await createBundle(bundleStore, requestId);
    await bundleStore.markBuilding(first.id, { phase: 'storing', itemsDone: 2, itemsTotal: 2, pages: 3 });
    expect(await bundleStore.completeBundle(first.id, completion(1, 3))).toBe(true);
    expect(await bundleStore.getBundle(first.id)).toEqual({
      ...first,
      status: 'completed',
      progress: null,
      batesFirst: 1,
      batesLast: 3,
      pages: 3,
      sha256: 'f'.repeat(64),
      zipSha256: 'e'.repeat(64),
      pdfKey: 'bundles/b/x.pdf',
      zipKey: 'bundles/b/x.zip',
      inputKey: 'bundles/b/input.json',
      completedAt: DONE_AT,
    });
    expect(await bundleStore.listBundleItems(first.id)).toEqual(items('rec_a', 'rec_b'));
    expect(await bundleStore.nextBatesNumber(PREFIX)).toBe(4);
    expect(await bundleStore.nextBatesNumber('OTHER')).toBe(1);

    const second = await createBundle(bundleStore, requestId);
    expect(await bundleStore.completeBundle(second.id, completion(4, 2, ['rec_c']))).toBe(true);
    expect(await bundleStore.getBundle(second.id)).toMatchObject({ batesFirst: 4, batesLast: 5 });
    expect(await bundleStore.nextBatesNumber(PREFIX)).toBe(6);
  });

  it('refuses a completion from a stale start number and writes nothing of it', async () => {
    const { bundleStore } = harness;
    const [slow, fast] = [await createBundle(bundleStore, requestId), await createBundle(bundleStore, requestId)];
    expect(await bundleStore.completeBundle(fast.id, completion(1, 2))).toBe(true);
    expect(await bundleStore.completeBundle(slow.id, completion(1, 5))).toBe(false);
    expect(await bundleStore.getBundle(slow.id)).toMatchObject({
      status: 'queued',
      batesFirst: null,
      completedAt: null,
    });
    expect(await bundleStore.listBundleItems(slow.id)).toEqual([]);
    expect(await bundleStore.nextBatesNumber(PREFIX)).toBe(3);
    expect(await bundleStore.completeBundle(slow.id, completion(3, 5))).toBe(true);
    expect(await bundleStore.nextBatesNumber(PREFIX)).toBe(8);
  });

  it('gives two bundles completing at once disjoint ranges: one wins, the other renders again', async () => {
    const { bundleStore } = harness;
    const bundles = await Promise.all([createBundle(bundleStore, requestId), createBundle(bundleStore, requestId)]);
    const start = await bundleStore.nextBatesNumber(PREFIX);
    const outcomes = await Promise.all(
      bundles.map((bundle) => bundleStore.completeBundle(bundle.id, completion(start, 4))),
    );
    expect([...outcomes].sort()).toEqual([false, true]);
    const loser = bundles[outcomes.indexOf(false)];
    expect(await bundleStore.getBundle(loser.id)).toMatchObject({ status: 'queued', batesFirst: null });
    const retry = await bundleStore.nextBatesNumber(PREFIX);
    expect(retry).toBe(start + 4);
    expect(await bundleStore.completeBundle(loser.id, completion(retry, 4))).toBe(true);
    const ranges = (await bundleStore.listBundles(requestId)).map((bundle) => [bundle.batesFirst, bundle.batesLast]);
    expect(ranges.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [1, 4],
      [5, 8],
    ]);
  });

  it('never changes a completed bundle: later calls are ignored or refused, and the storage refuses edits', async () => {
    const { bundleStore, execute } = harness;
    const bundle = await createBundle(bundleStore, requestId);
    await bundleStore.completeBundle(bundle.id, completion(1, 3));
    const completed = await bundleStore.getBundle(bundle.id);
    await bundleStore.markBuilding(bundle.id, { phase: 'gathering', itemsDone: 0, itemsTotal: 2, pages: 0 });
    await bundleStore.failBundle(bundle.id, 'late failure', '2026-04-02T00:00:00.000Z');
    await expect(bundleStore.completeBundle(bundle.id, completion(4, 1))).rejects.toMatchObject(
      failure(/never changes/),
    );
    expect(await bundleStore.getBundle(bundle.id)).toEqual(completed);
    expect(await bundleStore.nextBatesNumber(PREFIX)).toBe(4);

    await expect(execute(`UPDATE bundles SET pdf_key = 'elsewhere' WHERE id = '${bundle.id}'`)).rejects.toHaveProperty(
      'message',
    );
    await expect(execute(`UPDATE bundle_items SET record_id = 'rec_other'`)).rejects.toMatchObject(
      failure(/append-only/),
    );
    await expect(execute('DELETE FROM bundle_items')).rejects.toMatchObject(failure(/append-only/));
    expect(await bundleStore.getBundle(bundle.id)).toEqual(completed);
    expect(await bundleStore.listBundleItems(bundle.id)).toHaveLength(2);
  });
}
