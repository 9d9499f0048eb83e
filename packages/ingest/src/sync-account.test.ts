import { MockConnector } from '@verbatim/connectors';
import { Catalog, RateLimitedError } from '@verbatim/core';
import { SyncInterruptedError, syncAccount } from './sync-account';
import { openSyncStack } from './sync-stack.test-fixture';

const CONNECTOR = { type: 'mock' as const, seed: 3, posts: 60, maxCommentsPerPost: 6, pageSize: 25 };

const openStack = () => openSyncStack(CONNECTOR);

async function snapshot(catalog: Catalog, accountId: string) {
  const documents = [];
  let after: string | null = null;
  for (;;) {
    const batch = await catalog.listSearchDocuments(after, 500);
    if (batch.length === 0) break;
    documents.push(...batch);
    after = batch[batch.length - 1].id;
  }
  const records = await catalog.getRecords(documents.map((document) => document.id));
  const platformIdOf = new Map(records.map((record) => [record.id, record.platformId]));
  const versions = await Promise.all(records.map((record) => catalog.listVersions(record.id)));
  return {
    records: records
      .map((record) => `${record.platformId}|${record.status}|${record.versionCount}|${record.contentHash}`)
      .sort(),
    versions: versions
      .flat()
      .map((version) => `${platformIdOf.get(version.recordId)}|${version.version}|${version.contentHash}`)
      .sort(),
    quarantine: (await catalog.listQuarantine(accountId)).length,
  };
}

describe('syncAccount', () => {
  it('running the same pass twice yields the same records and versions as one clean run', async () => {
    const once = await openStack();
    const twice = await openStack();
    try {
      await syncAccount(once.deps, once.accountId);
      const first = await syncAccount(twice.deps, twice.accountId);
      // Rewind the pass to its start, as if the job ran again from the beginning after a crash.
      const state = await twice.catalog.getSyncState(twice.accountId);
      const start = await new MockConnector(CONNECTOR).beginPass(null);
      await twice.catalog.startPass(
        twice.accountId,
        state.passNumber,
        state.lastCompletedPassToken!,
        start.firstCursor,
        new Date().toISOString(),
      );
      const again = await syncAccount(twice.deps, twice.accountId);
      expect(again.resumed).toBe(true);
      expect(again.created).toBe(0);
      expect(again.newVersions).toBe(0);
      expect(first.created).toBeGreaterThan(0);
      expect(await snapshot(twice.catalog, twice.accountId)).toEqual(await snapshot(once.catalog, once.accountId));
    } finally {
      await once.close();
      await twice.close();
    }
  });

  it('stops at a page boundary when aborted and resumes from the saved cursor', async () => {
    const stack = await openStack();
    try {
      const controller = new AbortController();
      await expect(
        syncAccount(stack.deps, stack.accountId, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.pages === 3) controller.abort();
          },
        }),
      ).rejects.toBeInstanceOf(SyncInterruptedError);
      const state = await stack.catalog.getSyncState(stack.accountId);
      expect(state.status).toBe('running');
      expect(state.cursor).not.toBeNull();
      const resumed = await syncAccount(stack.deps, stack.accountId);
      expect(resumed.resumed).toBe(true);
      expect(resumed.passNumber).toBe(1);
      expect((await stack.catalog.getSyncState(stack.accountId)).status).toBe('completed');
    } finally {
      await stack.close();
    }
  });

  it('surfaces a platform rate limit as RateLimitedError with the wait, keeping the cursor', async () => {
    const stack = await openStack();
    try {
      await stack.catalog.updateAccount(stack.accountId, {
        connector: { ...CONNECTOR, rateLimitEveryPages: 2, rateLimitWaitMs: 1500 },
      });
      const error = await syncAccount(stack.deps, stack.accountId).catch((caught) => caught);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error.retryAfterMs).toBe(1500);
      const state = await stack.catalog.getSyncState(stack.accountId);
      expect(state.status).toBe('running');
      expect(state.pagesFetched).toBeGreaterThanOrEqual(1);
    } finally {
      await stack.close();
    }
  });

  it('quarantines malformed payloads with their raw bytes and archives the rest', async () => {
    const stack = await openStack();
    try {
      await stack.catalog.updateAccount(stack.accountId, {
        connector: { ...CONNECTOR, malformedEveryPages: 2, corruptPageEvery: 5 },
      });
      const result = await syncAccount(stack.deps, stack.accountId);
      expect(result.quarantined).toBeGreaterThan(0);
      const quarantine = await stack.catalog.listQuarantine(stack.accountId);
      expect(quarantine.some((entry) => entry.itemIndex === null)).toBe(true);
      expect(quarantine.some((entry) => entry.itemIndex !== null)).toBe(true);
      for (const entry of quarantine) {
        const raw = await stack.deps.objectStore.get(entry.rawCaptureKey);
        expect(raw.byteLength).toBeGreaterThan(0);
        expect(entry.reason.length).toBeGreaterThan(0);
      }
      expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBeGreaterThan(0);
    } finally {
      await stack.close();
    }
  });
});
