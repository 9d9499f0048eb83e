import type { S3ObjectStore } from '@verbatim/storage';
import { approveDisposition } from './support/disposition';
import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

/**
 * s3rver implements no Object Lock, so the lock is what a server that has it reports: each HeadObject answer
 * (a real one, from s3rver) gains the retain-until date AWS and MinIO send for a locked version. The deletes are
 * real: they reach s3rver, or do not.
 */
describe('disposition waits for the object lock, and says so', () => {
  let instance: TestInstance;
  let attorney: string;
  let retainUntil = new Date('2099-06-01T00:00:00.000Z');

  beforeAll(async () => {
    const before = process.env.STORAGE_BACKEND;
    process.env.STORAGE_BACKEND = 's3';
    try {
      instance = await startInstance();
    } finally {
      process.env.STORAGE_BACKEND = before;
    }
    attorney = await createToken(instance, 'attorney', ['attorney']);
    const accountId = await registerMockAccount(instance, { type: 'mock', seed: 5, posts: 3, maxCommentsPerPost: 2 });
    await syncOnce(instance, accountId);
    const store = instance.running.backends.objectStore as unknown as S3ObjectStore;
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'HeadObjectCommand')
          (result.output as { ObjectLockRetainUntilDate?: Date }).ObjectLockRetainUntilDate = retainUntil;
        return result;
      },
      { step: 'initialize', name: 'reportObjectLockForTests' },
    );
    const rule = { accountId, retention: { days: 1 }, citation: 'CT State Library M1 item 100' };
    expect((await instance.request('POST', '/api/v1/retention-rules', rule)).status).toBe(201);
  });
  afterAll(() => instance.stop());

  const stored = (key: string) => instance.running.backends.objectStore.head(key);

  it('empties the records at once, keeps locked objects, and the report shows until when; a later run deletes them', async () => {
    const first = await approveDisposition(instance, 'Schedule M1', attorney);
    expect(first.records.length).toBeGreaterThan(0);
    expect(first.result.objectsDeleted).toEqual([]);
    const waiting = first.result.objectsWaiting;
    expect(first.job.progress).toMatchObject({ step: 'done', objectsDeleted: 0, objectsWaiting: waiting.length });
    expect(waiting.length).toBeGreaterThan(0);
    for (const object of waiting) {
      expect(object).toMatchObject({
        lockedUntil: '2099-06-01T00:00:00.000Z',
        message: 'waiting for the object lock until 2099-06-01T00:00:00.000Z',
      });
      expect(await stored(object.key)).not.toBeNull();
    }
    const [disposed] = first.records;
    expect((await instance.request('GET', `/api/v1/records/${disposed.recordId}`, undefined, attorney)).body.text).toBe(
      '',
    );
    const report = (await instance.request('GET', '/api/v1/disposition-report', undefined, attorney)).body;
    expect(report.total).toBe(0);
    expect(report.waitingObjects.map((object: { message: string }) => object.message)).toEqual(
      waiting.map(() => 'waiting for the object lock until 2099-06-01T00:00:00.000Z'),
    );

    retainUntil = new Date('2001-01-01T00:00:00.000Z');
    const second = await approveDisposition(instance, 'Locks ended', attorney);
    expect(second.records).toEqual([]);
    expect([...second.result.objectsDeleted].sort()).toEqual(waiting.map((object) => object.key).sort());
    for (const object of waiting) expect(await stored(object.key)).toBeNull();
    expect(
      (await instance.request('GET', '/api/v1/disposition-report', undefined, attorney)).body.waitingObjects,
    ).toEqual([]);
  });
});
