import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { popplerPageTexts } from '../testing/pdf-inspection';
import { renderReportPdfInWorker } from './render-report-pdf-in-worker';

const HASH = 'ab'.repeat(32);

describe('disposition PDFs rendered in a worker thread', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-report-pdf-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const textOf = async (pdf: Buffer, name: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, pdf);
    return (await popplerPageTexts(file)).join('\n').replace(/\s+/g, ' ');
  };

  it('prints the due records under their rule and citation, and the objects waiting for their lock', async () => {
    const pdf = await renderReportPdfInWorker({
      kind: 'disposition-report',
      input: {
        townName: 'Town of Westport',
        producedAt: '2026-12-07 10:15 America/New_York',
        total: 2,
        truncated: false,
        rules: [
          {
            ruleId: 'ret_1',
            citation: 'CT State Library M1 item 100',
            retention: '730 days',
            records: ['rec_a', 'rec_b'].map((recordId) => ({
              recordId,
              account: '@westportparks (facebook)',
              kind: 'comment',
              postedAt: '2024-01-02 09:00',
              retentionEndedAt: '2026-01-01 09:00',
            })),
          },
        ],
        waitingObjects: [{ key: `raw/ab/${HASH}`, message: 'waiting for the object lock until 2099-06-01' }],
      },
    });
    const text = await textOf(pdf, 'report.pdf');
    expect(text).toContain('Town of Westport: disposition report');
    expect(text).toContain('2 records are past retention and held by no legal hold.');
    expect(text).toContain('CT State Library M1 item 100: 2 records');
    expect(text).toContain('Rule ret_1; keep 730 days.');
    expect(text).toContain(
      'rec_b: comment on @westportparks (facebook), posted 2024-01-02 09:00, retention ended 2026-01-01 09:00',
    );
    expect(text).toContain(`raw/ab/${HASH}: waiting for the object lock until 2099-06-01`);
  });

  it("prints a disposition's approval and each tombstone's rule, date and hashes", async () => {
    const pdf = await renderReportPdfInWorker({
      kind: 'disposition-tombstones',
      input: {
        townName: 'Town of Westport',
        producedAt: '2026-12-07 10:15 America/New_York',
        disposition: {
          id: 'dsp_1',
          approvedBy: 'usr_casey',
          approvedAt: '2026-12-07 10:00',
          note: 'Past schedule M1',
          completedAt: '2026-12-07 10:01',
        },
        records: [
          {
            recordId: 'rec_a',
            account: '@westportparks (facebook)',
            platformId: '123_456',
            kind: 'post',
            postedAt: '2024-01-02 09:00',
            ruleId: 'ret_1',
            citation: 'CT State Library M1 item 100',
            disposedAt: '2026-12-07 10:01',
            contentHashes: [HASH],
            rawCaptureSha256: ['cd'.repeat(32)],
            mediaSha256: ['ef'.repeat(32)],
          },
        ],
      },
    });
    const text = await textOf(pdf, 'tombstones.pdf');
    expect(text).toContain('Town of Westport: disposition dsp_1');
    expect(text).toContain('Approved by usr_casey on 2026-12-07 10:00: Past schedule M1');
    expect(text).toContain('Completed: 2026-12-07 10:01. 1 record disposed.');
    expect(text).toContain('Rule ret_1: CT State Library M1 item 100');
    expect(text).toContain(`Version 1 content SHA-256 ${HASH}`);
    expect(text).toContain(`Raw capture SHA-256 ${'cd'.repeat(32)}`);
    expect(text).toContain(`Media SHA-256 ${'ef'.repeat(32)}`);
  });
});
