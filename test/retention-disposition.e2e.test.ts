import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { popplerPageTexts } from '@verbatim/bundles/testing';
import { approveDisposition } from './support/disposition';
import { createToken } from './support/foia-fixtures';
import { readCsv } from './support/read-csv';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const CONNECTOR = { type: 'mock', seed: 7, posts: 6, maxCommentsPerPost: 3, pageSize: 5 };
const CITATION = 'CT State Library GS2 (M1), general correspondence: 1 day for this test';

interface Version {
  contentHash: string;
  rawCaptureKey: string;
}
interface RecordBody {
  id: string;
  text: string;
  versions: Version[];
}
interface Candidate {
  recordId: string;
}
interface Report {
  total: number;
  rules: Array<{ rule: { id: string; citation: string }; count: number; records: Candidate[] }>;
}

describe('retention, legal holds and disposition, end to end', () => {
  let instance: TestInstance;
  let attorney: string;
  let officer: string;
  let accountId: string;

  beforeAll(async () => {
    instance = await startInstance();
    attorney = await createToken(instance, 'attorney', ['attorney']);
    officer = await createToken(instance, 'officer', ['foia-officer']);
    accountId = await registerMockAccount(instance, CONNECTOR);
    await syncOnce(instance, accountId);
  });
  afterAll(() => instance.stop());

  const report = async () =>
    (await instance.request<Report>('GET', '/api/v1/disposition-report', undefined, attorney)).body;
  const dueIds = async () => (await report()).rules.flatMap((rule) => rule.records.map((record) => record.recordId));
  const record = async (id: string) =>
    (await instance.request<RecordBody>('GET', `/api/v1/records/${id}`, undefined, attorney)).body;
  const stored = async (key: string) => (await instance.running.backends.objectStore.head(key)) !== null;

  it('keeps rules to IT and the attorney, validated, and lists what is past retention per rule', async () => {
    const refused = await instance.request(
      'POST',
      '/api/v1/retention-rules',
      { accountId, retention: { days: 1 }, citation: CITATION },
      officer,
    );
    expect(refused.status).toBe(403);
    const invalid = await instance.request('POST', '/api/v1/retention-rules', {
      accountId,
      retention: { days: 0 },
      citation: '',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((problem: { path: string }) => problem.path).sort()).toEqual([
      'citation',
      'retention.days',
    ]);
    expect((await instance.request('GET', '/api/v1/retention-rules')).body.rules).toEqual([]);
    expect(await dueIds()).toEqual([]);

    const rule = await instance.request('POST', '/api/v1/retention-rules', {
      accountId,
      retention: { days: 1 },
      citation: CITATION,
    });
    expect(rule.status).toBe(201);
    const due = await report();
    expect(due.total).toBeGreaterThan(3);
    expect(due.rules).toHaveLength(1);
    expect(due.rules[0]).toMatchObject({ rule: { id: rule.body.id, citation: CITATION }, count: due.total });
  });

  it('reads the report back as CSV, one row per due record with its citation', async () => {
    const response = await fetch(`${instance.baseUrl}/api/v1/disposition-report`, {
      headers: { authorization: `Bearer ${attorney}`, accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = readCsv((await response.text()).replace(/^\uFEFF/, ''));
    expect(header.slice(0, 4)).toEqual(['rule_id', 'citation', 'retention', 'record_id']);
    expect(rows.map((row) => row[3]).sort()).toEqual((await dueIds()).sort());
    for (const row of rows) expect(row.slice(1, 3)).toEqual([CITATION, '1 day']);
  });

  const download = async (urlPath: string, accept?: string) => {
    const response = await fetch(`${instance.baseUrl}${urlPath}`, {
      headers: { authorization: `Bearer ${attorney}`, ...(accept ? { accept } : {}) },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const pdfText = async (bytes: Buffer, name: string) => {
    const file = path.join(instance.dataDir, name);
    writeFileSync(file, bytes);
    return (await popplerPageTexts(file)).join('\n').replace(/\s+/g, ' ');
  };

  it('reads the report back as PDF: each due record under its rule and citation', async () => {
    const pdf = await download('/api/v1/disposition-report', 'application/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toMatch(/^attachment; filename="disposition-report-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const text = await pdfText(pdf.bytes, 'disposition-report.pdf');
    const due = await dueIds();
    expect(text).toContain('disposition report');
    expect(text).toContain(`${due.length} records are past retention and held by no legal hold.`);
    expect(text).toContain(`${CITATION}: ${due.length} records`);
    expect(text).toContain('keep 1 day.');
    for (const id of due) expect(text).toContain(`${id}: `);
  });

  let heldByRequest: string;
  let requestId: string;

  it('holds what an open FOIA request gathered automatically, and an account hold blocks the rest', async () => {
    [heldByRequest] = await dueIds();
    requestId = (
      await instance.request(
        'POST',
        '/api/v1/foia-requests',
        { requester: { name: 'Lee Park' }, receivedAt: '2026-11-03T09:00:00-05:00', description: 'Beach posts' },
        officer,
      )
    ).body.id;
    const gathered = await instance.request(
      'POST',
      `/api/v1/foia-requests/${requestId}/items`,
      { recordIds: [heldByRequest] },
      officer,
    );
    expect(gathered.body).toMatchObject({ added: 1 });
    expect(await dueIds()).not.toContain(heldByRequest);
    const holds = (await instance.request('GET', '/api/v1/legal-holds', undefined, attorney)).body.holds;
    expect(holds).toContainEqual(
      expect.objectContaining({ id: `foia-${requestId}`, automatic: true, requestId, releasedAt: null }),
    );

    const placed = await instance.request('POST', '/api/v1/legal-holds', {
      scope: 'account',
      accountId,
      reason: 'Notice of claim, Ortiz v. Town',
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ scope: 'account', placedBy: expect.any(String), releasedAt: null });
    expect(await dueIds()).toEqual([]);
  });

  it('a hold blocks disposition; only the attorney approves; the release lets it through after approval', async () => {
    const before = await report();
    expect(before.total).toBe(0);
    expect((await instance.request('POST', '/api/v1/dispositions', { note: 'Schedule M1' })).status).toBe(403);
    expect((await instance.request('POST', '/api/v1/dispositions', { note: '' }, attorney)).status).toBe(400);
    const blocked = await approveDisposition(instance, 'Schedule M1', attorney);
    expect(blocked.records).toEqual([]);
    expect(blocked.result).toMatchObject({ recordsDisposed: 0, disposition: { completedAt: expect.any(String) } });

    const [hold] = (await instance.request('GET', '/api/v1/legal-holds', undefined, attorney)).body.holds.filter(
      (candidate: { scope: string }) => candidate.scope === 'account',
    );
    expect((await instance.request('POST', `/api/v1/legal-holds/${hold.id}/release`, { note: 'settled' })).status).toBe(
      403,
    );
    const released = await instance.request(
      'POST',
      `/api/v1/legal-holds/${hold.id}/release`,
      { note: 'Claim settled on 2026-11-30' },
      attorney,
    );
    expect(released.body).toMatchObject({ releaseNote: 'Claim settled on 2026-11-30', releasedAt: expect.any(String) });

    const due = await dueIds();
    expect(due.length).toBeGreaterThan(3);
    expect(due).not.toContain(heldByRequest);
    const kept = await record(heldByRequest);
    const keptKeys = kept.versions.map((version) => version.rawCaptureKey);
    const dueRecords = await Promise.all(due.map(record));
    const keysOf = (body: RecordBody) => body.versions.map((version) => version.rawCaptureKey);
    // A record from a capture the held record does not share, so that capture is used by disposed records only.
    const sample = dueRecords.find((body) => keysOf(body).some((key) => !keptKeys.includes(key)))!;
    const word = sample.text.split(/\W+/).find((candidate) => candidate.length > 5)!;
    const sampleKeys = keysOf(sample);
    const sharedKeys = dueRecords.flatMap(keysOf).filter((key) => keptKeys.includes(key));
    for (const key of [...keptKeys, ...sampleKeys]) expect(await stored(key)).toBe(true);

    const approved = await approveDisposition(instance, 'Past schedule M1; no litigation pending', attorney);
    expect(approved.jobId).toBe(`disposition-${approved.dispositionId}`);
    expect(approved.records.map((tombstone) => tombstone.recordId).sort()).toEqual(due.sort());
    expect(approved.result.disposition).toMatchObject({ recordsDisposed: due.length, completedAt: expect.any(String) });
    expect(approved.result.objectsWaiting).toEqual([]);
    // The job reported how far it got, and ended with every record and object done.
    expect(approved.job.progress).toMatchObject({
      dispositionId: approved.dispositionId,
      step: 'done',
      recordsDue: due.length,
      recordsDisposed: due.length,
      objectsWaiting: 0,
    });

    // The tombstone keeps the hashes, the rule, the approval and the date.
    const tombstone = await instance.request('GET', `/api/v1/disposed-records/${sample.id}`, undefined, attorney);
    expect(tombstone.body).toMatchObject({
      contentHashes: sample.versions.map((version) => version.contentHash),
      citation: CITATION,
      dispositionId: approved.dispositionId,
      disposedAt: expect.any(String),
    });
    expect(tombstone.body.rawCaptureSha256.length).toBeGreaterThan(0);

    // Gone from search and storage; the held record and what it uses stay.
    const search = await instance.request('GET', `/api/v1/records?q=${encodeURIComponent(word)}`, undefined, attorney);
    for (const id of due) expect(search.body.records.map((hit: { id: string }) => hit.id)).not.toContain(id);
    expect((await record(sample.id)).text).toBe('');
    expect((await record(sample.id)).versions[0].contentHash).toBe(sample.versions[0].contentHash);
    expect((await record(heldByRequest)).text).toBe(kept.text);
    // A capture the held record shares with disposed ones stays; one only disposed records used is deleted.
    for (const key of keptKeys) expect(await stored(key)).toBe(true);
    expect(sharedKeys.length).toBeGreaterThan(0);
    const onlyDisposed = sampleKeys.filter((key) => !keptKeys.includes(key));
    expect(onlyDisposed.length).toBeGreaterThan(0);
    for (const key of onlyDisposed) expect(await stored(key)).toBe(false);
    // Asking for a disposed capture says it was disposed of, not that the archive is damaged.
    const gone = await instance.request(
      'GET',
      `/api/v1/captures/${onlyDisposed[0].slice(onlyDisposed[0].lastIndexOf('/') + 1)}`,
      undefined,
      attorney,
    );
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'disposed', message: expect.stringContaining('was disposed of on') });
    expect(await dueIds()).toEqual([]);
  });

  it("keeps each disposed record's tombstone on its detail and in the disposition's PDF and CSV", async () => {
    const [disposition] = (await instance.request('GET', '/api/v1/dispositions', undefined, attorney)).body
      .dispositions as Array<{ id: string; recordsDisposed: number; note: string }>;
    expect(disposition.note).toBe('Past schedule M1; no litigation pending');
    const { records: tombstones } = (
      await instance.request('GET', `/api/v1/dispositions/${disposition.id}`, undefined, attorney)
    ).body as { records: Array<{ recordId: string; contentHashes: string[]; rawCaptureSha256: string[] }> };
    expect(tombstones).toHaveLength(disposition.recordsDisposed);
    const [first] = tombstones;

    const detail = (await instance.request('GET', `/api/v1/records/${first.recordId}`, undefined, attorney)).body;
    expect(detail.disposition).toMatchObject({
      recordId: first.recordId,
      dispositionId: disposition.id,
      citation: CITATION,
      approvalNote: 'Past schedule M1; no litigation pending',
      approvedAt: expect.any(String),
      disposedAt: expect.any(String),
      contentHashes: first.contentHashes,
    });
    expect(detail.text).toBe('');
    const kept = (await instance.request('GET', `/api/v1/records/${heldByRequest}`, undefined, attorney)).body;
    expect(kept.disposition).toBeNull();

    const csv = await download(`/api/v1/dispositions/${disposition.id}/report?format=csv`);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = readCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(header).toEqual([
      'disposition_id',
      'approved_by',
      'approved_at',
      'approval_note',
      'record_id',
      'account_id',
      'platform_id',
      'kind',
      'posted_at',
      'rule_id',
      'citation',
      'disposed_at',
      'content_sha256',
      'raw_capture_sha256',
      'media_sha256',
    ]);
    expect(rows.map((row) => row[4]).sort()).toEqual(tombstones.map((tombstone) => tombstone.recordId).sort());
    const row = rows.find((candidate) => candidate[4] === first.recordId)!;
    expect(row[0]).toBe(disposition.id);
    expect(row[3]).toBe('Past schedule M1; no litigation pending');
    expect(row[10]).toBe(CITATION);
    expect(row[12].split(' ')).toEqual(first.contentHashes);
    expect(row[13].split(' ')).toEqual(first.rawCaptureSha256);

    const pdf = await download(`/api/v1/dispositions/${disposition.id}/report`);
    expect(pdf.type).toBe('application/pdf');
    const text = await pdfText(pdf.bytes, 'tombstones.pdf');
    expect(text).toContain(`disposition ${disposition.id}`);
    expect(text).toContain('Past schedule M1; no litigation pending');
    expect(text).toContain(`${tombstones.length} records disposed.`);
    for (const tombstone of tombstones) {
      expect(text).toContain(tombstone.recordId);
      for (const hash of tombstone.contentHashes) expect(text).toContain(hash);
    }
    expect(text).toContain(`Rule `);
    expect(text).toContain(CITATION);
    expect((await download('/api/v1/dispositions/dsp_unknown/report')).status).toBe(404);
    expect((await download(`/api/v1/dispositions/${disposition.id}/report?format=xls`)).status).toBe(400);
  });

  it('a request once withdrawn releases its automatic hold', async () => {
    const withdrawn = await instance.request(
      'POST',
      `/api/v1/foia-requests/${requestId}/transitions`,
      { to: 'withdrawn', note: 'requester withdrew' },
      officer,
    );
    expect(withdrawn.status).toBe(200);
    expect(await dueIds()).toEqual([heldByRequest]);
    const holds = (await instance.request('GET', '/api/v1/legal-holds', undefined, attorney)).body.holds;
    expect(holds).toContainEqual(
      expect.objectContaining({ id: `foia-${requestId}`, releaseNote: 'the request was withdrawn' }),
    );
  });

  it('documents every route in the OpenAPI document', async () => {
    const { paths } = (await instance.request('GET', '/api/v1/openapi.json')).body;
    for (const path of [
      '/api/v1/retention-rules',
      '/api/v1/legal-holds',
      '/api/v1/legal-holds/{id}/release',
      '/api/v1/disposition-report',
      '/api/v1/dispositions',
      '/api/v1/dispositions/{id}/report',
      '/api/v1/disposed-records/{id}',
    ])
      expect(paths).toHaveProperty([path]);
  });
});
