import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { MIN_MULTIPART_PART_BYTES } from './s3.config';
import {
  answerInsteadOfServer,
  countSent,
  openS3TestStore,
  type S3TestStore,
  type SentRequest,
} from './s3.test-fixture';

const DAY_MS = 24 * 60 * 60 * 1000;

function sentFor(fixture: S3TestStore, commandName: string): SentRequest[] {
  return fixture.sent.filter((request) => request.commandName === commandName);
}

/** Asserts a request carries COMPLIANCE retention until `days` after a moment between `before` and `after`. */
function expectRetention(request: SentRequest | undefined, days: number, before: number, after: number): void {
  expect(request?.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
  const retainUntil = Date.parse(request?.headers['x-amz-object-lock-retain-until-date'] ?? '');
  // The header has second precision.
  expect(retainUntil).toBeGreaterThanOrEqual(before + days * DAY_MS - 1000);
  expect(retainUntil).toBeLessThanOrEqual(after + days * DAY_MS);
}

describe('S3ObjectStore Object Lock on a bucket that has it', () => {
  let fixture: S3TestStore;

  beforeAll(async () => {
    fixture = await openS3TestStore({
      settings: {
        objectLockMode: 'COMPLIANCE',
        objectLockRetentionDays: 30,
        multipartPartSizeBytes: MIN_MULTIPART_PART_BYTES,
      },
      // s3rver implements neither; these answers are what AWS and MinIO give for a bucket made with Object Lock.
      instrumentClient: (client) => {
        answerInsteadOfServer(client, 'GetBucketVersioningCommand', { Status: 'Enabled' });
        answerInsteadOfServer(client, 'GetObjectLockConfigurationCommand', {
          ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
        });
      },
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  beforeEach(() => {
    fixture.sent.length = 0;
  });

  it('reads the protection at start and logs it once', () => {
    expect(fixture.store.protection).toEqual({ versioning: 'enabled', objectLock: 'enabled' });
    expect(fixture.logged).toEqual([
      {
        level: 'info',
        message: 'S3 bucket test-bucket: versioning enabled, object lock enabled, COMPLIANCE retention of 30 days',
        details: expect.objectContaining({ retentionOnWrites: { mode: 'COMPLIANCE', days: 30 } }),
      },
    ]);
  });

  it('sends retention and the body checksum with every single-part write', async () => {
    const body = randomBytes(1000);
    const before = Date.now();
    await fixture.store.put('raw/aa/locked-put', body);
    await fixture.store.putStream('bundles/locked/stream.pdf', Readable.from([randomBytes(2000)]));
    const after = Date.now();

    const puts = sentFor(fixture, 'PutObjectCommand');
    expect(puts).toHaveLength(2);
    for (const put of puts) expectRetention(put, 30, before, after);
    // AWS refuses a retained write without a checksum; this one is the body's own SHA-256.
    expect(puts[0].headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(body).digest('base64'));
    expect(Buffer.from(await fixture.store.get('raw/aa/locked-put')).equals(body)).toBe(true);
  });

  it('sends retention when a multipart upload starts, and a checksum with every part', async () => {
    const before = Date.now();
    await fixture.store.putStream(
      'bundles/locked/large.zip',
      Readable.from([randomBytes(MIN_MULTIPART_PART_BYTES + 5)]),
    );
    const after = Date.now();

    expectRetention(sentFor(fixture, 'CreateMultipartUploadCommand')[0], 30, before, after);
    const parts = sentFor(fixture, 'UploadPartCommand');
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.headers['x-amz-checksum-sha256']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('keeps a locked object on removal and says until when: the write time plus the retention days', async () => {
    const before = Date.now();
    await fixture.store.put('media/cc/locked-media', Buffer.from('locked'));
    const after = Date.now();
    fixture.sent.length = 0;
    const removal = await fixture.store.remove('media/cc/locked-media');
    expect(removal.removed).toBe(false);
    const lockedUntil = Date.parse((removal as { lockedUntil: string }).lockedUntil);
    // s3rver reports no retain-until date; LastModified has second precision.
    expect(lockedUntil).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 1000);
    expect(lockedUntil).toBeLessThanOrEqual(after + 30 * DAY_MS);
    expect(sentFor(fixture, 'DeleteObjectCommand')).toHaveLength(0);
    expect(await fixture.store.head('media/cc/locked-media')).not.toBeNull();
  });

  it("follows the server's own retain-until date, and deletes once it has passed", async () => {
    await fixture.store.put('media/cc/lock-ended', Buffer.from('ended'));
    answerInsteadOfServer(fixture.store.client, 'HeadObjectCommand', {
      ObjectLockRetainUntilDate: new Date('2020-01-01T00:00:00Z'),
      LastModified: new Date(),
    });
    try {
      await expect(fixture.store.remove('media/cc/lock-ended')).resolves.toEqual({ removed: true });
    } finally {
      fixture.store.client.middlewareStack.remove('answerHeadObjectCommandForTests');
    }
    expect(await fixture.store.head('media/cc/lock-ended')).toBeNull();
  });
});

describe('S3ObjectStore Object Lock on a server without it (plain s3rver)', () => {
  let fixture: S3TestStore;

  beforeAll(async () => {
    fixture = await openS3TestStore({ settings: { objectLockRetentionDays: 30 } });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('carries on, warns once that the configured retention cannot apply, and sends no retention', async () => {
    expect(fixture.store.protection.objectLock).toBe('unsupported');
    expect(fixture.logged).toHaveLength(1);
    expect(fixture.logged[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/S3_OBJECT_LOCK_DAYS/) });

    fixture.sent.length = 0;
    await fixture.store.put('raw/bb/unlocked', Buffer.from('x'));
    const put = fixture.sent.find((request) => request.commandName === 'PutObjectCommand');
    expect(put?.headers).not.toHaveProperty('x-amz-object-lock-mode');
    expect(put?.headers).not.toHaveProperty('x-amz-object-lock-retain-until-date');
  });
});

describe('S3ObjectStore creating its bucket (S3_CREATE_BUCKET)', () => {
  it('asks for Object Lock and versioning when retention is configured, and starts on a server without them', async () => {
    const fixture = await openS3TestStore({
      buckets: [],
      settings: { createBucketIfMissing: true, objectLockRetentionDays: 7 },
    });
    try {
      const create = fixture.sent.find((request) => request.commandName === 'CreateBucketCommand');
      expect(create?.headers['x-amz-bucket-object-lock-enabled']).toBe('true');
      const versioning = fixture.sent.find((request) => request.commandName === 'PutBucketVersioningCommand');
      expect(versioning?.query).toHaveProperty('versioning');
      await expect(fixture.store.ping()).resolves.toBeUndefined();
      await expect(fixture.store.put('raw/cc/created', Buffer.from('x'))).resolves.toEqual({ created: true });
    } finally {
      await fixture.close();
    }
  });

  it('creates a plain versioned bucket when no retention is configured', async () => {
    const fixture = await openS3TestStore({ buckets: [], settings: { createBucketIfMissing: true } });
    try {
      const create = fixture.sent.find((request) => request.commandName === 'CreateBucketCommand');
      expect(create?.headers).not.toHaveProperty('x-amz-bucket-object-lock-enabled');
      expect(countSent(fixture.sent, 'PutBucketVersioningCommand')).toBe(1);
    } finally {
      await fixture.close();
    }
  });
});
