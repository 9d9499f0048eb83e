import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqlitePeopleStore, openSqliteCatalog } from '@verbatim/catalog';
import type { OidcChecks, OpenIdProvider, VerifiedIdentity } from '@verbatim/core';
import { createPerson } from './create-person';
import { disablePerson } from './person-access';
import { OidcSignIn } from './oidc-sign-in';
import { Sessions } from './sessions';
import { SignInThrottle } from './sign-in-throttle';

const ISSUER = 'https://login.town.example/v2.0';

/** Stands in for the provider (reached over HTTP in test/oidc-sign-in.e2e.test.ts): it vouches for `identity`. */
class StubProvider implements OpenIdProvider {
  readonly name = 'Microsoft';
  identity: VerifiedIdentity = { issuer: ISSUER, subject: 'sub-fay', email: 'fay@town.example', emailVerified: true };
  async isReachable() {
    return true;
  }
  async authorizationUrl(checks: OidcChecks) {
    return `https://login.town.example/authorize?state=${checks.state}`;
  }
  async verifyCallback(_query: string, _checks: OidcChecks) {
    return this.identity;
  }
}

describe('OpenID Connect sign-in on a real SQLite catalog', () => {
  let dir: string;
  let opened: ReturnType<typeof openSqliteCatalog>;
  let people: SqlitePeopleStore;
  let provider: StubProvider;
  let sessions: Sessions;

  const signInWith = (requireEmailVerified = true) =>
    new OidcSignIn(people, opened.catalog, sessions, { provider, requireEmailVerified });
  /** Leaves for the provider and comes back with its state, as a browser would. */
  const roundTrip = async (oidc: OidcSignIn) => {
    const left = await oidc.leave();
    const state = new URL(left.authorizationUrl).searchParams.get('state');
    return oidc.comeBack(left.key, `code=abc&state=${state}`);
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-oidc-'));
    opened = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
    people = new SqlitePeopleStore(opened.db);
    provider = new StubProvider();
    sessions = new Sessions(people, opened.catalog, new SignInThrottle());
    await createPerson(
      people,
      opened.catalog,
      { name: 'Fay', email: 'Fay@Town.example', roles: ['foia-officer'], password: 'a long enough password' },
      'tok_it',
    );
  });
  afterEach(async () => {
    await opened.catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('admits a registered person by verified email, links the subject, then knows them by it', async () => {
    const oidc = signInWith();
    const started = await roundTrip(oidc);
    expect(started.user).toMatchObject({ email: 'Fay@Town.example', roles: ['foia-officer'] });
    expect(await sessions.find(started.secret)).toMatchObject({ user: { id: started.user.id } });
    // Her email changed at the provider: the linked subject still names her.
    provider.identity = { issuer: ISSUER, subject: 'sub-fay', email: 'fay.new@town.example', emailVerified: false };
    expect((await roundTrip(oidc)).user.id).toBe(started.user.id);
    const [latest] = await opened.catalog.listAudit(1);
    expect(latest).toMatchObject({
      action: 'session.sign-in',
      actor: started.user.id,
      outcome: 'success',
      details: { method: 'oidc', issuer: ISSUER, subject: 'sub-fay' },
    });
  });

  it('refuses an unverified email unless told to take the provider at its word', async () => {
    provider.identity = { issuer: ISSUER, subject: 'sub-fay', email: 'fay@town.example' };
    await expect(roundTrip(signInWith())).rejects.toMatchObject({ code: 'oidc_email_not_verified' });
    expect((await roundTrip(signInWith(false))).user.email).toBe('Fay@Town.example');
  });

  it('refuses an email IT has not registered, saying whom to ask, and audits why', async () => {
    provider.identity = { issuer: ISSUER, subject: 'sub-gus', email: 'gus@town.example', emailVerified: true };
    await expect(roundTrip(signInWith())).rejects.toMatchObject({
      kind: 'unauthenticated',
      code: 'oidc_not_registered',
      message: 'gus@town.example is not registered in Verbatim. Ask IT to register gus@town.example.',
    });
    expect((await opened.catalog.listAudit(1))[0]).toMatchObject({
      action: 'session.sign-in',
      outcome: 'denied',
      target: 'gus@town.example',
      details: { method: 'oidc', email: 'gus@town.example', subject: 'sub-gus', reason: 'email not registered' },
    });
    expect(await people.findUserByOidcSubject(ISSUER, 'sub-gus')).toBeNull();
  });

  it('refuses a disabled person as password sign-in does, and a subject whose person is linked elsewhere', async () => {
    const fay = await roundTrip(signInWith());
    await disablePerson(people, opened.catalog, fay.user.id, 'usr_it');
    await expect(roundTrip(signInWith())).rejects.toMatchObject({ code: 'person_disabled' });
    await createPerson(
      people,
      opened.catalog,
      { name: 'Hal', email: 'hal@town.example', roles: ['auditor'], password: 'a long enough password' },
      'tok_it',
    );
    provider.identity = { issuer: ISSUER, subject: 'sub-fay', email: 'hal@town.example', emailVerified: true };
    // sub-fay is Fay's: Hal's email does not move it to Hal, and Fay is disabled.
    await expect(roundTrip(signInWith())).rejects.toMatchObject({ code: 'person_disabled' });
    provider.identity = { issuer: ISSUER, subject: 'sub-hal', email: 'hal@town.example', emailVerified: true };
    expect((await roundTrip(signInWith())).user.email).toBe('hal@town.example');
    // Another identity at the provider claiming Hal's (verified) email does not take him over.
    provider.identity = { issuer: ISSUER, subject: 'sub-hal-2', email: 'hal@town.example', emailVerified: true };
    await expect(roundTrip(signInWith())).rejects.toMatchObject({ code: 'oidc_linked_elsewhere' });
  });

  it('takes each answer once, in the browser that started it, with its state, unless the provider refused', async () => {
    const oidc = signInWith();
    const left = await oidc.leave();
    const state = new URL(left.authorizationUrl).searchParams.get('state');
    await expect(oidc.comeBack(undefined, `code=abc&state=${state}`)).rejects.toMatchObject({ code: 'oidc_expired' });
    await expect(oidc.comeBack('another browser', `code=abc&state=${state}`)).rejects.toMatchObject({
      code: 'oidc_expired',
    });
    await expect(oidc.comeBack(left.key, `code=abc&state=${state}x`)).rejects.toMatchObject({
      code: 'oidc_state_mismatch',
    });
    // Used up by the refused attempt: a second try with the right state starts over.
    await expect(oidc.comeBack(left.key, `code=abc&state=${state}`)).rejects.toMatchObject({ code: 'oidc_expired' });
    const refused = await oidc.leave();
    await expect(
      oidc.comeBack(refused.key, 'error=access_denied&error_description=The+user+cancelled'),
    ).rejects.toMatchObject({ code: 'oidc_refused', message: expect.stringContaining('The user cancelled') });
  });

  it('turns password sign-in off with OIDC_ONLY, saying what to use instead', async () => {
    const only = new Sessions(people, opened.catalog, new SignInThrottle(), {
      passwordSignIn: false,
      signInInstead: 'Microsoft',
    });
    await expect(only.signIn('fay@town.example', 'a long enough password')).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'password_sign_in_off',
      message: 'password sign-in is turned off here; sign in with Microsoft instead',
    });
  });
});
