import {
  AUDIT_GENESIS_HASH,
  AuditChainWalker,
  canonicalJson,
  sealAuditEntry,
  type SealedAuditEntry,
  type StoredAuditRow,
} from './audit-chain';

function chain(length: number): SealedAuditEntry[] {
  const entries: SealedAuditEntry[] = [];
  for (let index = 0; index < length; index++) {
    const previous = entries.at(-1) ?? null;
    entries.push(
      sealAuditEntry(
        {
          at: `2026-05-01T00:00:0${index}.000Z`,
          actor: 'usr_1',
          action: 'record.read',
          target: `rec_${index}`,
          outcome: 'success',
          details: index % 2 ? { b: 1, a: [{ d: 2, c: 'é' }] } : null,
        },
        previous,
      ),
    );
  }
  return entries;
}

const rows = (entries: SealedAuditEntry[]): StoredAuditRow[] => entries.map((entry) => ({ ...entry, id: entry.seq }));

function walk(stored: StoredAuditRow[], head: { seq: number; hash: string } | null) {
  const walker = new AuditChainWalker();
  for (const row of stored) walker.add(row);
  return walker.finish(head);
}

describe('the audit chain', () => {
  it('encodes canonically: keys sorted at every depth, no spaces, undefined members left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: undefined, b: true } })).toBe(
      '{"a":{"b":true,"d":[1,"x",null]},"b":1}',
    );
  });

  it('finds a whole chain whole, and starts it from 64 zeros', () => {
    const entries = chain(4);
    expect(entries[0].prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(walk(rows(entries), entries[3])).toMatchObject({ ok: true, entries: 4, findings: [] });
  });

  it('names several missing entries at once, and a first entry that does not start the chain', () => {
    const entries = chain(6);
    const stored = rows(entries).filter((row) => row.seq !== 2 && row.seq !== 3 && row.seq !== 4);
    expect(walk(stored, entries[5]).findings).toEqual([
      { kind: 'missing', fromSeq: 2, toSeq: 4, message: 'entries 2 to 4 are missing (between 1 and 5)' },
    ]);
    const forged = rows(chain(2)).map((row) => (row.seq === 1 ? { ...row, prevHash: 'f'.repeat(64) } : row));
    expect(walk(forged, null).findings.map((finding) => [finding.kind, finding.seq])).toEqual([
      ['altered', 1],
      ['broken-link', 1],
      ['head-mismatch', undefined],
    ]);
  });

  it('reports entries removed from the start as missing', () => {
    const entries = chain(3);
    expect(walk(rows(entries).slice(1), entries[2]).findings).toEqual([
      { kind: 'missing', fromSeq: 1, toSeq: 1, message: 'entry 1 is missing (between 0 and 2)' },
    ]);
  });
});
