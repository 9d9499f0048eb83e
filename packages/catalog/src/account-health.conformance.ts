import type { AccountHealthState } from '@verbatim/core';
import type { AnnouncedHealth, NewDelivery } from '@verbatim/foia';
import { createAccount } from './conformance/fixtures';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = ['2026-04-01T09:00:00.000Z', '2026-04-01T10:00:00.000Z', '2026-04-01T11:00:00.000Z'] as const;

/** What the health watch writes: an email and a webhook call per change, keyed by the change they announce. */
const notices = (state: AccountHealthState) => (previous: AnnouncedHealth | null) => {
  if (state === 'healthy' && previous === null) return [];
  const event = state === 'healthy' ? 'account.recovered' : `account.${state}`;
  const dedupeKey = `${event}:after:${previous?.changedAt ?? 'first'}`;
  const payload = { state };
  return [
    { event, channel: 'email', recipients: ['it@town.example'], payload, dedupeKey },
    { event, channel: 'webhook', recipients: [], payload, dedupeKey },
  ] satisfies NewDelivery[];
};

const record = (harness: StoresHarness, accountId: string, state: AccountHealthState, at: string) =>
  harness.foiaStore.recordAccountHealth(
    accountId,
    { state, problem: state === 'healthy' ? null : `it is ${state}`, at },
    notices(state),
  );

/**
 * The AccountHealthStore contract: a health change is recorded with the outbox rows announcing it, once, however
 * often the same health is reported; the rows are the account's, beside the requests' in the town-wide lists.
 * The SQLite and PostgreSQL adapters run this same suite inside a `describe.each` over harness factories.
 */
export function describeAccountHealthConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it('records the first health; a healthy start announces nothing and the same health again writes nothing', async () => {
    const account = await createAccount(harness.accounts);
    expect(await harness.foiaStore.getAnnouncedHealth(account.id)).toBeNull();
    expect(await record(harness, account.id, 'healthy', AT[0])).toEqual({
      previous: null,
      current: { accountId: account.id, state: 'healthy', problem: null, changedAt: AT[0] },
      deliveries: [],
    });
    const announce = jest.fn(notices('healthy'));
    expect(
      await harness.foiaStore.recordAccountHealth(account.id, { state: 'healthy', problem: null, at: AT[1] }, announce),
    ).toBeNull();
    expect(announce).not.toHaveBeenCalled();
    expect(await harness.foiaStore.getAnnouncedHealth(account.id)).toMatchObject({ changedAt: AT[0] });
  });

  it("announces failing once however often it is reported, then recovered once, as the account's deliveries", async () => {
    const account = await createAccount(harness.accounts);
    await record(harness, account.id, 'healthy', AT[0]);
    const failing = await record(harness, account.id, 'failing', AT[1]);
    expect(failing?.previous).toMatchObject({ state: 'healthy', changedAt: AT[0] });
    expect(failing?.deliveries.map((delivery) => [delivery.event, delivery.channel])).toEqual([
      ['account.failing', 'email'],
      ['account.failing', 'webhook'],
    ]);
    expect(failing?.deliveries[0]).toMatchObject({ accountId: account.id, requestId: null, status: 'pending' });
    expect(await record(harness, account.id, 'failing', AT[2])).toBeNull();
    const recovered = await record(harness, account.id, 'healthy', AT[2]);
    expect(recovered?.previous).toMatchObject({ state: 'failing', problem: 'it is failing', changedAt: AT[1] });

    const events = (await harness.foiaStore.listAccountDeliveries(account.id)).map((delivery) => delivery.event);
    expect(events).toEqual(['account.failing', 'account.failing', 'account.recovered', 'account.recovered']);
    expect(await harness.foiaStore.getAnnouncedHealth(account.id)).toEqual({
      accountId: account.id,
      state: 'healthy',
      problem: null,
      changedAt: AT[2],
    });
  });

  it('lists account deliveries across the town without a request number, and relays them like any other', async () => {
    const account = await createAccount(harness.accounts);
    const change = await record(harness, account.id, 'stale', AT[0]);
    const [email] = change!.deliveries;
    const listed = await harness.foiaStore.listDeliveriesByStatus(['pending'], 10);
    expect(listed.find((delivery) => delivery.id === email.id)).toMatchObject({
      accountId: account.id,
      requestId: null,
      requestNumber: null,
      event: 'account.stale',
    });
    expect((await harness.foiaStore.listUnrelayed(AT[0], 10)).map((delivery) => delivery.id)).toContain(email.id);
    expect(await harness.foiaStore.getDelivery(email.id)).toMatchObject({ accountId: account.id });
    expect(await harness.foiaStore.listDeliveries(account.id)).toEqual([]);
  });

  it('keeps dedupe keys per account, and the storage refuses a row that belongs to no one', async () => {
    const first = await createAccount(harness.accounts, 'first');
    const second = await createAccount(harness.accounts, 'second');
    expect((await record(harness, first.id, 'failing', AT[0]))?.deliveries).toHaveLength(2);
    expect((await record(harness, second.id, 'failing', AT[0]))?.deliveries).toHaveLength(2);
    const [delivery] = await harness.foiaStore.listAccountDeliveries(first.id);
    // Matched by message: better-sqlite3's errors come from the first jest realm that loaded it, not instanceof Error.
    await expect(
      harness.execute(`UPDATE notification_outbox SET account_id = NULL WHERE id = '${delivery.id}'`),
    ).rejects.toMatchObject({ message: expect.stringMatching(/check constraint/i) as string });
  });

  it('writes a change once when two checks report it at the same time', async () => {
    const account = await createAccount(harness.accounts);
    const changes = await Promise.all([
      record(harness, account.id, 'failing', AT[0]),
      record(harness, account.id, 'failing', AT[0]),
    ]);
    expect(changes.filter((change) => change !== null)).toHaveLength(1);
    expect(await harness.foiaStore.listAccountDeliveries(account.id)).toHaveLength(2);
  });
}
