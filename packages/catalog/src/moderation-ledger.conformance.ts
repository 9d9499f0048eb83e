import { recordIdFor, type ModerationLedgerEntry } from '@verbatim/core';
import { createAccount, makeItem, makePage } from './conformance/fixtures';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = ['2026-06-01T09:00:00.000Z', '2026-06-02T09:00:00.000Z', '2026-06-03T09:00:00.000Z'] as const;

/** An account with a hidden comment, a deleted comment and a live one. */
async function archive(harness: StoresHarness) {
  const account = await createAccount(harness.accounts);
  const resident = { id: 'r-1', name: 'A Resident' };
  const applied = await harness.accounts.applyPage(
    makePage(account.id, 'page-1', [
      makeItem('hidden-1', { kind: 'comment', author: resident, hidden: true }),
      makeItem('gone-1', { kind: 'comment', author: resident }),
      makeItem('live-1', { kind: 'comment', author: resident }),
    ]),
  );
  const id = (platformId: string) => recordIdFor(account.id, platformId);
  expect(applied.created).toBe(3);
  await harness.accounts.markGone(account.id, [id('gone-1')], AT[1]);
  return { accountId: account.id, hidden: id('hidden-1'), gone: id('gone-1') };
}

const entry = (recordId: string, accountId: string, change: 'hidden' | 'deleted', detectedAt: string) =>
  ({
    id: `mle_${recordId}_${change}`,
    recordId,
    accountId,
    change,
    detectedAt,
    reviewId: null,
    unreviewed: true,
    resolution: null,
  }) satisfies ModerationLedgerEntry;

/**
 * The ModerationLedgerStore contract: hidden and deleted records are found until their change is recorded; each
 * change is recorded once, with its notice, however often it is offered. SQLite and PostgreSQL run it.
 */
export function describeModerationLedgerConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it('finds hidden and deleted records until their change is in the ledger', async () => {
    const { accountId, hidden, gone } = await archive(harness);
    const found = await harness.moderationLedger.listUnledgered(10);
    expect(found).toEqual(
      expect.arrayContaining([
        { recordId: hidden, change: 'hidden' },
        { recordId: gone, change: 'deleted' },
      ]),
    );
    expect(found).toHaveLength(2);
    await harness.moderationLedger.recordEntry(entry(hidden, accountId, 'hidden', AT[0]), [], AT[0]);
    expect(await harness.moderationLedger.listUnledgered(10)).toEqual([{ recordId: gone, change: 'deleted' }]);
  });

  it('records a change once, with its notice, however often it is offered, even at the same time', async () => {
    const { accountId, hidden } = await archive(harness);
    const notice = {
      event: 'moderation.unreviewed',
      channel: 'email' as const,
      recipients: ['attorney@town.example'],
      payload: { recordId: hidden },
      dedupeKey: `moderation.unreviewed:${hidden}:hidden`,
    };
    const offers = await Promise.all([
      harness.moderationLedger.recordEntry(entry(hidden, accountId, 'hidden', AT[0]), [notice], AT[0]),
      harness.moderationLedger.recordEntry(
        { ...entry(hidden, accountId, 'hidden', AT[0]), id: 'mle_other' },
        [notice],
        AT[0],
      ),
    ]);
    expect(offers.filter((offer) => offer !== null)).toHaveLength(1);
    expect(
      await harness.moderationLedger.recordEntry(entry(hidden, accountId, 'hidden', AT[1]), [notice], AT[1]),
    ).toBeNull();
    const events = (await harness.foiaStore.listAccountDeliveries(accountId)).map((delivery) => delivery.event);
    expect(events).toEqual(['moderation.unreviewed']);
  });

  it('lists entries by account and period, the open ones alone, and keeps a resolution', async () => {
    const { accountId, hidden, gone } = await archive(harness);
    await harness.moderationLedger.recordEntry(entry(hidden, accountId, 'hidden', AT[0]), [], AT[0]);
    await harness.moderationLedger.recordEntry(entry(gone, accountId, 'deleted', AT[1]), [], AT[1]);
    const all = await harness.moderationLedger.listEntries({ accountId });
    expect(all.map((e) => e.change)).toEqual(['hidden', 'deleted']);
    expect(await harness.moderationLedger.listEntries({ accountId: 'acc_other' })).toEqual([]);
    const period = await harness.moderationLedger.listEntries({ from: AT[1], to: AT[2] });
    expect(period.map((e) => e.recordId)).toEqual([gone]);
    const resolution = { reviewId: null, reason: 'the author deleted it', by: 'usr_attorney', at: AT[2] };
    const resolved = await harness.moderationLedger.resolve(`mle_${gone}_deleted`, resolution);
    expect(resolved).toEqual({ ...entry(gone, accountId, 'deleted', AT[1]), resolution });
    expect((await harness.moderationLedger.listEntries({ openOnly: true })).map((e) => e.recordId)).toEqual([hidden]);
    expect(await harness.moderationLedger.getEntry(`mle_${gone}_deleted`)).toEqual(resolved);
    expect(await harness.moderationLedger.resolve('mle_missing', resolution)).toBeNull();
  });
}
