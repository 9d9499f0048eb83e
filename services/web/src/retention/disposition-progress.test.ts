import type { JobStatus } from '@verbatim/core';
import { describeDispositionJob } from './disposition-progress';

const job = (fields: Partial<JobStatus>): JobStatus => ({
  id: 'disposition-dsp_1',
  name: 'carry-out-disposition',
  state: 'active',
  progress: {},
  attemptsMade: 0,
  createdAt: '2026-12-07T06:00:00.000Z',
  ...fields,
});
const progress = (fields: object) => ({
  dispositionId: 'dsp_1',
  step: 'records',
  recordsDue: 10,
  recordsDisposed: 0,
  objectsToCheck: 0,
  objectsDeleted: 0,
  objectsWaiting: 0,
  ...fields,
});

describe('describeDispositionJob', () => {
  it('follows the steps with a growing fraction', () => {
    const records = describeDispositionJob(job({ progress: progress({ recordsDisposed: 5 }) }));
    expect(records).toEqual({ finished: false, fraction: 0.4, sentence: 'Disposing of records: 5 of 10 done.' });
    const search = describeDispositionJob(job({ progress: progress({ step: 'search', recordsDisposed: 10 }) }));
    expect(search).toMatchObject({ finished: false, fraction: 0.8 });
    const storage = describeDispositionJob(
      job({ progress: progress({ step: 'storage', objectsToCheck: 4, objectsDeleted: 1, objectsWaiting: 1 }) }),
    );
    expect(storage).toEqual({
      finished: false,
      fraction: 0.925,
      sentence: 'Deleting stored objects: 2 of 4 done, 1 waiting for their object lock.',
    });
  });

  it('says what the finished job did, and what waits for its lock until when', () => {
    const result = {
      disposition: { id: 'dsp_1' },
      recordsDisposed: 1,
      objectsDeleted: ['raw/aa/a'],
      objectsWaiting: [{ key: 'raw/bb/b', lockedUntil: '2099-06-01T00:00:00.000Z', message: '' }],
    };
    expect(describeDispositionJob(job({ state: 'completed', result }))).toEqual({
      finished: true,
      fraction: 1,
      sentence:
        'Disposition dsp_1: 1 record disposed, 1 stored object deleted, 1 waiting for their object lock (until ' +
        '2099-06-01T00:00:00.000Z at the latest). Each disposed record keeps a tombstone with its hashes, the rule, ' +
        'the approval and the date.',
    });
  });

  it('tells a queued, an interrupted, a failed and an expired job apart', () => {
    expect(describeDispositionJob(job({ state: 'waiting' })).sentence).toBe(
      'Waiting for a worker to start the disposition…',
    );
    expect(describeDispositionJob(job({ state: 'delayed', progress: progress({ recordsDisposed: 5 }) }))).toEqual({
      finished: false,
      fraction: 0.4,
      sentence: 'The disposition was interrupted; it resumes by itself shortly.',
    });
    expect(describeDispositionJob(job({ state: 'failed', error: 'disk full' })).sentence).toContain(
      'The disposition stopped: disk full.',
    );
    expect(describeDispositionJob(null)).toMatchObject({ finished: true });
  });
});
