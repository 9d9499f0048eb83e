import {
  walkCaptureChain,
  type AccountRegistry,
  type ArchiveIntegrityReader,
  type AuditLog,
  type CaptureChain,
} from '@verbatim/core';
import { checkAuditChain } from './audit-chain-check';
import { checkObject, type IntegrityProblem, type ObjectCheckDependencies, type PromisedObject } from './object-check';
import type { CorruptObjectNotices } from './corrupt-object-notices';

export interface VerificationOptions {
  /** Only this account's captures, media and chain. */
  accountId?: string;
  /** Only captures made at or after this instant (ISO-8601); the chains are walked whole all the same. */
  since?: string;
}

export interface VerificationReport {
  startedAt: string;
  finishedAt: string;
  accounts: number;
  objectsChecked: { captures: number; media: number };
  /** Whether the catalog's audit chain was walked (always, now that both catalogs keep one). */
  auditChecked: boolean;
  ok: boolean;
  problems: IntegrityProblem[];
}

/** Told after each object checked: how many of how many, and which. */
export type VerificationProgress = (done: number, total: number, current: string) => void;

export interface ArchiveVerifierDependencies extends ObjectCheckDependencies {
  catalog: AccountRegistry & ArchiveIntegrityReader & Pick<AuditLog, 'verifyAuditChain'>;
  /** Tells IT, in one notice, of the objects this verification newly found altered or missing. */
  corruptObjects?: CorruptObjectNotices;
}

/**
 * Checks the whole archive (or one account) the way a court's expert would: every capture and media object
 * re-hashed against its key and its catalog row, every account's capture chain walked, and the catalog's audit
 * chain when it keeps one. Read-only; one object in memory at a time.
 */
export class ArchiveVerifier {
  constructor(private readonly dependencies: ArchiveVerifierDependencies) {}

  async verify(
    options: VerificationOptions = {},
    onProgress: VerificationProgress = () => {},
  ): Promise<VerificationReport> {
    const startedAt = new Date().toISOString();
    const { catalog } = this.dependencies;
    const accountIds = options.accountId
      ? [options.accountId]
      : (await catalog.listAccounts()).map((account) => account.id);
    const problems: IntegrityProblem[] = [];
    const objects: PromisedObject[] = [];
    for (const accountId of accountIds) {
      const chain = await catalog.readCaptureChain(accountId);
      problems.push(...walkCaptureChain(chain).map((problem) => ({ ...problem, key: null })));
      objects.push(...capturesOf(chain, options.since));
      const media = await catalog.listArchivedMedia(accountId);
      objects.push(...media.map((file) => ({ kind: 'media' as const, ...file, accountId })));
    }
    for (const [index, object] of objects.entries()) {
      const problem = await checkObject(this.dependencies, object);
      if (problem) problems.push(problem);
      onProgress(index + 1, objects.length, object.key);
    }
    await this.dependencies.corruptObjects?.afterVerification(objects, problems);
    const audit = await checkAuditChain(catalog);
    problems.push(...audit.problems);
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      accounts: accountIds.length,
      objectsChecked: {
        captures: objects.filter((object) => object.kind === 'capture').length,
        media: objects.filter((object) => object.kind === 'media').length,
      },
      auditChecked: audit.checked,
      ok: problems.length === 0,
      problems,
    };
  }
}

/** The chain's captures (and those outside it) still in the catalog, captured at or after `since`. */
function capturesOf(chain: CaptureChain, since: string | undefined): PromisedObject[] {
  const rows = [
    ...chain.links.flatMap((link) => (link.capture ? [{ sha256: link.sha256, ...link.capture }] : [])),
    ...chain.unlinked,
  ];
  const sinceTime = since === undefined ? null : Date.parse(since);
  return rows
    .filter((row) => sinceTime === null || Date.parse(row.capturedAt) >= sinceTime)
    .map((row) => ({ kind: 'capture', key: row.key, sha256: row.sha256, accountId: chain.accountId }));
}
