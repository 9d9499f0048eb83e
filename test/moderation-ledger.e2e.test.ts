import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { popplerPageTexts } from '@verbatim/bundles/testing';
import { startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { createToken, eventually, notifyEnv } from './support/foia-fixtures';
import { readCsv } from './support/read-csv';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

interface LedgerRow {
  id: string;
  recordId: string;
  change: 'hidden' | 'deleted';
  detectedAt: string;
  unreviewed: boolean;
  flagged: boolean;
  reviewId: string | null;
  kind: string;
  text: string;
  resolution: { reviewId: string | null; reason: string | null } | null;
}

describe('moderation ledger: hides and disappearances, each flagged once, settled by the attorney, reported as PDF and CSV', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let attorney: string;
  let moderator: string;
  let accountId: string;
  let entries: LedgerRow[];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-ledger-'));

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance(notifyEnv(smtp.url));
    attorney = await createToken(instance, 'Town Attorney', ['attorney']);
    moderator = await createToken(instance, 'Mo Moderator', ['moderator']);
    accountId = await registerMockAccount(instance, {
      type: 'mock',
      seed: 11,
      posts: 12,
      maxCommentsPerPost: 6,
      hideRate: 0.05,
      deleteRate: 0.03,
    });
    await syncOnce(instance, accountId);
    await syncOnce(instance, accountId);
    const hidden = await instance.request('GET', `/api/v1/records?status=hidden&accountId=${accountId}&limit=100`);
    const deleted = await instance.request('GET', `/api/v1/records?status=deleted&accountId=${accountId}&limit=100`);
    const expected = hidden.body.total + deleted.body.total;
    expect(hidden.body.total).toBeGreaterThan(0);
    entries = await eventually(async () => {
      const listed = await instance.request(
        'GET',
        `/api/v1/moderation-ledger?accountId=${accountId}`,
        undefined,
        attorney,
      );
      return listed.body.entries.length === expected ? (listed.body.entries as LedgerRow[]) : undefined;
    }, 'every hide and deletion in the ledger');
  });
  afterAll(async () => {
    await instance.stop();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const unreviewedEmails = () => smtp.received.filter((message) => message.raw.includes('Subject: Unreviewed'));

  it('flags a comment hidden without a review, and tells the attorney once per item however often it checks', async () => {
    const hides = entries.filter((entry) => entry.change === 'hidden');
    expect(hides.length).toBeGreaterThan(0);
    expect(hides.every((entry) => entry.unreviewed && entry.flagged && entry.reviewId === null)).toBe(true);
    const flagged = entries.filter((entry) => entry.unreviewed);
    await eventually(
      async () => (unreviewedEmails().length === flagged.length ? true : undefined),
      'one email per flag',
    );
    // Many more relay runs (every 200 ms): nothing is recorded or sent twice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(unreviewedEmails()).toHaveLength(flagged.length);
    const again = await instance.request(
      'GET',
      `/api/v1/moderation-ledger?accountId=${accountId}`,
      undefined,
      attorney,
    );
    expect(again.body.entries).toHaveLength(entries.length);
    expect(unreviewedEmails()[0].to).toEqual(['attorney@town.example']);
  });

  it('lets the attorney link an approved review after the fact, or record why none was needed; nothing else', async () => {
    const [first, second] = entries.filter((entry) => entry.flagged);
    const bad = await instance.request(
      'POST',
      `/api/v1/moderation-ledger/${first.id}/resolution`,
      { reviewId: 'mrv_nope' },
      attorney,
    );
    expect(bad.status).toBe(400);
    const both = await instance.request(
      'POST',
      `/api/v1/moderation-ledger/${first.id}/resolution`,
      { reviewId: 'mrv_nope', reason: 'both' },
      attorney,
    );
    expect(both.status).toBe(400);
    expect(
      (
        await instance.request(
          'POST',
          `/api/v1/moderation-ledger/${first.id}/resolution`,
          { reason: 'x y z' },
          moderator,
        )
      ).status,
    ).toBe(403);

    const action = ['comment', 'reply', 'message'].includes(first.kind) ? 'remove-comment' : 'ban-user';
    const proposed = await instance.request(
      'POST',
      '/api/v1/moderation-reviews',
      { recordId: first.recordId, action, categories: ['spam'], note: 'reviewed by phone, recorded after' },
      moderator,
    );
    await instance.request(
      'POST',
      `/api/v1/moderation-reviews/${proposed.body.id}/decisions`,
      { decision: 'approve' },
      attorney,
    );
    if (action === 'ban-user') {
      const director = await createToken(instance, 'Director', ['it-director']);
      await instance.request(
        'POST',
        `/api/v1/moderation-reviews/${proposed.body.id}/decisions`,
        { decision: 'approve' },
        director,
      );
    }
    const linked = await instance.request(
      'POST',
      `/api/v1/moderation-ledger/${first.id}/resolution`,
      { reviewId: proposed.body.id },
      attorney,
    );
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ flagged: false, resolution: { reviewId: proposed.body.id, reason: null } });
    // Settled once: a second answer is refused and the first stays.
    const again = await instance.request(
      'POST',
      `/api/v1/moderation-ledger/${first.id}/resolution`,
      { reason: 'changed my mind' },
      attorney,
    );
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_settled' } } });
    const listed = await instance.request('GET', '/api/v1/moderation-ledger', undefined, attorney);
    const kept = listed.body.entries.find((entry: LedgerRow) => entry.id === first.id);
    expect(kept.resolution).toMatchObject({ reviewId: proposed.body.id, reason: null });
    if (second) {
      const reasoned = await instance.request(
        'POST',
        `/api/v1/moderation-ledger/${second.id}/resolution`,
        { reason: 'the author deleted it' },
        attorney,
      );
      expect(reasoned.body).toMatchObject({ flagged: false, resolution: { reason: 'the author deleted it' } });
    }
    const open = await instance.request('GET', `/api/v1/moderation-ledger?open=true`, undefined, attorney);
    expect(open.body.entries.map((entry: LedgerRow) => entry.id)).not.toContain(first.id);
  });

  it('reports the account and period as CSV and PDF, read back', async () => {
    const from = '2000-01-01';
    const query = `accountId=${accountId}&from=${from}`;
    const get = (format: string) =>
      fetch(`${instance.baseUrl}/api/v1/moderation-ledger/report.${format}?${query}`, {
        headers: { authorization: `Bearer ${attorney}` },
      });
    const csvResponse = await get('csv');
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = readCsv(await csvResponse.text());
    expect(rows[0]).toEqual([
      'detected at (UTC)',
      'change',
      'account',
      'kind',
      'author',
      'text',
      'approving review',
      'unreviewed',
      'resolution',
      'record id',
    ]);
    expect(
      rows
        .slice(1)
        .map((row) => row[9])
        .sort(),
    ).toEqual(entries.map((entry) => entry.recordId).sort());
    expect(rows.some((row) => row[8].startsWith('linked to review mrv_'))).toBe(true);
    expect(
      rows
        .slice(1)
        .filter((row) => row[1] === 'hidden')
        .every((row) => row[7] === 'yes'),
    ).toBe(true);

    const pdfResponse = await get('pdf');
    expect(pdfResponse.status).toBe(200);
    const file = path.join(dir, 'ledger.pdf');
    writeFileSync(file, Buffer.from(await pdfResponse.arrayBuffer()));
    const text = (await popplerPageTexts(file)).join('\n');
    expect(text).toContain('Moderation ledger');
    expect(text).toContain(`Entries: ${entries.length}`);
    expect(text).toContain(entries[0].recordId);
    expect(text).toContain('UNREVIEWED');
    expect(text).toContain('Period: 2000-01-01T00:00:00.000Z to now');

    expect(
      (await instance.request('GET', '/api/v1/moderation-ledger?from=yesterday', undefined, attorney)).status,
    ).toBe(400);
    expect((await instance.request('GET', '/api/v1/moderation-ledger', undefined, moderator)).status).toBe(403);
  });
});
