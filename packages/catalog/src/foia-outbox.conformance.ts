import type { FoiaStore, NewDelivery } from '@verbatim/foia';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = '2026-04-01T09:00:00.000Z';

const email = (dedupeKey: string): NewDelivery => ({
  event: 'request.logged',
  channel: 'email',
  recipients: ['attorney@town.example'],
  payload: { n: 1 },
  dedupeKey,
});

async function logRequest(foiaStore: FoiaStore, deliveries: NewDelivery[]) {
  return foiaStore.logRequest(
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
    () => deliveries,
  );
}

/**
 * The outbox part of the FoiaStore contract that notifications which cannot be lost rest on: holding a delivery
 * whose channel is not configured, reopening a failed one, and listing what is undelivered across the town. The
 * SQLite and PostgreSQL adapters run this same suite inside a `describe.each` over harness factories.
 */
export function describeFoiaOutboxConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it('holds a pending delivery with its reason, counting no attempt, and never holds an ended one', async () => {
    const { foiaStore } = harness;
    const {
      deliveries: [held, ended],
    } = await logRequest(foiaStore, [email('logged'), email('overdue')]);
    await foiaStore.markRelayed([held.id], AT);
    const reason = 'no mail server configured: set SMTP_URL';
    expect(await foiaStore.holdDelivery(held.id, reason)).toMatchObject({
      id: held.id,
      status: 'pending',
      attempts: 0,
      lastError: reason,
      relayedAt: AT,
    });
    await foiaStore.recordAttempt(ended.id, 'delivered', AT);
    expect(await foiaStore.holdDelivery(ended.id, reason)).toBeNull();
    expect(await foiaStore.getDelivery(ended.id)).toMatchObject({ status: 'delivered', lastError: null });
    expect(await foiaStore.holdDelivery('delivery_missing', reason)).toBeNull();
    // Once sent, the reason it waited is gone.
    expect(await foiaStore.recordAttempt(held.id, 'delivered', AT)).toMatchObject({ attempts: 1, lastError: null });
  });

  it('reopens only a failed delivery, as pending and unrelayed, keeping its attempts and last error', async () => {
    const { foiaStore } = harness;
    const {
      deliveries: [failed, pending],
    } = await logRequest(foiaStore, [email('logged'), email('overdue')]);
    await foiaStore.markRelayed([failed.id, pending.id], AT);
    await foiaStore.recordAttempt(failed.id, 'failed', AT, '550 no such user');
    const reopened = await foiaStore.reopenFailedDelivery(failed.id);
    expect(reopened).toMatchObject({ status: 'pending', attempts: 1, lastError: '550 no such user', relayedAt: null });
    expect((await foiaStore.listUnrelayed(AT, 10)).map((delivery) => delivery.id)).toEqual([failed.id]);
    // A second reopen finds nothing failed: the first one won.
    expect(await foiaStore.reopenFailedDelivery(failed.id)).toBeNull();
    expect(await foiaStore.reopenFailedDelivery(pending.id)).toBeNull();
    expect(await foiaStore.reopenFailedDelivery('delivery_missing')).toBeNull();
  });

  it('lists deliveries across requests by status, newest first, with the request number, up to the limit', async () => {
    const { foiaStore } = harness;
    const first = await logRequest(foiaStore, [email('logged')]);
    const second = await logRequest(foiaStore, [email('logged')]);
    const added = await foiaStore.addDeliveries(second.request.id, [email('overdue')], '2026-04-02T09:00:00.000Z');
    await foiaStore.recordAttempt(first.deliveries[0].id, 'failed', AT, 'refused');
    await foiaStore.recordAttempt(second.deliveries[0].id, 'delivered', AT);

    const undelivered = await foiaStore.listDeliveriesByStatus(['pending', 'failed'], 10);
    expect(undelivered.map((delivery) => [delivery.id, delivery.requestNumber, delivery.status])).toEqual([
      [added[0].id, second.request.number, 'pending'],
      [first.deliveries[0].id, first.request.number, 'failed'],
    ]);
    expect(undelivered[1]).toMatchObject({ channel: 'email', recipients: ['attorney@town.example'], attempts: 1 });
    expect((await foiaStore.listDeliveriesByStatus(['delivered'], 10)).map((delivery) => delivery.id)).toEqual([
      second.deliveries[0].id,
    ]);
    expect(await foiaStore.listDeliveriesByStatus(['pending', 'failed', 'delivered'], 1)).toHaveLength(1);
  });
}
