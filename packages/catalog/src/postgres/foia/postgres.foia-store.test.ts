import type { Pool } from 'pg';
import type { NewDelivery, NewFoiaRequestRecord } from '@verbatim/foia';
import { createCatalogPool } from '../postgres-pool';
import { TEST_DATABASE_URL, TestDatabase, uniqueSchemaName } from '../postgres-test-database';
import { runPostgresMigrations } from '../run-migrations';
import { PostgresFoiaStore } from './postgres.foia-store';

const INPUT: NewFoiaRequestRecord = {
  requester: { name: 'Sam Ortiz' },
  receivedAt: '2026-03-02T09:00:00-05:00',
  channel: 'mail',
  description: 'Board minutes',
  recordsCategory: 'general',
  year: 2026,
  createdBy: 'tok_officer',
  createdAt: '2026-03-03T14:00:00.000Z',
};
const delivery = (dedupeKey: string): NewDelivery => ({
  event: 'request.logged',
  channel: 'email',
  recipients: ['a@town.example'],
  payload: { n: 1 },
  dedupeKey,
});

describe('PostgresFoiaStore', () => {
  const database = new TestDatabase();
  const schema = uniqueSchemaName('foia_test');
  let pool: Pool;
  let store: PostgresFoiaStore;
  beforeAll(async () => {
    pool = await createCatalogPool({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4 });
    await runPostgresMigrations(pool, schema);
    store = new PostgresFoiaStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.dropSchema(schema);
    await database.close();
  });

  it('numbers requests per year and writes the request, its first transition and its deliveries together', async () => {
    const first = await store.logRequest(INPUT, () => [delivery('logged')]);
    const second = await store.logRequest({ ...INPUT, year: 2027 }, () => [delivery('logged')]);
    const third = await store.logRequest(INPUT, () => []);
    expect([first.request.number, second.request.number, third.request.number]).toEqual([
      '2026-0001',
      '2027-0001',
      '2026-0002',
    ]);
    expect(first.request).toMatchObject({
      receivedAt: INPUT.receivedAt,
      createdAt: INPUT.createdAt,
      requester: INPUT.requester,
      status: 'received',
    });
    expect(await store.getRequest(first.request.id)).toEqual(first.request);
    expect(first.deliveries).toEqual([
      expect.objectContaining({
        requestId: first.request.id,
        status: 'pending',
        attempts: 0,
        relayedAt: null,
        payload: { n: 1 },
      }),
    ]);
    expect(await store.listTransitions(first.request.id)).toEqual([
      expect.objectContaining({ sequence: 1, from: null, to: 'received', actor: 'tok_officer' }),
    ]);
  });

  it('rolls the whole request back when its deliveries cannot be built', async () => {
    const before = (await store.listRequests()).length;
    await expect(
      store.logRequest(INPUT, () => {
        throw new Error('no recipients');
      }),
    ).rejects.toThrow('no recipients');
    expect(await store.listRequests()).toHaveLength(before);
    const next = await store.logRequest(INPUT, () => []);
    expect(next.request.number).toBe('2026-0003');
  });

  it('never hands two concurrent requests the same number', async () => {
    const other = await createCatalogPool({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4 });
    try {
      const stores = [store, new PostgresFoiaStore(other)];
      const logged = await Promise.all(
        Array.from({ length: 16 }, (_, index) =>
          stores[index % 2].logRequest({ ...INPUT, year: 2030 }, () => [delivery('logged')]),
        ),
      );
      const numbers = logged.map(({ request }) => request.number).sort();
      expect(numbers).toEqual(Array.from({ length: 16 }, (_, index) => `2030-${String(index + 1).padStart(4, '0')}`));
    } finally {
      await other.end();
    }
  });

  it('lists requests newest received first, comparing instants across offsets', async () => {
    const late = await store.logRequest({ ...INPUT, year: 2040, receivedAt: '2040-01-01T23:30:00-05:00' }, () => []);
    const early = await store.logRequest({ ...INPUT, year: 2040, receivedAt: '2040-01-02T03:00:00Z' }, () => []);
    const listed = (await store.listRequests()).map((request) => request.id);
    expect(listed.indexOf(late.request.id)).toBeLessThan(listed.indexOf(early.request.id));
  });

  it('writes a repeated occasion once, and an ended delivery never goes back to pending', async () => {
    const { request } = await store.logRequest(INPUT, () => []);
    expect(await store.addDeliveries(request.id, [delivery('overdue:x')], '2026-03-10T00:00:00Z')).toHaveLength(1);
    expect(await store.addDeliveries(request.id, [delivery('overdue:x')], '2026-03-10T00:05:00Z')).toEqual([]);
    const [only] = await store.listDeliveries(request.id);
    expect((await store.listUnrelayed('2026-03-10T00:00:00Z', 100)).map((row) => row.id)).toContain(only.id);
    await store.markRelayed([only.id], '2026-03-10T00:06:00Z');
    expect((await store.listUnrelayed('2026-03-10T00:00:00Z', 100)).map((row) => row.id)).not.toContain(only.id);
    expect((await store.listUnrelayed('2026-03-10T00:07:00.000Z', 100)).map((row) => row.id)).toContain(only.id);
    expect(await store.recordAttempt(only.id, 'pending', '2026-03-10T00:07:00Z', 'ECONNREFUSED')).toMatchObject({
      attempts: 1,
      status: 'pending',
      lastError: 'ECONNREFUSED',
    });
    expect(await store.recordAttempt(only.id, 'delivered', '2026-03-10T00:08:00Z')).toMatchObject({
      attempts: 2,
      status: 'delivered',
      deliveredAt: '2026-03-10T00:08:00Z',
    });
    expect(await store.recordAttempt(only.id, 'pending', '2026-03-10T00:09:00Z', 'late')).toMatchObject({
      attempts: 2,
      status: 'delivered',
    });
    expect(await store.getDelivery(only.id)).toMatchObject({ status: 'delivered' });
  });

  it('moves a request only from the status it is in, and keeps its history append-only', async () => {
    const { request } = await store.logRequest(INPUT, () => []);
    const change = {
      from: 'received' as const,
      to: 'acknowledged' as const,
      actor: 'tok_officer',
      at: '2026-03-04T10:00:00Z',
      note: 'sent',
    };
    expect(await store.transitionRequest(request.id, change, [delivery('acknowledged')])).toMatchObject({
      status: 'acknowledged',
      updatedAt: change.at,
    });
    expect(await store.transitionRequest(request.id, change)).toBeNull();
    expect((await store.listTransitions(request.id)).map((step) => [step.sequence, step.to])).toEqual([
      [1, 'received'],
      [2, 'acknowledged'],
    ]);
    expect(await store.listDeliveries(request.id)).toHaveLength(1);
    await expect(database.executeIn(schema, `UPDATE foia_transitions SET note = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(database.executeIn(schema, 'DELETE FROM foia_transitions')).rejects.toThrow(/append-only/);
  });

  it('updates only the fields given', async () => {
    const { request } = await store.logRequest(INPUT, () => []);
    const updated = await store.updateRequest(
      request.id,
      { notes: 'called back', requester: { name: 'Sam O.' } },
      '2026-03-05T00:00:00Z',
    );
    expect(updated).toEqual({
      ...request,
      notes: 'called back',
      requester: { name: 'Sam O.' },
      updatedAt: '2026-03-05T00:00:00Z',
    });
    expect(await store.updateRequest('foi_missing', { notes: 'x' }, '2026-03-05T00:00:00Z')).toBeNull();
  });

  it('gathers records once each, with the search that found them, and keeps the officer decisions', async () => {
    const { request } = await store.logRequest(INPUT, () => []);
    const meta = { addedBy: 'tok_officer', at: '2026-03-06T00:00:00Z' };
    const first = await store.addItems(
      request.id,
      [
        { recordId: 'rec_b', source: 'search' },
        { recordId: 'rec_a', source: 'search' },
      ],
      { ...meta, savedSearch: { query: { q: 'budget' }, matched: 2 } },
    );
    expect(first.added).toBe(2);
    expect(await store.listSavedSearches(request.id)).toEqual([first.savedSearch]);
    const second = await store.addItems(
      request.id,
      [
        { recordId: 'rec_a', source: 'pick' },
        { recordId: 'rec_c', source: 'pick' },
      ],
      meta,
    );
    expect(second).toEqual({ added: 1, savedSearch: null });
    const items = await store.listItems(request.id);
    expect(items.map((item) => [item.recordId, item.source, item.savedSearchId])).toEqual([
      ['rec_b', 'search', first.savedSearch!.id],
      ['rec_a', 'search', first.savedSearch!.id],
      ['rec_c', 'pick', null],
    ]);
    const decision = {
      disposition: 'redact' as const,
      exemptionCode: '1-210(b)(2)',
      justification: 'privacy',
      redactions: [
        { version: 1, start: 0, end: 4, code: '1-210(b)(2)' },
        { text: 'Elm Street', code: '1-210(b)(2)' },
      ],
      intendedOccurrences: [{ text: 'Elm Street', section: 'cover-letter' }],
    };
    expect(await store.updateItem(request.id, 'rec_a', decision, '2026-03-07T00:00:00Z')).toMatchObject({
      ...decision,
      updatedAt: '2026-03-07T00:00:00Z',
    });
    expect(await store.getItem(request.id, 'rec_a')).toMatchObject(decision);
    expect(await store.removeItem(request.id, 'rec_c')).toBe(true);
    expect(await store.removeItem(request.id, 'rec_c')).toBe(false);
    expect(await store.getItem(request.id, 'rec_c')).toBeNull();
  });

  it('keeps settings and closure days, refusing a closure day twice', async () => {
    expect((await store.getSettings()).productionTargetBusinessDays).toBe(10);
    expect(await store.updateSettings({ productionTargetBusinessDays: 15, batesPrefix: 'WESTPORT' })).toMatchObject({
      productionTargetBusinessDays: 15,
      batesPrefix: 'WESTPORT',
      dueSoonBusinessDays: 1,
    });
    const day = { date: '2026-02-09', reason: 'Blizzard', addedBy: 'tok_it', addedAt: '2026-02-09T06:00:00Z' };
    expect(await store.addClosureDay(day)).toBe(true);
    expect(await store.addClosureDay(day)).toBe(false);
    expect(await store.listClosureDays()).toEqual([day]);
    expect(await store.removeClosureDay('2026-02-09')).toBe(true);
    expect(await store.removeClosureDay('2026-02-09')).toBe(false);
  });
});
