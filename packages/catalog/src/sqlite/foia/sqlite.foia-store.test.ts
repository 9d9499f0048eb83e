import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NewDelivery, NewFoiaRequestRecord } from '@verbatim/foia';
import { openSqliteCatalog } from '../open-sqlite-catalog';
import { SqliteFoiaStore } from './sqlite.foia-store';

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

describe('SqliteFoiaStore', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-foia-store-'));
  const { catalog, db } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
  const store = new SqliteFoiaStore(db);
  afterAll(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
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
    expect(first.deliveries).toEqual([
      expect.objectContaining({ requestId: first.request.id, status: 'pending', attempts: 0, relayedAt: null }),
    ]);
    expect(await store.listTransitions(first.request.id)).toEqual([
      expect.objectContaining({ from: null, to: 'received', actor: 'tok_officer' }),
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

  it('writes a repeated occasion once, and an ended delivery never goes back to pending', async () => {
    const { request } = await store.logRequest(INPUT, () => []);
    expect(await store.addDeliveries(request.id, [delivery('overdue:x')], '2026-03-10T00:00:00Z')).toHaveLength(1);
    const [again] = [await store.addDeliveries(request.id, [delivery('overdue:x')], '2026-03-10T00:05:00Z')];
    expect(again).toEqual([]);
    const [only] = await store.listDeliveries(request.id);
    expect((await store.listUnrelayed('2026-03-10T00:00:00Z', 10)).map((row) => row.id)).toContain(only.id);
    await store.markRelayed([only.id], '2026-03-10T00:06:00Z');
    expect((await store.listUnrelayed('2026-03-10T00:00:00Z', 10)).map((row) => row.id)).not.toContain(only.id);
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
    expect(await store.transitionRequest(request.id, change)).toMatchObject({ status: 'acknowledged' });
    expect(await store.transitionRequest(request.id, change)).toBeNull();
    expect((await store.listTransitions(request.id)).map((step) => step.to)).toEqual(['received', 'acknowledged']);
    expect(() =>
      db.prepare('UPDATE foia_transitions SET note = ? WHERE request_id = ?').run('rewritten', request.id),
    ).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM foia_transitions WHERE request_id = ?').run(request.id)).toThrow(
      /append-only/,
    );
  });

  it('keeps settings and closure days, refusing a closure day twice', async () => {
    expect((await store.getSettings()).productionTargetBusinessDays).toBe(10);
    expect((await store.updateSettings({ productionTargetBusinessDays: 15 })).productionTargetBusinessDays).toBe(15);
    const day = { date: '2026-02-09', reason: 'Blizzard', addedBy: 'tok_it', addedAt: '2026-02-09T06:00:00Z' };
    expect(await store.addClosureDay(day)).toBe(true);
    expect(await store.addClosureDay(day)).toBe(false);
    expect(await store.listClosureDays()).toEqual([day]);
    expect(await store.removeClosureDay('2026-02-09')).toBe(true);
    expect(await store.removeClosureDay('2026-02-09')).toBe(false);
  });
});
