import {
  notFound,
  ObjectNotFoundError,
  parseInput,
  policyFileKey,
  sha256Hex,
  UseCaseError,
  type AccountRegistry,
  type ObjectStore,
  type AuditLog,
  type JobControl,
  type PeopleStore,
  type SyncStateStore,
} from '@verbatim/core';
import type {
  AccountApproval,
  AccountPeopleChange,
  ComplianceStore,
  PolicyDocument,
  PolicyFile,
  PolicyReceipt,
} from '@verbatim/foia';
import { townDate } from '../foia/request-log-csv';
import { assessCompliance, type AccountCompliance } from './assess-compliance';
import { complianceCsv, compliancePdf, type ReportFile } from './compliance-report';
import { checkPolicyFile, type PolicyUpload } from './policy-file';
import {
  NewPolicyDocumentSchema,
  NewPolicyVersionSchema,
  OwnReceiptSchema,
  PaperReceiptSchema,
  PolicyFileDocumentSchema,
  PolicyFileVersionSchema,
} from './policy-inputs';

export interface ComplianceDeskDependencies {
  catalog: AccountRegistry & SyncStateStore & AuditLog;
  people: PeopleStore;
  jobs: JobControl;
  complianceStore: ComplianceStore;
  /** Where uploaded policy files are archived, under their SHA-256. */
  objectStore: ObjectStore;
  townName: string;
  timeZone: string;
}

/**
 * The account registry's compliance: what each account lacks, the town's policy documents and the receipts of
 * them, the history of each account's people, and the Communications Manager's approval of new accounts. The
 * JSON API and the pages call these alike. Changes throw UseCaseError `invalid` with the failing fields.
 */
export class ComplianceDesk {
  constructor(private readonly deps: ComplianceDeskDependencies) {}

  /** Every account's compliance now, or one agency's; with the reasons in plain words. */
  assess(filter: { agencyId?: string; accountId?: string } = {}): Promise<AccountCompliance[]> {
    return assessCompliance(this.deps, filter);
  }

  /** The compliance report of the town, or of one agency, as CSV or PDF. Throws `not-found` for an unknown agency. */
  async report(filter: { agencyId?: string }, format: 'csv' | 'pdf'): Promise<ReportFile> {
    let scope = `the whole town`;
    if (filter.agencyId) {
      const agency = (await this.deps.catalog.listAgencies()).find((candidate) => candidate.id === filter.agencyId);
      if (!agency) throw notFound(`agency ${filter.agencyId}`);
      scope = agency.name;
    }
    const accounts = await this.assess(filter);
    const now = new Date();
    if (format === 'csv') return complianceCsv(accounts, scope, now, this.deps.timeZone);
    return compliancePdf(accounts, { townName: this.deps.townName, scope, now, timeZone: this.deps.timeZone });
  }

  listPolicies(): Promise<PolicyDocument[]> {
    return this.deps.complianceStore.listPolicyDocuments();
  }

  async getPolicy(id: string): Promise<PolicyDocument> {
    const document = await this.deps.complianceStore.getPolicyDocument(id);
    if (!document) throw notFound(`policy document ${id}`);
    return document;
  }

  /** As `POST /api/v1/policies`: a new document with its first version. */
  async createPolicy(input: unknown, actorId: string): Promise<PolicyDocument> {
    const fields = parseInput(NewPolicyDocumentSchema, input);
    const document = await this.deps.complianceStore.createPolicyDocument(fields, actorId, new Date().toISOString());
    await this.audit(actorId, 'policy.create', document.id);
    return document;
  }

  /** As `POST /api/v1/policies/:id/versions`: the next version, which every receipt must now be of. */
  async addPolicyVersion(id: string, input: unknown, actorId: string): Promise<PolicyDocument> {
    const fields = parseInput(NewPolicyVersionSchema, input);
    const document = await this.deps.complianceStore.addPolicyVersion(id, fields, actorId, new Date().toISOString());
    if (!document) throw notFound(`policy document ${id}`);
    await this.audit(actorId, 'policy.version', id);
    return document;
  }

  /**
   * As `POST /api/v1/policies/:id/versions/file` (and `POST /api/v1/policies/file` with a title): a policy file
   * (PDF, text or Markdown) as the next version of a document, or as a new document. Everything is checked before
   * anything is stored; the bytes are then archived under their SHA-256 and the version records who and when.
   */
  async uploadPolicyFile(target: object, upload: PolicyUpload, actorId: string): Promise<PolicyDocument> {
    const fields =
      'documentId' in target
        ? parseInput(PolicyFileVersionSchema, target)
        : parseInput(PolicyFileDocumentSchema, target);
    if ('documentId' in fields) await this.getPolicy(fields.documentId);
    const { file, text } = checkPolicyFile(upload);
    await this.deps.objectStore.put(policyFileKey(file.sha256), upload.bytes, { contentType: file.contentType });
    const at = new Date().toISOString();
    const version = { text, file, ...(fields.effectiveOn ? { effectiveOn: fields.effectiveOn } : {}) };
    const store = this.deps.complianceStore;
    const document =
      'documentId' in fields
        ? await store.addPolicyVersion(fields.documentId, version, actorId, at)
        : await store.createPolicyDocument(
            { ...version, title: fields.title, requiresReceipt: fields.requiresReceipt },
            actorId,
            at,
          );
    if (!document) throw notFound('policy document');
    await this.audit(actorId, 'documentId' in fields ? 'policy.version' : 'policy.create', document.id);
    return document;
  }

  /** The file a policy version was uploaded as, read back and checked against its SHA-256. */
  async policyFile(documentId: string, version: number): Promise<{ file: PolicyFile; bytes: Uint8Array }> {
    const document = await this.getPolicy(documentId);
    const file = document.versions.find((candidate) => candidate.version === version)?.file;
    if (!file) throw notFound(`a file of version ${version} of policy document ${documentId}`);
    const bytes = await this.deps.objectStore.get(policyFileKey(file.sha256)).catch((error: unknown) => {
      if (error instanceof ObjectNotFoundError)
        throw new UseCaseError(
          'damaged',
          'archive_missing',
          `policy file ${file.sha256} is missing from the object store`,
        );
      throw error;
    });
    if (sha256Hex(bytes) !== file.sha256)
      throw new UseCaseError(
        'damaged',
        'archive_corrupt',
        `policy file ${file.sha256} no longer hashes to its SHA-256`,
      );
    return { file, bytes };
  }

  /** As `POST /api/v1/policy-receipts`: IT records a signed paper copy of a version for a person. */
  async recordPaperReceipt(input: unknown, actorId: string): Promise<{ receipt: PolicyReceipt; created: boolean }> {
    const fields = parseInput(PaperReceiptSchema, input);
    await this.checkVersion(fields.versionId);
    return this.record({ ...fields, method: 'paper', recordedBy: actorId });
  }

  /** As `POST /api/v1/policy-receipts/mine`: the person signed in acknowledges a version themself, today. */
  async recordOwnReceipt(input: unknown, userId: string): Promise<{ receipt: PolicyReceipt; created: boolean }> {
    const { versionId } = parseInput(OwnReceiptSchema, input);
    const user = await this.deps.people.getUser(userId);
    if (!user)
      throw new UseCaseError(
        'forbidden',
        'person_required',
        'a receipt is acknowledged by a person signed in to the web application, not by an API token',
      );
    await this.checkVersion(versionId);
    return this.record({
      versionId,
      personName: user.name,
      personEmail: user.email,
      signedOn: townDate(new Date().toISOString(), this.deps.timeZone),
      method: 'web',
      recordedBy: user.id,
    });
  }

  /** The receipts of the person signed in (none for an API token). */
  async listOwnReceipts(userId: string): Promise<PolicyReceipt[]> {
    const user = await this.deps.people.getUser(userId);
    return user ? this.deps.complianceStore.listReceipts({ email: user.email }) : [];
  }

  /** Receipts on record, oldest first; one person's (by email) when given. */
  listReceipts(email?: string): Promise<PolicyReceipt[]> {
    return this.deps.complianceStore.listReceipts(email ? { email } : {});
  }

  /** The account's administrators and moderators as they changed, oldest first. */
  async listPeopleHistory(accountId: string): Promise<AccountPeopleChange[]> {
    if (!(await this.deps.catalog.getAccount(accountId))) throw notFound(`account ${accountId}`);
    return this.deps.complianceStore.listPeopleChanges(accountId);
  }

  getApproval(accountId: string): Promise<AccountApproval | null> {
    return this.deps.complianceStore.getApproval(accountId);
  }

  /**
   * As `POST /api/v1/accounts/:id/approval` (the Communications Manager): records who approved and when, makes
   * the account active and puts it on its sync schedule. Throws `not-found`, or `conflict` when not pending.
   */
  async approveAccount(accountId: string, actorId: string): Promise<AccountApproval> {
    const { catalog, complianceStore, jobs } = this.deps;
    const account = await catalog.getAccount(accountId);
    if (!account) throw notFound(`account ${accountId}`);
    if (account.status !== 'pending-approval')
      throw new UseCaseError(
        'conflict',
        'not_pending_approval',
        `this account is ${account.status}, not pending approval`,
      );
    const approval = { accountId, approvedBy: actorId, approvedAt: new Date().toISOString() };
    await complianceStore.recordApproval(approval);
    const approved = (await catalog.updateAccount(accountId, { status: 'active' }))!;
    await this.audit(actorId, 'account.approve', accountId);
    await jobs.schedule(approved);
    return (await complianceStore.getApproval(accountId)) ?? approval;
  }

  private async checkVersion(versionId: string): Promise<void> {
    const documents = await this.deps.complianceStore.listPolicyDocuments();
    if (!documents.some((document) => document.versions.some((version) => version.id === versionId)))
      throw new UseCaseError(
        'invalid',
        'validation_failed',
        `invalid request body: versionId: no policy version ${versionId}`,
        [{ path: 'versionId', message: 'no policy version has this id' }],
      );
  }

  private async record(input: Omit<PolicyReceipt, 'id' | 'documentId' | 'version' | 'recordedAt'>) {
    const result = await this.deps.complianceStore.recordReceipt({ ...input, recordedAt: new Date().toISOString() });
    if (result.created) await this.audit(input.recordedBy, `policy.receipt.${input.method}`, result.receipt.id);
    return result;
  }

  private audit(actor: string, action: string, target: string): Promise<unknown> {
    return this.deps.catalog.appendAudit({ actor, action, target });
  }
}
