import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteFoiaStore, SqlitePeopleStore, openSqliteCatalog } from '@verbatim/catalog';
import type { Account } from '@verbatim/core';
import type { AccountHealthPayload } from '@verbatim/notify';
import { AccountHealthWatch, type AccountHealthWatchOptions } from './account-health-watch';

const MINUTE = 60_000;

describe('AccountHealthWatch on a real SQLite catalog', () => {
  let dir: string;
  let opened: ReturnType<typeof openSqliteCatalog>;
  let store: SqliteFoiaStore;
  let people: SqlitePeopleStore;
  let account: Account;
  let now: Date;
  let passNumber = 0;

  const watch = (options: Partial<AccountHealthWatchOptions> = {}) =>
    new AccountHealthWatch({
      catalog: opened.catalog,
      people,
      store,
      itEmails: [],
      webhookConfigured: false,
      publicUrl: 'https://verbatim.town.example',
      now: () => now,
      ...options,
    });
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * MINUTE);
    return now.toISOString();
  };
  const failPass = async (error: string) => {
    passNumber += 1;
    await opened.catalog.startPass(account.id, passNumber, String(passNumber), 'c0', later(1));
    await opened.catalog.failPass(account.id, passNumber, error, later(1));
  };
  const completePass = async () => {
    passNumber += 1;
    await opened.catalog.startPass(account.id, passNumber, String(passNumber), 'c0', later(1));
    await opened.catalog.completePass(account.id, passNumber, later(1));
  };
  const eventsOf = (changes: Awaited<ReturnType<AccountHealthWatch['check']>>) =>
    changes.flatMap((change) => change.deliveries.map((delivery) => [delivery.event, delivery.recipients]));

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-health-'));
    opened = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
    store = new SqliteFoiaStore(opened.db);
    people = new SqlitePeopleStore(opened.db);
    now = new Date('2026-03-02T14:00:00Z');
    passNumber = 0;
    const agency = await opened.catalog.createAgency({ name: 'Parks & Recreation', kind: 'department' });
    account = await opened.catalog.createAccount({
      agencyId: agency.id,
      platform: 'facebook',
      handle: 'westportparks',
      status: 'active',
      connector: { type: 'mock', seed: 1 },
      syncIntervalMinutes: 60,
      administrators: [{ name: 'Ada Admin' }, { name: 'Bo Admin' }],
      moderators: [{ name: 'Mo Moderator' }],
    });
    for (const [name, email, roles] of [
      ['Ivy IT', 'ivy@town.example', ['it-admin']],
      ['Fred Officer', 'fred@town.example', ['foia-officer']],
    ] as const) {
      await people.createUser({ name, email, roles: [...roles], passwordHash: 'x', at: now.toISOString() });
    }
  });
  afterEach(async () => {
    await opened.catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a healthy account silently, then tells IT once that it fails and once that it recovered', async () => {
    await completePass();
    expect(await watch().check()).toEqual([expect.objectContaining({ previous: null, deliveries: [] }) as unknown]);

    await failPass('the Page access token has expired (HTTP 401)');
    const failing = await watch().check();
    expect(eventsOf(failing)).toEqual([['account.failing', ['ivy@town.example']]]);
    expect(failing[0].deliveries[0].payload).toEqual({
      accountId: account.id,
      platform: 'facebook',
      handle: 'westportparks',
      agency: 'Parks & Recreation',
      health: 'failing',
      problem: 'The last sync failed: the Page access token has expired (HTTP 401)',
      advice: expect.stringContaining('rejected the credentials') as string,
      lastSuccessAt: '2026-03-02T14:02:00.000Z',
      syncIntervalMinutes: 60,
      url: `https://verbatim.town.example/accounts/${account.id}`,
    } satisfies AccountHealthPayload);

    await failPass('the Page access token has expired (HTTP 401)'); // failing twice
    expect(await watch().check()).toEqual([]);
    later(10);
    expect(await watch().check()).toEqual([]);

    await completePass();
    const recovered = await watch().check();
    expect(eventsOf(recovered)).toEqual([['account.recovered', ['ivy@town.example']]]);
    expect(recovered[0].deliveries[0].payload).toMatchObject({
      health: 'healthy',
      problem: 'The last sync failed: the Page access token has expired (HTTP 401)',
      advice: null,
    });
    expect(await watch().check()).toEqual([]);
    expect((await store.listAccountDeliveries(account.id)).map((delivery) => delivery.event)).toEqual([
      'account.failing',
      'account.recovered',
    ]);
  });

  it('goes stale after twice the interval without a success, not before, and says so once', async () => {
    await completePass(); // last success at 14:02
    await watch().check();
    later(120); // 16:02: exactly twice the interval since
    expect(await watch().check()).toEqual([]);
    later(1); // 121 minutes
    const stale = await watch().check();
    expect(eventsOf(stale)).toEqual([['account.stale', ['ivy@town.example']]]);
    expect(stale[0].current).toMatchObject({
      state: 'stale',
      problem: expect.stringMatching(/^No successful capture for 2 hours/) as string,
    });
    later(600);
    expect(await watch().check()).toEqual([]);
  });

  it('uses IT_NOTIFY_EMAILS and the notification rules, the webhook when configured, and skips accounts off the schedule', async () => {
    await failPass('connect ECONNREFUSED 10.0.0.1:443');
    const configured = watch({ itEmails: ['helpdesk@town.example'], webhookConfigured: true });
    expect(eventsOf(await configured.check())).toEqual([
      ['account.failing', ['helpdesk@town.example']],
      ['account.failing', []],
    ]);

    await store.updateSettings({
      notificationRules: [{ event: 'account.recovered', emails: ['oncall@town.example'], webhook: false }],
    });
    await completePass();
    expect(eventsOf(await configured.check())).toEqual([['account.recovered', ['oncall@town.example']]]);

    await opened.catalog.updateAccount(account.id, { status: 'retired' });
    await failPass('connect ECONNREFUSED 10.0.0.1:443');
    expect(await configured.check()).toEqual([]);
  });
});
