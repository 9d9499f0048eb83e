import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FoiaService } from '@verbatim/foia';
import { openSqliteCatalog } from '../open-sqlite-catalog';
import { SqliteFoiaStore } from './sqlite.foia-store';

const OFFICER = { id: 'tok_officer', roles: ['foia-officer' as const] };
const REQUEST = {
  requester: { name: 'Ari' },
  channel: 'email' as const,
  description: 'Emails',
  recordsCategory: 'general' as const,
};

describe('FoiaService.sweepDeadlines', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-sweep-'));
  const { catalog, db } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
  const store = new SqliteFoiaStore(db);
  // Tuesday 2 December 2025, noon in Connecticut.
  let now = new Date('2025-12-02T17:00:00Z');
  const service = new FoiaService({
    store,
    town: { name: 'Westport', timeZone: 'America/New_York' },
    recipients: { attorneyEmails: ['attorney@town.example'], webhookConfigured: false },
    now: () => now,
  });
  afterAll(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises overdue and due-soon once per deadline, and nothing for requests no longer open', async () => {
    // Received Mon 24 Nov: due Mon 1 Dec (Thanksgiving Thursday skipped) — overdue now.
    const overdue = await service.logRequest({ ...REQUEST, receivedAt: '2025-11-24T10:00:00-05:00' }, OFFICER);
    expect(overdue.responseDueAt).toBe('2025-12-02T04:59:59.999Z');
    // Received Fri 28 Nov: due Thu 4 Dec — two business days left, not due soon (window 1).
    const later = await service.logRequest({ ...REQUEST, receivedAt: '2025-11-28T10:00:00-05:00' }, OFFICER);
    // Received Mon 24 Nov too, but withdrawn: no deadline to chase.
    const withdrawn = await service.logRequest({ ...REQUEST, receivedAt: '2025-11-24T10:00:00-05:00' }, OFFICER);
    await service.transition((await store.getRequest(withdrawn.id))!, { to: 'withdrawn' }, OFFICER);

    const first = await service.sweepDeadlines();
    expect(first.map((delivery) => [delivery.requestId, delivery.event])).toEqual([[overdue.id, 'request.overdue']]);
    expect(await service.sweepDeadlines()).toEqual([]);

    now = new Date('2025-12-03T15:00:00Z'); // Wednesday: the later request is due tomorrow
    const second = await service.sweepDeadlines();
    expect(second.map((delivery) => [delivery.requestId, delivery.event])).toEqual([[later.id, 'request.due-soon']]);
    expect((await store.listDeliveries(withdrawn.id)).map((delivery) => delivery.event)).toEqual(['request.logged']);
  });
});
