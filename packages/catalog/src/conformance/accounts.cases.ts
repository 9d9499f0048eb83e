import { sha256Hex } from '@verbatim/core';
import { createAccount, makeItem, makePage, type CatalogHarness } from './fixtures';

/** Agencies, accounts, tokens and the audit log. */
export function describeAccountCases(harness: () => CatalogHarness): void {
  it('creates, reads and lists agencies', async () => {
    const { catalog } = harness();
    const parks = await catalog.createAgency({ name: 'Parks Commission', kind: 'commission' });
    const clerk = await catalog.createAgency({ name: 'Clerk', kind: 'department' });
    expect(parks.id).toMatch(/^agy_/);
    expect(await catalog.getAgency(parks.id)).toEqual(parks);
    expect(await catalog.getAgency('agy_missing')).toBeNull();
    expect((await catalog.listAgencies()).map((agency) => agency.id).sort()).toEqual([clerk.id, parks.id].sort());
  });

  it('rejects an agency of an unknown kind', async () => {
    const { catalog } = harness();
    await expect(catalog.createAgency({ name: 'X', kind: 'guild' as never })).rejects.toHaveProperty('message');
    expect(await catalog.listAgencies()).toEqual([]);
  });

  it('creates an account with its connector and people, and reads it back', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    expect(account.id).toMatch(/^acc_/);
    expect(await catalog.getAccount(account.id)).toEqual(account);
    expect(account.connector).toEqual({ type: 'mock', seed: 1 });
    expect(account.administrators).toHaveLength(2);
    expect(await catalog.getAccount('acc_missing')).toBeNull();
  });

  it('refuses an account of an unknown agency', async () => {
    const { catalog } = harness();
    const input = {
      agencyId: 'agy_missing',
      platform: 'mock' as const,
      handle: 'x',
      status: 'active' as const,
      connector: { type: 'mock' },
      syncIntervalMinutes: 60,
      administrators: [],
      moderators: [],
    };
    await expect(catalog.createAccount(input)).rejects.toThrow(/agy_missing/);
    expect(await catalog.listAccounts()).toEqual([]);
  });

  it('lists accounts by agency and status', async () => {
    const { catalog } = harness();
    const first = await createAccount(catalog, 'first');
    const second = await createAccount(catalog, 'second');
    await catalog.updateAccount(second.id, { status: 'retired' });
    expect((await catalog.listAccounts()).map((account) => account.id).sort()).toEqual([first.id, second.id].sort());
    expect((await catalog.listAccounts({ agencyId: first.agencyId })).map((account) => account.id)).toEqual([first.id]);
    expect((await catalog.listAccounts({ status: ['active', 'abandoned'] })).map((account) => account.id)).toEqual([
      first.id,
    ]);
    expect(await catalog.listAccounts({ status: [] })).toEqual([]);
  });

  it('updates only the fields given, and returns null for an unknown account', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const updated = await catalog.updateAccount(account.id, {
      displayName: 'Town of Example',
      syncIntervalMinutes: 15,
    });
    expect(updated).toEqual({
      ...account,
      displayName: 'Town of Example',
      syncIntervalMinutes: 15,
      updatedAt: updated!.updatedAt,
    });
    expect(await catalog.getAccount(account.id)).toEqual(updated);
    expect(await catalog.updateAccount('acc_missing', { handle: 'x' })).toBeNull();
  });

  it('refuses to move an account to an unknown agency', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await expect(catalog.updateAccount(account.id, { agencyId: 'agy_missing' })).rejects.toThrow(/agy_missing/);
    expect((await catalog.getAccount(account.id))!.agencyId).toBe(account.agencyId);
  });

  it('moves the records (and their documents) with an account moved to another agency', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const { changed } = await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    await catalog.clearIndexBacklog(changed);
    const parks = await catalog.createAgency({ name: 'Parks', kind: 'commission' });
    await catalog.updateAccount(account.id, { agencyId: parks.id });
    expect((await catalog.getRecordByPlatformId(account.id, 'a'))!.agencyId).toBe(parks.id);
    const requeued = await catalog.listIndexBacklog(10);
    expect(requeued.map((document) => [document.agencyId, document.revision])).toEqual([
      [parks.id, changed[0].revision + 1],
    ]);
  });

  it('keeps a record queued when an account move changes it after its document was read', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const { changed } = await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    const parks = await catalog.createAgency({ name: 'Parks', kind: 'commission' });
    await catalog.updateAccount(account.id, { agencyId: parks.id });
    // The page's document (old agency) is confirmed indexed after the move: the move's newer state must stay queued.
    await catalog.clearIndexBacklog(changed);
    expect((await catalog.listIndexBacklog(10)).map((document) => document.agencyId)).toEqual([parks.id]);
  });

  it('finds a token by the hash of its secret, never by the secret', async () => {
    const { catalog } = harness();
    expect(await catalog.countTokens()).toBe(0);
    const token = await catalog.createToken({
      name: 'ci',
      roles: ['it-admin', 'auditor'],
      secretSha256: sha256Hex('s3cret'),
    });
    expect(token.id).toMatch(/^tok_/);
    expect(await catalog.findTokenBySecretSha256(sha256Hex('s3cret'))).toEqual(token);
    expect(await catalog.findTokenBySecretSha256('s3cret')).toBeNull();
    expect(await catalog.findTokenBySecretSha256(sha256Hex('other'))).toBeNull();
    expect(await catalog.countTokens()).toBe(1);
    await expect(
      catalog.createToken({ name: 'dup', roles: [], secretSha256: sha256Hex('s3cret') }),
    ).rejects.toHaveProperty('message');
  });

  it('keeps an append-only audit log, newest first', async () => {
    const { catalog } = harness();
    await catalog.appendAudit({ actor: 'tok_1', action: 'record.read', target: 'rec_1' });
    await catalog.appendAudit({ actor: 'tok_2', action: 'bundle.export', target: 'bun_1', details: { records: 3 } });
    const entries = await catalog.listAudit(10);
    expect(entries.map((entry) => entry.action)).toEqual(['bundle.export', 'record.read']);
    expect(entries[0]).toMatchObject({ actor: 'tok_2', target: 'bun_1', details: { records: 3 } });
    expect(entries[1].details).toBeUndefined();
    expect(entries[0].id).toBeGreaterThan(entries[1].id);
    expect(await catalog.listAudit(1)).toHaveLength(1);
    await expect(harness().execute("UPDATE audit_log SET actor = 'someone else'")).rejects.toHaveProperty('message');
    await expect(harness().execute('DELETE FROM audit_log')).rejects.toHaveProperty('message');
    expect(await catalog.listAudit(10)).toEqual(entries);
  });

  it('answers ping', async () => {
    await expect(harness().catalog.ping()).resolves.toBeUndefined();
  });
}
