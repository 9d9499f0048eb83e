import { checkAuditChain } from './audit-chain-check';

describe("walking the catalog's audit chain", () => {
  it('is skipped for a catalog that keeps none', async () => {
    await expect(checkAuditChain({})).resolves.toEqual({ checked: false, problems: [] });
  });

  it('reads problems given as sentences, as objects with a message, or only as a broken chain', async () => {
    const listed = await checkAuditChain({ verifyAuditChain: async () => ['entry 7 was edited'] });
    expect(listed).toEqual({
      checked: true,
      problems: [expect.objectContaining({ kind: 'audit_chain', message: 'audit log: entry 7 was edited' })],
    });
    const reported = await checkAuditChain({
      verifyAuditChain: async () => ({ ok: false, problems: [{ message: 'entry 9 is missing' }] }),
    });
    expect(reported.problems.map((problem) => problem.message)).toEqual(['audit log: entry 9 is missing']);
    const bare = await checkAuditChain({ verifyAuditChain: async () => ({ ok: false }) });
    expect(bare.problems.map((problem) => problem.message)).toEqual(['audit log: the chain is broken']);
    const intact = await checkAuditChain({ verifyAuditChain: async () => ({ ok: true, problems: [] }) });
    expect(intact).toEqual({ checked: true, problems: [] });
  });
});
