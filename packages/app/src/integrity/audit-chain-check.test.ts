import type { AuditChainReport } from '@verbatim/core';
import { checkAuditChain } from './audit-chain-check';

const report = (overrides: Partial<AuditChainReport>): AuditChainReport => ({
  ok: true,
  entries: 12,
  last: { seq: 12, hash: 'a'.repeat(64) },
  recordedHead: { seq: 12, hash: 'a'.repeat(64) },
  findings: [],
  ...overrides,
});

describe("walking the catalog's audit chain", () => {
  it('turns each finding into a problem naming the entry', async () => {
    const found = await checkAuditChain({
      verifyAuditChain: async () =>
        report({
          ok: false,
          findings: [
            { kind: 'altered', seq: 7, message: 'entry 7 was edited' },
            { kind: 'missing', fromSeq: 9, toSeq: 9, message: 'entry 9 is missing' },
          ],
        }),
    });
    expect(found.problems.map((problem) => [problem.kind, problem.message])).toEqual([
      ['audit_chain', 'audit log: entry 7 was edited'],
      ['audit_chain', 'audit log: entry 9 is missing'],
    ]);
  });

  it('passes an intact chain, and never lets a broken one without findings pass silently', async () => {
    expect(await checkAuditChain({ verifyAuditChain: async () => report({}) })).toEqual({
      checked: true,
      problems: [],
    });
    const bare = await checkAuditChain({ verifyAuditChain: async () => report({ ok: false }) });
    expect(bare.problems.map((problem) => problem.message)).toEqual(['audit log: the chain is broken']);
  });
});
