import { AUDIT_GENESIS_HASH, auditEntryHash, sha256Hex } from '@verbatim/core';
import type { CatalogHarness } from './fixtures';

/**
 * Drops the audit log's protective triggers as someone with database access could, to tamper behind the
 * application's back: PostgreSQL names a trigger with its table, SQLite does not, so try one then the other.
 */
async function dropAuditTriggers(execute: CatalogHarness['execute']): Promise<void> {
  try {
    await execute('DROP TRIGGER audit_log_append_only ON audit_log');
    await execute('DROP TRIGGER audit_log_sealed_insert ON audit_log');
  } catch {
    await execute('DROP TRIGGER audit_log_no_update');
    await execute('DROP TRIGGER audit_log_no_delete');
    await execute('DROP TRIGGER audit_log_sealed_insert');
  }
}

async function appendThree(harness: CatalogHarness): Promise<void> {
  const { catalog } = harness;
  await catalog.appendAudit({ actor: 'tok_1', action: 'record.search', target: '', details: { q: 'budget' } });
  await catalog.appendAudit({ actor: 'tok_2', action: 'record.read', target: 'rec_1' });
  await catalog.appendAudit({ actor: 'per_3', action: 'auth.sign-in', target: 'per_3', outcome: 'denied' });
}

/** The audit log's hash chain: sealing, reading a page at a time, and finding what was tampered with. */
export function describeAuditChainCases(harness: () => CatalogHarness): void {
  it('chains every entry to the previous one over the documented canonical encoding', async () => {
    await appendThree(harness());
    const { entries, nextCursor } = await harness().catalog.listAuditEntries({ limit: 10 });
    expect(nextCursor).toBeNull();
    expect(entries.map((entry) => entry.seq)).toEqual([3, 2, 1]);
    const [third, second, first] = entries;
    expect(first.prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    expect(third.outcome).toBe('denied');
    expect(second).toMatchObject({ outcome: 'success', details: null, target: 'rec_1' });
    for (const entry of entries) expect(auditEntryHash(entry)).toBe(entry.hash);
    // As the README tells an auditor to recompute it: sorted keys, no spaces, SHA-256 of the UTF-8 bytes.
    const byHand =
      `{"action":"record.search","actor":"tok_1","at":"${first.at}","details":{"q":"budget"},` +
      `"outcome":"success","prevHash":"${AUDIT_GENESIS_HASH}","seq":1,"target":""}`;
    expect(sha256Hex(byHand)).toBe(first.hash);
    const report = await harness().catalog.verifyAuditChain();
    expect(report).toEqual({
      ok: true,
      entries: 3,
      last: { seq: 3, hash: third.hash },
      recordedHead: { seq: 3, hash: third.hash },
      findings: [],
    });
  });

  it('verifies an empty log as whole', async () => {
    expect(await harness().catalog.verifyAuditChain()).toEqual({
      ok: true,
      entries: 0,
      last: null,
      recordedHead: null,
      findings: [],
    });
  });

  it('never forks the chain under concurrent appends', async () => {
    const { catalog } = harness();
    await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        catalog.appendAudit({ actor: `tok_${index}`, action: 'record.read', target: `rec_${index}` }),
      ),
    );
    const report = await catalog.verifyAuditChain();
    expect(report.findings).toEqual([]);
    expect(report.last?.seq).toBe(25);
  });

  it('filters by actor, action family, target and period, newest first, a page at a time', async () => {
    const { catalog } = harness();
    await appendThree(harness());
    await catalog.appendAudit({ actor: 'tok_1', action: 'record.read', target: 'rec_2' });
    await catalog.appendAudit({ actor: 'tok_1', action: 'recordings.play', target: 'rec_2' });
    const seqs = async (query: Parameters<typeof catalog.listAuditEntries>[0]) =>
      (await catalog.listAuditEntries(query)).entries.map((entry) => entry.seq);
    expect(await seqs({ limit: 10, actor: 'tok_1' })).toEqual([5, 4, 1]);
    expect(await seqs({ limit: 10, action: 'record' })).toEqual([4, 2, 1]);
    expect(await seqs({ limit: 10, action: 'record.read' })).toEqual([4, 2]);
    expect(await seqs({ limit: 10, target: 'rec_2', actor: 'tok_1' })).toEqual([5, 4]);
    const all = (await catalog.listAuditEntries({ limit: 10 })).entries;
    const secondAt = all.find((entry) => entry.seq === 2)!.at;
    expect(await seqs({ limit: 10, from: '2999-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await seqs({ limit: 10, to: '2000-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await seqs({ limit: 10, from: secondAt, action: 'record' })).toContain(2);
    const first = await catalog.listAuditEntries({ limit: 2 });
    expect(first.entries.map((entry) => entry.seq)).toEqual([5, 4]);
    expect(first.nextCursor).toBe(4);
    const second = await catalog.listAuditEntries({ limit: 2, cursor: first.nextCursor! });
    expect(second.entries.map((entry) => entry.seq)).toEqual([3, 2]);
    const last = await catalog.listAuditEntries({ limit: 2, cursor: second.nextCursor! });
    expect(last).toEqual({ entries: [expect.objectContaining({ seq: 1 })], nextCursor: null });
  });

  it('finds an entry edited in the database behind the application, trigger dropped', async () => {
    await appendThree(harness());
    await dropAuditTriggers(harness().execute);
    await harness().execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
    const report = await harness().catalog.verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      { kind: 'altered', seq: 2, message: 'entry 2 was altered: its content no longer matches its hash' },
    ]);
  });

  it('finds an entry edited and re-hashed: the next link breaks', async () => {
    await appendThree(harness());
    await dropAuditTriggers(harness().execute);
    await harness().execute(`UPDATE audit_log SET hash = '${'a'.repeat(64)}' WHERE seq = 1`);
    const report = await harness().catalog.verifyAuditChain();
    expect(report.findings.map((finding) => [finding.kind, finding.seq])).toEqual([
      ['altered', 1],
      ['broken-link', 2],
    ]);
  });

  it('finds an entry deleted from the middle and from the end', async () => {
    await appendThree(harness());
    await harness().catalog.appendAudit({ actor: 'tok_4', action: 'bundle.export', target: 'bun_1' });
    await dropAuditTriggers(harness().execute);
    await harness().execute('DELETE FROM audit_log WHERE seq = 2');
    await harness().execute('DELETE FROM audit_log WHERE seq = 4');
    const report = await harness().catalog.verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      { kind: 'missing', fromSeq: 2, toSeq: 2, message: 'entry 2 is missing (between 1 and 3)' },
      expect.objectContaining({ kind: 'head-mismatch', seq: 4 }),
    ]);
    expect(report.findings[1].message).toContain('the log ends at entry 3 but entry 4 was the last appended');
  });

  it('finds a row inserted without a hash', async () => {
    await appendThree(harness());
    await dropAuditTriggers(harness().execute);
    await harness().execute(
      "INSERT INTO audit_log (at, actor, action, target) VALUES ('2024-01-01T00:00:00.000Z', 'ghost', 'record.read', 'rec_9')",
    );
    const report = await harness().catalog.verifyAuditChain();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'unsealed' })]);
    expect(report.findings[0].message).toContain('record.read by ghost');
  });
}
