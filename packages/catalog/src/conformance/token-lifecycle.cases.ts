import { sha256Hex } from '@verbatim/core';
import type { CatalogHarness } from './fixtures';

/** Tokens that expire, are listed without secrets, and are revoked. */
export function describeTokenLifecycleCases(harness: () => CatalogHarness): void {
  it('stores an optional expiry and finds expired tokens too, so the caller can say why it refuses', async () => {
    const { catalog } = harness();
    const lasting = await catalog.createToken({ name: 'ci', roles: ['auditor'], secretSha256: sha256Hex('a') });
    const expiring = await catalog.createToken({
      name: 'audit week',
      roles: ['auditor'],
      secretSha256: sha256Hex('b'),
      expiresAt: '2020-05-01T00:00:00.000Z',
    });
    expect(lasting).toMatchObject({ expiresAt: null, revokedAt: null });
    expect(expiring).toMatchObject({ expiresAt: '2020-05-01T00:00:00.000Z', revokedAt: null });
    expect(await catalog.findTokenBySecretSha256(sha256Hex('b'))).toEqual(expiring);
  });

  it('lists every token oldest first, without any secret', async () => {
    const { catalog } = harness();
    const first = await catalog.createToken({ name: 'one', roles: ['it-admin'], secretSha256: sha256Hex('1') });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await catalog.createToken({ name: 'two', roles: ['auditor'], secretSha256: sha256Hex('2') });
    const listed = await catalog.listTokens();
    expect(listed).toEqual([first, second]);
    expect(JSON.stringify(listed)).not.toContain(sha256Hex('1'));
  });

  it('revokes a token once, keeping the first instant, and leaves the others standing', async () => {
    const { catalog } = harness();
    const kept = await catalog.createToken({ name: 'kept', roles: ['it-admin'], secretSha256: sha256Hex('k') });
    const gone = await catalog.createToken({ name: 'gone', roles: ['auditor'], secretSha256: sha256Hex('g') });
    const revoked = await catalog.revokeToken(gone.id, '2026-04-02T09:00:00.000Z');
    expect(revoked).toEqual({ ...gone, revokedAt: '2026-04-02T09:00:00.000Z' });
    expect(await catalog.revokeToken(gone.id, '2026-04-03T09:00:00.000Z')).toEqual(revoked);
    expect(await catalog.findTokenBySecretSha256(sha256Hex('g'))).toEqual(revoked);
    expect(await catalog.findTokenBySecretSha256(sha256Hex('k'))).toEqual(kept);
    expect(await catalog.revokeToken('tok_missing', '2026-04-02T09:00:00.000Z')).toBeNull();
  });
}
