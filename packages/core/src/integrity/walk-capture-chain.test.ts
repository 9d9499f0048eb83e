import { walkCaptureChain } from './walk-capture-chain';

const sha = (letter: string): string => letter.repeat(64);
const capture = { key: 'raw/k', capturedAt: '2026-01-01T00:00:00.000Z' };

describe('walking a capture chain', () => {
  it('finds nothing wrong in an intact chain', () => {
    const links = [
      { position: 1, sha256: sha('a'), previousSha256: null, capture },
      { position: 2, sha256: sha('b'), previousSha256: sha('a'), capture },
    ];
    expect(walkCaptureChain({ accountId: 'acc', links, unlinked: [] })).toEqual([]);
  });

  it('names a deleted link, an altered link, a capture row gone and a capture outside the chain', () => {
    const links = [
      { position: 1, sha256: sha('a'), previousSha256: null, capture },
      { position: 3, sha256: sha('c'), previousSha256: sha('b'), capture },
      { position: 4, sha256: sha('d'), previousSha256: sha('f'), capture: null },
    ];
    const unlinked = [{ sha256: sha('9'), key: 'raw/99', capturedAt: capture.capturedAt }];
    const problems = walkCaptureChain({ accountId: 'acc', links, unlinked });
    expect(problems.map((problem) => [problem.kind, problem.position, problem.sha256])).toEqual([
      ['link_missing', 2, null],
      ['link_altered', 4, sha('d')],
      ['capture_missing', 4, sha('d')],
      ['capture_unlinked', null, sha('9')],
    ]);
    expect(problems[0].message).toBe('account acc: capture chain links 2–2 are missing (deleted from the catalog)');
    expect(problems[1].message).toContain(
      `names the previous capture ${sha('f')}, but the chain's previous capture is ${sha('c')}`,
    );
  });
});
