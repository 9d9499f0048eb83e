import { DispositionRun, resumeUnfinishedDispositions } from '@verbatim/app';
import type { DispositionProgress, ObjectStore, RetentionStore } from '@verbatim/core';
import { bullmqDispositionControl, enqueueDisposition } from '@verbatim/queue';
import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, waitForJob, type TestInstance } from './support/start-instance';

const CITATION = 'CT State Library M1 item 100: 1 day for this test';

interface RecordBody {
  id: string;
  text: string;
  versions: Array<{ contentHash: string; rawCaptureKey: string }>;
  disposition: { dispositionId: string } | null;
}

/**
 * A worker that dies in the middle of a disposition, twice: once between two batches of records, once while
 * deleting objects from storage. No record is ever half disposed, and the job, run again on the real queue,
 * finishes the rest without doing anything twice.
 */
describe('a disposition interrupted midway resumes where it stopped', () => {
  let instance: TestInstance;
  let attorney: string;

  beforeAll(async () => {
    instance = await startInstance();
    attorney = await createToken(instance, 'attorney', ['attorney']);
    const accountId = await registerMockAccount(instance, {
      type: 'mock',
      seed: 11,
      posts: 5,
      maxCommentsPerPost: 2,
      pageSize: 3,
    });
    await syncOnce(instance, accountId);
    const rule = { accountId, retention: { days: 1 }, citation: CITATION };
    expect((await instance.request('POST', '/api/v1/retention-rules', rule)).status).toBe(201);
  });
  afterAll(() => instance.stop());

  const record = async (id: string) =>
    (await instance.request<RecordBody>('GET', `/api/v1/records/${id}`, undefined, attorney)).body;
  const searchIds = async (word: string) =>
    (
      await instance.request('GET', `/api/v1/records?q=${encodeURIComponent(word)}`, undefined, attorney)
    ).body.records.map((hit: { id: string }) => hit.id) as string[];
  const crash = () => new Error('the worker was killed');

  it('leaves every record whole or disposed, then finishes on the queue without doing anything twice', async () => {
    const { backends } = instance.running;
    const report = (await instance.request('GET', '/api/v1/disposition-report', undefined, attorney)).body;
    const due: string[] = report.rules.flatMap((rule: { records: Array<{ recordId: string }> }) =>
      rule.records.map((candidate) => candidate.recordId),
    );
    expect(due.length).toBeGreaterThan(6);
    const before = new Map(await Promise.all(due.map(async (id) => [id, await record(id)] as const)));
    const keys = new Set([...before.values()].flatMap((body) => body.versions.map((version) => version.rawCaptureKey)));

    const disposition = await backends.retention.createDisposition(
      { note: 'Schedule M1', ruleIds: null },
      { by: 'attorney', at: new Date().toISOString() },
    );

    // 1. Killed after the first batch of two records.
    let batches = 0;
    const dyingRetention: RetentionStore = Object.create(backends.retention, {
      disposeRecords: {
        value: (...args: Parameters<RetentionStore['disposeRecords']>) => {
          batches += 1;
          if (batches === 2) throw crash();
          return backends.retention.disposeRecords(...args);
        },
      },
    });
    const firstRun = new DispositionRun({ ...backends, retention: dyingRetention, batchSize: 2 });
    await expect(firstRun.carryOut(disposition.id)).rejects.toThrow('the worker was killed');
    const afterFirst = await backends.retention.listDisposedRecords(disposition.id);
    expect(afterFirst).toHaveLength(2);
    for (const id of due) {
      const body = await record(id);
      const original = before.get(id)!;
      expect(body.versions.map((version) => version.contentHash)).toEqual(
        original.versions.map((version) => version.contentHash),
      );
      if (afterFirst.some((tombstone) => tombstone.recordId === id)) {
        expect(body).toMatchObject({ text: '', disposition: { dispositionId: disposition.id } });
      } else {
        expect(body).toMatchObject({ text: original.text, disposition: null });
      }
    }

    // 2. Killed while deleting from storage, after one object.
    let removals = 0;
    const dyingStore: ObjectStore = Object.create(backends.objectStore, {
      remove: {
        value: (key: string) => {
          removals += 1;
          if (removals === 2) throw crash();
          return backends.objectStore.remove(key);
        },
      },
    });
    const steps: DispositionProgress['step'][] = [];
    const secondRun = new DispositionRun({ ...backends, objectStore: dyingStore });
    await expect(
      secondRun.carryOut(disposition.id, async (progress) => void steps.push(progress.step)),
    ).rejects.toThrow('the worker was killed');
    expect(removals).toBe(2);
    expect(steps).toEqual(expect.arrayContaining(['records', 'search', 'storage']));
    expect(await backends.retention.listDisposedRecords(disposition.id)).toHaveLength(due.length);
    expect((await backends.retention.getDisposition(disposition.id))!.completedAt).toBeNull();
    // Content left search before storage was touched.
    const sample = [...before.values()].find((body) => /\w{6,}/.test(body.text))!;
    const word = /\w{6,}/.exec(sample.text)![0];
    for (const id of await searchIds(word)) expect(due).not.toContain(id);
    const stillStored = async () =>
      (await Promise.all([...keys].map(async (key) => ((await backends.objectStore.head(key)) ? key : null)))).filter(
        Boolean,
      );
    expect((await stillStored()).length).toBeGreaterThan(0);

    // 3. As when a worker starts: the unfinished disposition is queued again, and its job finishes it.
    const dispositionControl = bullmqDispositionControl(instance.running.queue);
    expect(await resumeUnfinishedDispositions({ retention: backends.retention, dispositionControl })).toBe(1);
    const jobId = `disposition-${disposition.id}`;
    const job = await waitForJob(instance, jobId);
    expect(job.state).toBe('completed');
    expect(job.result).toMatchObject({ recordsDisposed: due.length, objectsWaiting: [] });
    expect(job.progress).toMatchObject({ step: 'done', recordsDue: due.length, recordsDisposed: due.length });
    const tombstones = await backends.retention.listDisposedRecords(disposition.id);
    expect(tombstones.map((tombstone) => tombstone.recordId).sort()).toEqual([...due].sort());
    expect(await backends.retention.getDisposition(disposition.id)).toMatchObject({
      recordsDisposed: due.length,
      completedAt: expect.any(String),
    });
    // Every capture only disposed records used is gone (the mock's pages hold nothing else here).
    const keptByOthers = await backends.retention.unusedObjects([...keys]);
    expect(await stillStored()).toEqual([...keys].filter((key) => !keptByOthers.includes(key)));

    // Asking again is a no-op: nothing unfinished, the same job id, nothing disposed twice.
    expect(await resumeUnfinishedDispositions({ retention: backends.retention, dispositionControl })).toBe(0);
    expect(await enqueueDisposition(instance.running.queue, disposition.id)).toBe(jobId);
    expect((await waitForJob(instance, jobId)).state).toBe('completed');
    expect(await backends.retention.listDisposedRecords(disposition.id)).toHaveLength(due.length);
  });
});
