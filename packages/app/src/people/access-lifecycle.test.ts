import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqlitePeopleStore, openSqliteCatalog } from '@verbatim/catalog';
import { UseCaseError } from '@verbatim/core';
import { createApiToken, revokeApiToken, tokenRefusal } from './api-tokens';
import { createPerson } from './create-person';
import { disablePerson, enablePerson } from './person-access';
import { Sessions } from './sessions';
import { SignInThrottle } from './sign-in-throttle';

describe('access lifecycle on a real SQLite catalog', () => {
  let dir: string;
  let opened: ReturnType<typeof openSqliteCatalog>;
  let people: SqlitePeopleStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-access-'));
    opened = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
    people = new SqlitePeopleStore(opened.db);
  });
  afterEach(async () => {
    await opened.catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audits every grant of a role, flagging attorney and auditor as privileged', async () => {
    const { catalog } = opened;
    const token = await createApiToken(catalog, { name: 'counsel script', roles: ['attorney', 'attorney'] }, 'tok_it');
    const person = await createPerson(
      people,
      catalog,
      { name: 'Fay', email: 'fay@town.example', roles: ['foia-officer'], password: 'a long enough password' },
      'tok_it',
    );
    const grants = (await catalog.listAudit(20)).filter((entry) => entry.action === 'role.grant');
    expect(grants.map(({ actor, target, details }) => ({ actor, target, details }))).toEqual([
      {
        actor: 'tok_it',
        target: person.id,
        details: { granteeKind: 'person', granteeName: 'Fay', roles: ['foia-officer'], privileged: false },
      },
      {
        actor: 'tok_it',
        target: token.id,
        details: { granteeKind: 'token', granteeName: 'counsel script', roles: ['attorney'], privileged: true },
      },
    ]);
  });

  it('says whether a token is revoked or expired, and audits the revocation', async () => {
    const { catalog } = opened;
    const token = await createApiToken(catalog, { name: 'ci', roles: ['auditor'] }, 'tok_it');
    expect(tokenRefusal(token)).toBeNull();
    const revoked = await revokeApiToken(catalog, token.id, 'tok_it');
    expect(tokenRefusal(revoked)).toBe(`this token was revoked at ${revoked.revokedAt}; ask IT for a new one`);
    const expiring = { ...token, expiresAt: '2026-04-01T09:00:00.000Z' };
    expect(tokenRefusal(expiring, new Date('2026-04-01T08:59:59.999Z'))).toBeNull();
    expect(tokenRefusal(expiring, new Date('2026-04-01T09:00:00.000Z'))).toBe(
      'this token expired at 2026-04-01T09:00:00.000Z; ask IT for a new one',
    );
    expect((await catalog.listAudit(1))[0]).toMatchObject({ action: 'token.revoke', target: token.id });
    await expect(revokeApiToken(catalog, 'tok_missing', 'tok_it')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('ends a disabled person’s sessions, refuses their sign-in with a clear message, and lets them back', async () => {
    const { catalog } = opened;
    const sessions = new Sessions(people, catalog, new SignInThrottle());
    const password = 'a long enough password';
    const person = await createPerson(
      people,
      catalog,
      { name: 'Fay', email: 'fay@town.example', roles: ['foia-officer'], password },
      'tok_it',
    );
    const started = await sessions.signIn('fay@town.example', password, '10.0.0.1');
    expect(await sessions.find(started!.secret)).not.toBeNull();
    await disablePerson(people, catalog, person.id, 'usr_it');
    expect(await sessions.find(started!.secret)).toBeNull();
    const refused = await sessions.signIn('fay@town.example', password, '10.0.0.1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UseCaseError);
    expect(refused).toMatchObject({ kind: 'unauthenticated', code: 'person_disabled' });
    // A wrong password says nothing of the person being disabled.
    expect(await sessions.signIn('fay@town.example', 'not the password', '10.0.0.1')).toBeNull();
    await enablePerson(people, catalog, person.id, 'usr_it');
    expect(await sessions.signIn('fay@town.example', password, '10.0.0.1')).not.toBeNull();
    await expect(disablePerson(people, catalog, 'usr_it', 'usr_it')).rejects.toMatchObject({
      code: 'cannot_disable_self',
    });
    expect((await catalog.listAudit(10)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['user.disable', 'user.enable']),
    );
  });
});
