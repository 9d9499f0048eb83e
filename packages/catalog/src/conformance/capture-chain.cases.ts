import { walkCaptureChain } from '@verbatim/core';
import { archivedAttachment, createAccount, makeItem, makePage, T, type CatalogHarness } from './fixtures';

/** The capture chain: each new capture of an account names the account's previous one, never forking. */
export function describeCaptureChainCases(harness: () => CatalogHarness): void {
  it('chains pages and captures outside any pass in the order they were recorded, once each', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const other = await createAccount(catalog, 'otheraccount');
    await catalog.startPass(account.id, 1, 'token-1', 'c0', T.pass1);
    const first = makePage(account.id, 'chain-p1', [makeItem('a')]);
    const second = makePage(account.id, 'chain-p2', [makeItem('b')]);
    await catalog.applyPage(first);
    await catalog.applyPage(first);
    await catalog.applyPage(makePage(other.id, 'chain-other', [makeItem('z')]));
    await catalog.recordCapture({ ...second.capture, sha256: 'e'.repeat(64), key: `raw/${'e'.repeat(64)}` });
    await catalog.applyPage(second);

    const chain = await catalog.readCaptureChain(account.id);
    expect(chain.links.map(({ position, sha256, previousSha256 }) => ({ position, sha256, previousSha256 }))).toEqual([
      { position: 1, sha256: first.capture.sha256, previousSha256: null },
      { position: 2, sha256: 'e'.repeat(64), previousSha256: first.capture.sha256 },
      { position: 3, sha256: second.capture.sha256, previousSha256: 'e'.repeat(64) },
    ]);
    expect(chain.links[0].capture).toEqual({ key: first.capture.key, capturedAt: first.capture.capturedAt });
    expect(chain.unlinked).toEqual([]);
    expect(walkCaptureChain(chain)).toEqual([]);
    expect((await catalog.readCaptureChain(other.id)).links).toHaveLength(1);
    expect(await catalog.readCaptureChain('no-such-account')).toEqual({
      accountId: 'no-such-account',
      links: [],
      unlinked: [],
    });
  });

  it('never forks when pages of one account are applied at once', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.startPass(account.id, 1, 'token-1', 'c0', T.pass1);
    const pages = Array.from({ length: 8 }, (_, index) =>
      makePage(account.id, `concurrent-${index}`, [makeItem(`item-${index}`), makeItem('shared')]),
    );
    await Promise.all(pages.map((page) => catalog.applyPage(page)));

    const chain = await catalog.readCaptureChain(account.id);
    expect(chain.links.map((link) => link.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(chain.links.map((link) => link.sha256))).toEqual(new Set(pages.map((page) => page.capture.sha256)));
    expect(walkCaptureChain(chain)).toEqual([]);
  });

  it('lists the media archived for an account once each, with their recorded SHA-256', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const photo = archivedAttachment('https://cdn.example.test/photo.png');
    await catalog.startPass(account.id, 1, 'token-1', 'c0', T.pass1);
    await catalog.applyPage(
      makePage(account.id, 'media-page', [
        makeItem('with-photo', { attachments: [photo] }),
        makeItem('unarchived', { attachments: [{ kind: 'image', sourceUrl: 'https://cdn.example.test/x.png' }] }),
      ]),
    );
    expect(await catalog.listArchivedMedia(account.id)).toEqual([{ sha256: photo.sha256, key: photo.archiveKey }]);
    expect(await catalog.listArchivedMedia('no-such-account')).toEqual([]);
  });
}
