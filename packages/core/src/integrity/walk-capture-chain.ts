import type { CaptureChain } from '../ports/capture-chain.port';

/** One thing wrong with an account's capture chain, said so a person can find it. */
export interface CaptureChainProblem {
  accountId: string;
  kind: 'capture_missing' | 'link_missing' | 'link_altered' | 'capture_unlinked';
  /** The capture concerned (the one the chain expected, or the one found outside it). */
  sha256: string | null;
  position: number | null;
  message: string;
}

/**
 * Walks the chain from its first capture: every position present once, each link naming the SHA-256 of the
 * capture before it, each link's capture still in the catalog, and no capture of the account outside the chain.
 */
export function walkCaptureChain(chain: CaptureChain): CaptureChainProblem[] {
  const { accountId } = chain;
  const problems: CaptureChainProblem[] = [];
  let expectedPosition = 1;
  let previousSha256: string | null = null;
  for (const link of chain.links) {
    if (link.position !== expectedPosition) {
      problems.push({
        accountId,
        kind: 'link_missing',
        sha256: null,
        position: expectedPosition,
        message: `account ${accountId}: capture chain links ${expectedPosition}–${link.position - 1} are missing (deleted from the catalog)`,
      });
    } else if (link.previousSha256 !== previousSha256) {
      problems.push({
        accountId,
        kind: 'link_altered',
        sha256: link.sha256,
        position: link.position,
        message: `account ${accountId}: capture ${link.sha256} (chain position ${link.position}) names the previous capture ${link.previousSha256 ?? 'none'}, but the chain's previous capture is ${previousSha256 ?? 'none'}`,
      });
    }
    if (link.capture === null) {
      problems.push({
        accountId,
        kind: 'capture_missing',
        sha256: link.sha256,
        position: link.position,
        message: `account ${accountId}: capture ${link.sha256} (chain position ${link.position}) is missing from the catalog`,
      });
    }
    expectedPosition = link.position + 1;
    previousSha256 = link.sha256;
  }
  for (const capture of chain.unlinked) {
    problems.push({
      accountId,
      kind: 'capture_unlinked',
      sha256: capture.sha256,
      position: null,
      message: `account ${accountId}: capture ${capture.sha256} (captured ${capture.capturedAt}) is in no link of the capture chain (added or its hash altered)`,
    });
  }
  return problems;
}
