import type { ApiToken, OutboxNotice, User } from '@verbatim/core';
import type { ObjectStateChange, ObservedObject, SubjectNotices } from '@verbatim/foia';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = ['2026-04-01T09:00:00.000Z', '2026-04-01T10:00:00.000Z', '2026-04-01T11:00:00.000Z'] as const;
const PERSON = { name: 'Jordan Lee', email: 'jordan.lee@town.example', passwordHash: 'x', at: AT[0] };

/** What the grant notices write: an email and a webhook call, keyed by the grant. */
const grantNotices = (key: string): OutboxNotice[] => [
  {
    event: 'access.privileged-grant',
    channel: 'email',
    recipients: ['counsel@town.example'],
    payload: {},
    dedupeKey: key,
  },
  { event: 'access.privileged-grant', channel: 'webhook', recipients: [], payload: {}, dedupeKey: key },
];

/** What the corrupt-object notices write: one email per object newly found altered or missing. */
const corruptNotices = (changes: ObjectStateChange[]): SubjectNotices[] =>
  changes
    .filter((change) => change.current.state !== 'intact')
    .map((change) => ({
      subject: `object:${change.current.key}`,
      deliveries: [
        {
          event: 'archive.corrupt',
          channel: 'email',
          recipients: ['it@town.example'],
          payload: { state: change.current.state },
          dedupeKey: `archive.corrupt:after:${change.previous?.changedAt ?? 'first'}`,
        },
      ],
    }));

const observe = (harness: StoresHarness, observed: ObservedObject[], at: string) =>
  harness.foiaStore.recordObjectStates(observed, at, corruptNotices);

/**
 * Outbox rows about a subject (a person, a token, an archived object): grants written in the transaction that
 * makes them, object states recorded with their notices once per change. Both catalogs run this same suite.
 */
export function describeSubjectNoticesConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it("writes a person's grant notices with the person, and neither when either fails", async () => {
    const announce = jest.fn((_user: User) => grantNotices('created'));
    const user = await harness.people.createUser({ ...PERSON, roles: ['attorney'] }, announce);
    expect(announce).toHaveBeenCalledWith(expect.objectContaining({ id: user!.id, roles: ['attorney'] }));
    const written = await harness.foiaStore.listSubjectDeliveries(`person:${user!.id}`);
    expect(written.map((delivery) => [delivery.event, delivery.channel])).toEqual([
      ['access.privileged-grant', 'email'],
      ['access.privileged-grant', 'webhook'],
    ]);
    expect(written[0]).toMatchObject({ subject: `person:${user!.id}`, requestId: null, accountId: null });

    const taken = jest.fn(() => grantNotices('created'));
    expect(await harness.people.createUser({ ...PERSON, roles: ['auditor'] }, taken)).toBeNull();
    expect(taken).not.toHaveBeenCalled();
    const failing = () => {
      throw new Error('composing failed');
    };
    const other = { ...PERSON, email: 'other@town.example', roles: ['auditor' as const] };
    await expect(harness.people.createUser(other, failing)).rejects.toThrow('composing failed');
    expect(await harness.people.findUserByEmail(other.email)).toBeNull();
  });

  it("changes a person's roles with the notices of the change, telling them the roles before", async () => {
    const user = await harness.people.createUser({ ...PERSON, roles: ['foia-officer'] });
    const announce = jest.fn((_user: User, _previous: string[]) => grantNotices(`roles:${AT[1]}`));
    const changed = await harness.people.setUserRoles(user!.id, ['foia-officer', 'attorney'], AT[1], announce);
    expect(changed).toMatchObject({ id: user!.id, roles: ['foia-officer', 'attorney'] });
    expect(announce).toHaveBeenCalledWith(changed, ['foia-officer']);
    expect(await harness.people.getUser(user!.id)).toMatchObject({ roles: ['foia-officer', 'attorney'] });
    expect(await harness.foiaStore.listSubjectDeliveries(`person:${user!.id}`)).toHaveLength(2);
    expect(await harness.people.setUserRoles('user_none', ['attorney'], AT[1], announce)).toBeNull();
    expect(announce).toHaveBeenCalledTimes(1);
    const failing = () => {
      throw new Error('composing failed');
    };
    await expect(harness.people.setUserRoles(user!.id, ['auditor'], AT[2], failing)).rejects.toThrow();
    expect(await harness.people.getUser(user!.id)).toMatchObject({ roles: ['foia-officer', 'attorney'] });
  });

  it("writes a token's grant notices with the token, and neither when either fails", async () => {
    const announce = jest.fn((_token: ApiToken) => grantNotices('created'));
    const token = await harness.catalog.createToken(
      { name: 'counsel script', roles: ['attorney'], secretSha256: 'a'.repeat(64) },
      announce,
    );
    expect(announce).toHaveBeenCalledWith(token);
    expect(await harness.foiaStore.listSubjectDeliveries(`token:${token.id}`)).toHaveLength(2);
    const failing = () => {
      throw new Error('composing failed');
    };
    const secretSha256 = 'b'.repeat(64);
    await expect(
      harness.catalog.createToken({ name: 'x', roles: ['auditor'], secretSha256 }, failing),
    ).rejects.toThrow();
    expect(await harness.catalog.findTokenBySecretSha256(secretSha256)).toBeNull();
  });

  it('lists and relays subject deliveries across the town, keeps their dedupe keys per subject, refuses two owners', async () => {
    const user = await harness.people.createUser({ ...PERSON, roles: ['attorney'] }, () => grantNotices('k'));
    const again = await harness.people.setUserRoles(user!.id, ['auditor'], AT[1], () => grantNotices('k'));
    expect(again).not.toBeNull();
    const [email] = await harness.foiaStore.listSubjectDeliveries(`person:${user!.id}`);
    expect(await harness.foiaStore.listSubjectDeliveries(`person:${user!.id}`)).toHaveLength(2);
    const listed = await harness.foiaStore.listDeliveriesByStatus(['pending'], 10);
    expect(listed.find((delivery) => delivery.id === email.id)).toMatchObject({
      subject: `person:${user!.id}`,
      requestNumber: null,
    });
    expect((await harness.foiaStore.listUnrelayed(AT[2], 10)).map((delivery) => delivery.id)).toContain(email.id);
    expect(await harness.foiaStore.reopenFailedDelivery(email.id)).toBeNull();
    await harness.foiaStore.recordAttempt(email.id, 'failed', AT[1], 'smtp said no');
    expect(await harness.foiaStore.reopenFailedDelivery(email.id)).toMatchObject({ status: 'pending' });
    await expect(
      harness.execute(`UPDATE notification_outbox SET subject = NULL WHERE id = '${email.id}'`),
    ).rejects.toMatchObject({ message: expect.stringMatching(/check constraint/i) as string });
  });

  it('records an object found altered once however often it is seen, again after it was restored', async () => {
    const key = 'media/ab/abc';
    const first = await observe(harness, [{ key, state: 'altered', accountId: 'acc_1' }], AT[0]);
    expect(first.changes).toEqual([
      { previous: null, current: { key, state: 'altered', accountId: 'acc_1', changedAt: AT[0] } },
    ]);
    expect(first.deliveries).toEqual([expect.objectContaining({ subject: `object:${key}`, event: 'archive.corrupt' })]);
    const announce = jest.fn(corruptNotices);
    // Seen again by a download that does not know the account: no change, nothing announced.
    expect(
      await harness.foiaStore.recordObjectStates([{ key, state: 'altered', accountId: null }], AT[1], announce),
    ).toEqual({ changes: [], deliveries: [] });
    expect(announce).not.toHaveBeenCalled();
    expect(await harness.foiaStore.listAnnouncedProblems([key, 'raw/00/none'])).toEqual([
      { key, state: 'altered', accountId: 'acc_1', changedAt: AT[0] },
    ]);

    // Restored, then altered again: a change each, the second announced anew.
    const restored = await observe(harness, [{ key, state: 'intact', accountId: null }], AT[1]);
    expect(restored.changes[0].current).toEqual({ key, state: 'intact', accountId: 'acc_1', changedAt: AT[1] });
    expect(await harness.foiaStore.listAnnouncedProblems()).toEqual([]);
    const again = await observe(harness, [{ key, state: 'missing', accountId: 'acc_1' }], AT[2]);
    expect(again.deliveries).toHaveLength(1);
    expect(await harness.foiaStore.listSubjectDeliveries(`object:${key}`)).toHaveLength(2);
  });

  it('leaves an intact object with nothing recorded alone, and records many objects in one go', async () => {
    const announce = jest.fn(corruptNotices);
    expect(
      await harness.foiaStore.recordObjectStates(
        [{ key: 'raw/aa/a', state: 'intact', accountId: null }],
        AT[0],
        announce,
      ),
    ).toEqual({ changes: [], deliveries: [] });
    expect(announce).not.toHaveBeenCalled();
    const many = await harness.foiaStore.recordObjectStates(
      [
        { key: 'raw/bb/b', state: 'missing', accountId: 'acc_2' },
        { key: 'raw/aa/a', state: 'altered', accountId: 'acc_1' },
        { key: 'raw/cc/c', state: 'intact', accountId: 'acc_1' },
      ],
      AT[1],
      (changes) => [
        {
          subject: 'town',
          deliveries: [
            {
              event: 'archive.corrupt',
              channel: 'email',
              recipients: ['it@town.example'],
              payload: { keys: changes.map((change) => change.current.key) },
              dedupeKey: `archive.corrupt:verification:${AT[1]}`,
            },
          ],
        },
      ],
    );
    expect(many.changes.map((change) => change.current.key)).toEqual(['raw/aa/a', 'raw/bb/b']);
    expect(many.deliveries).toEqual([
      expect.objectContaining({ subject: 'town', payload: { keys: ['raw/aa/a', 'raw/bb/b'] } }),
    ]);
    expect((await harness.foiaStore.listAnnouncedProblems()).map((object) => object.key)).toEqual([
      'raw/aa/a',
      'raw/bb/b',
    ]);
  });

  it('records a change once when two reads find it at the same time', async () => {
    const observed: ObservedObject[] = [{ key: 'media/cd/cde', state: 'altered', accountId: 'acc_1' }];
    const results = await Promise.all([observe(harness, observed, AT[0]), observe(harness, observed, AT[0])]);
    expect(results.flatMap((result) => result.changes)).toHaveLength(1);
    expect(await harness.foiaStore.listSubjectDeliveries('object:media/cd/cde')).toHaveLength(1);
  });
}
