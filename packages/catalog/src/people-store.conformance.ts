import type { PeopleStore, Session } from '@verbatim/core';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = '2026-04-01T09:00:00.000Z';

function newUser(name: string, email: string) {
  return { name, email, roles: ['foia-officer' as const], passwordHash: `scrypt$${name}`, at: AT };
}

function session(userId: string, secretSha256 = 'a'.repeat(64)): Session {
  return { secretSha256, userId, csrfToken: 'csrf-token', createdAt: AT, expiresAt: '2026-04-01T21:00:00.000Z' };
}

async function createUserOrFail(people: PeopleStore, name: string, email: string) {
  const user = await people.createUser(newUser(name, email));
  if (!user) throw new Error(`${email} was refused`);
  return user;
}

/**
 * The PeopleStore contract, as jest cases: the SQLite and PostgreSQL adapters run this same suite inside a
 * `describe.each` over harness factories. Each case gets fresh, empty stores.
 */
export function describePeopleStoreConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it('creates a user, shown without the password hash, and finds them by id or by email in any case', async () => {
    const { people } = harness;
    const user = await createUserOrFail(people, 'Ada Park', 'Ada.Park@Town.example');
    expect(user).toEqual({
      id: user.id,
      name: 'Ada Park',
      email: 'Ada.Park@Town.example',
      roles: ['foia-officer'],
      createdAt: AT,
      disabledAt: null,
    });
    expect(await people.getUser(user.id)).toEqual(user);
    expect(await people.findUserByEmail('ada.park@town.EXAMPLE')).toEqual({ ...user, passwordHash: 'scrypt$Ada Park' });
    expect(await people.findUserByEmail('someone@town.example')).toBeNull();
    expect(await people.getUser('usr_missing')).toBeNull();
  });

  it('refuses an email already taken, compared without case, even when both arrive at once', async () => {
    const { people } = harness;
    await createUserOrFail(people, 'Ada Park', 'ada@town.example');
    expect(await people.createUser(newUser('Impostor', 'ADA@TOWN.EXAMPLE'))).toBeNull();
    const racing = await Promise.all([
      people.createUser(newUser('One', 'Bo@town.example')),
      people.createUser(newUser('Two', 'bo@town.example')),
    ]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect((await people.listUsers()).map((user) => user.email.toLowerCase()).sort()).toEqual([
      'ada@town.example',
      'bo@town.example',
    ]);
  });

  it('lists users by name then email, byte order', async () => {
    const { people } = harness;
    await createUserOrFail(people, 'bea', 'bea@town.example');
    await createUserOrFail(people, 'Zed', 'zed2@town.example');
    await createUserOrFail(people, 'Ada', 'ada@town.example');
    await createUserOrFail(people, 'Zed', 'zed1@town.example');
    expect((await people.listUsers()).map((user) => [user.name, user.email])).toEqual([
      ['Ada', 'ada@town.example'],
      ['Zed', 'zed1@town.example'],
      ['Zed', 'zed2@town.example'],
      ['bea', 'bea@town.example'],
    ]);
  });

  it('finds a session until it expires or is deleted, with its user', async () => {
    const { people } = harness;
    const user = await createUserOrFail(people, 'Ada', 'ada@town.example');
    const current = session(user.id);
    await people.createSession(current);
    expect(await people.findSession(current.secretSha256, '2026-04-01T20:59:59.999Z')).toEqual({
      session: current,
      user,
    });
    expect(await people.findSession(current.secretSha256, current.expiresAt)).toBeNull();
    expect(await people.findSession('b'.repeat(64), AT)).toBeNull();
    await people.deleteSession(current.secretSha256);
    expect(await people.findSession(current.secretSha256, AT)).toBeNull();
    await people.deleteSession(current.secretSha256);
  });

  it('replaces a password hash and ends the sessions of that user only', async () => {
    const { people } = harness;
    const ada = await createUserOrFail(people, 'Ada', 'ada@town.example');
    const bo = await createUserOrFail(people, 'Bo', 'bo@town.example');
    await people.createSession(session(ada.id, 'a'.repeat(64)));
    await people.createSession(session(ada.id, 'b'.repeat(64)));
    await people.createSession(session(bo.id, 'c'.repeat(64)));
    expect(await people.setPasswordHash(ada.id, 'scrypt$new')).toBe(true);
    expect(await people.findUserByEmail('ada@town.example')).toEqual({ ...ada, passwordHash: 'scrypt$new' });
    expect(await people.findSession('a'.repeat(64), AT)).toBeNull();
    expect(await people.findSession('b'.repeat(64), AT)).toBeNull();
    expect(await people.findSession('c'.repeat(64), AT)).toEqual({ session: session(bo.id, 'c'.repeat(64)), user: bo });
    expect(await people.findUserByEmail('bo@town.example')).toEqual({ ...bo, passwordHash: 'scrypt$Bo' });
    expect(await people.setPasswordHash('usr_missing', 'scrypt$new')).toBe(false);
  });

  it('finds no session of a disabled user', async () => {
    const { people, execute } = harness;
    const user = await createUserOrFail(people, 'Ada', 'ada@town.example');
    await people.createSession(session(user.id));
    await execute(`UPDATE users SET disabled_at = '2026-04-01T10:00:00.000Z' WHERE id = '${user.id}'`);
    expect(await people.findSession('a'.repeat(64), AT)).toBeNull();
    expect(await people.getUser(user.id)).toMatchObject({ disabledAt: '2026-04-01T10:00:00.000Z' });
  });

  it('disables a person (ending their sessions only, keeping the first instant) and enables them again', async () => {
    const { people } = harness;
    const ada = await createUserOrFail(people, 'Ada', 'ada@town.example');
    const bo = await createUserOrFail(people, 'Bo', 'bo@town.example');
    await people.createSession(session(ada.id, 'a'.repeat(64)));
    await people.createSession(session(bo.id, 'c'.repeat(64)));
    const disabled = await people.setUserDisabled(ada.id, '2026-04-01T10:00:00.000Z');
    expect(disabled).toEqual({ ...ada, disabledAt: '2026-04-01T10:00:00.000Z' });
    expect(await people.setUserDisabled(ada.id, '2026-04-01T11:00:00.000Z')).toEqual(disabled);
    expect(await people.findSession('a'.repeat(64), AT)).toBeNull();
    expect(await people.findSession('c'.repeat(64), AT)).toEqual({ session: session(bo.id, 'c'.repeat(64)), user: bo });
    expect(await people.setUserDisabled(ada.id, null)).toEqual(ada);
    // The sessions ended by disabling stay ended: enabling does not bring them back.
    expect(await people.findSession('a'.repeat(64), AT)).toBeNull();
    await people.createSession(session(ada.id, 'd'.repeat(64)));
    expect(await people.findSession('d'.repeat(64), AT)).toEqual({
      session: session(ada.id, 'd'.repeat(64)),
      user: ada,
    });
    expect(await people.setUserDisabled('usr_missing', AT)).toBeNull();
    expect(await people.setUserDisabled('usr_missing', null)).toBeNull();
  });

  it('refuses a session for a user who does not exist', async () => {
    await expect(harness.people.createSession(session('usr_missing'))).rejects.toHaveProperty('message');
  });

  it('links a person to one OpenID Connect subject, and a subject to one person', async () => {
    const { people } = harness;
    const ada = await createUserOrFail(people, 'Ada', 'ada@town.example');
    const bo = await createUserOrFail(people, 'Bo', 'bo@town.example');
    const issuer = 'https://login.town.example/v2.0';
    expect(await people.findUserByOidcSubject(issuer, 'sub-ada')).toBeNull();
    expect(await people.linkOidcSubject(ada.id, issuer, 'sub-ada')).toBe(true);
    expect(await people.linkOidcSubject(ada.id, issuer, 'sub-ada')).toBe(true);
    expect(await people.findUserByOidcSubject(issuer, 'sub-ada')).toEqual(ada);
    // The same subject at another issuer is another identity.
    expect(await people.findUserByOidcSubject('https://accounts.other.example', 'sub-ada')).toBeNull();
    // Ada keeps her link; the subject stays hers.
    expect(await people.linkOidcSubject(ada.id, issuer, 'sub-other')).toBe(false);
    expect(await people.linkOidcSubject(bo.id, issuer, 'sub-ada')).toBe(false);
    expect(await people.findUserByOidcSubject(issuer, 'sub-ada')).toEqual(ada);
    expect(await people.findUserByOidcSubject(issuer, 'sub-other')).toBeNull();
    expect(await people.linkOidcSubject('usr_missing', issuer, 'sub-x')).toBe(false);
    // Cleared by IT (her account at the provider was replaced): her new subject may be linked.
    expect(await people.unlinkOidcSubject(ada.id)).toEqual({ issuer, subject: 'sub-ada' });
    expect(await people.unlinkOidcSubject(ada.id)).toBeNull();
    expect(await people.unlinkOidcSubject('usr_missing')).toBeNull();
    expect(await people.findUserByOidcSubject(issuer, 'sub-ada')).toBeNull();
    expect(await people.linkOidcSubject(ada.id, issuer, 'sub-ada-2')).toBe(true);
    expect(await people.findUserByOidcSubject(issuer, 'sub-ada-2')).toEqual(ada);
    // A link changes nothing the person is shown with.
    expect(await people.getUser(ada.id)).toEqual(ada);
    expect(await people.findUserByEmail('ada@town.example')).toEqual({ ...ada, passwordHash: 'scrypt$Ada' });
  });

  it('gives a pending OpenID Connect sign-in back once, before it expires, and sweeps expired ones', async () => {
    const { people } = harness;
    const pending = (key: string, createdAt: string, expiresAt: string) => ({
      keySha256: key.repeat(64),
      state: `state-${key}`,
      nonce: `nonce-${key}`,
      codeVerifier: `verifier-${key}`,
      createdAt,
      expiresAt,
    });
    const first = pending('a', '2026-04-01T09:00:00.000Z', '2026-04-01T09:10:00.000Z');
    const second = pending('b', '2026-04-01T09:01:00.000Z', '2026-04-01T09:11:00.000Z');
    await people.savePendingOidcSignIn(first);
    await people.savePendingOidcSignIn(second);
    expect(await people.takePendingOidcSignIn(first.keySha256, '2026-04-01T09:05:00.000Z')).toEqual(first);
    expect(await people.takePendingOidcSignIn(first.keySha256, '2026-04-01T09:05:00.000Z')).toBeNull();
    expect(await people.takePendingOidcSignIn('c'.repeat(64), '2026-04-01T09:05:00.000Z')).toBeNull();
    // Expired: refused, and gone.
    expect(await people.takePendingOidcSignIn(second.keySha256, '2026-04-01T09:11:00.000Z')).toBeNull();
    const late = pending('d', '2026-04-01T09:02:00.000Z', '2026-04-01T09:12:00.000Z');
    await people.savePendingOidcSignIn(late);
    // Saving one at 09:20 sweeps the one that expired at 09:12, even though nobody came back for it.
    await people.savePendingOidcSignIn(pending('e', '2026-04-01T09:20:00.000Z', '2026-04-01T09:30:00.000Z'));
    expect(await people.takePendingOidcSignIn(late.keySha256, '2026-04-01T09:05:00.000Z')).toBeNull();
    expect(await people.takePendingOidcSignIn('e'.repeat(64), '2026-04-01T09:21:00.000Z')).toMatchObject({
      state: 'state-e',
    });
  });
}
