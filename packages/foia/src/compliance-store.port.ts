import type { AccountPerson } from '@verbatim/core';
import type { Delivery, NewDelivery } from './foia-store.port';

/** A policy version uploaded as a file: its bytes archived in the object store under their SHA-256. */
export interface PolicyFile {
  sha256: string;
  /** `application/pdf`, `text/plain` or `text/markdown`, checked against the bytes when uploaded. */
  contentType: string;
  /** The name the file was uploaded with. */
  fileName: string;
  byteLength: number;
}

/** One version of a town policy document, as uploaded; never changed afterwards (a change is a new version). */
export interface PolicyVersion {
  id: string;
  documentId: string;
  /** 1, 2, …: the latest is the current one. */
  version: number;
  text: string;
  /** The day the version takes effect, as the town states it; null when not given. */
  effectiveOn: string | null;
  /** The uploaded file the version came from; null when its text was typed or pasted in. */
  file: PolicyFile | null;
  createdBy: string;
  createdAt: string;
}

/** A town policy document with every version, oldest first. */
export interface PolicyDocument {
  id: string;
  title: string;
  /** Whether every administrator and moderator must acknowledge its current version (the examples do not). */
  requiresReceipt: boolean;
  createdBy: string;
  createdAt: string;
  versions: PolicyVersion[];
}

/** The next version of a document: its text, and the file it came from when uploaded as one. */
export interface NewPolicyVersion {
  text: string;
  effectiveOn?: string;
  file?: PolicyFile;
}

export interface NewPolicyDocument extends NewPolicyVersion {
  title: string;
  requiresReceipt: boolean;
}

/** `web`: the person acknowledged it in the web application; `paper`: IT recorded a signed paper copy. */
export type ReceiptMethod = 'web' | 'paper';

/** A person's acknowledgment of one policy version. One per person (email) and version. */
export interface PolicyReceipt {
  id: string;
  versionId: string;
  documentId: string;
  version: number;
  personName: string;
  /** Lower-cased: receipts are matched to registered administrators and moderators by email. */
  personEmail: string;
  method: ReceiptMethod;
  /** The day the person signed or acknowledged. */
  signedOn: string;
  /** Who recorded it: the person themself (web) or the IT administrator (paper). */
  recordedBy: string;
  recordedAt: string;
}

export type NewPolicyReceipt = Omit<PolicyReceipt, 'id' | 'documentId' | 'version'>;

/** One change to an account's registered administrators or moderators, kept for good. */
export interface AccountPeopleChange {
  id: string;
  accountId: string;
  role: 'administrator' | 'moderator';
  change: 'added' | 'changed' | 'removed';
  /** The person after the change (for `removed`, as last registered). */
  person: AccountPerson;
  /** The person before a `changed`; null otherwise. */
  previous: AccountPerson | null;
  changedBy: string;
  changedAt: string;
}

export type NewAccountPeopleChange = Omit<AccountPeopleChange, 'id'>;

/** Who approved a new account where the town requires approval, and when. */
export interface AccountApproval {
  accountId: string;
  approvedBy: string;
  approvedAt: string;
}

/** The compliance IT was last told of, per account. */
export interface AnnouncedCompliance {
  accountId: string;
  compliant: boolean;
  reasons: string[];
  /** When this compliance was first recorded (the change, not the last check). */
  changedAt: string;
}

export interface ComplianceChange {
  previous: AnnouncedCompliance | null;
  current: AnnouncedCompliance;
  deliveries: Delivery[];
}

/**
 * The account registry's compliance records, in the catalog's database beside the outbox: policy documents and
 * their versions, receipts, the history of administrators and moderators, approvals, and the compliance IT was
 * last told of (recorded with its notices in one transaction, as AccountHealthStore does for health).
 */
export interface ComplianceStore {
  /** Creates a document with its first version. */
  createPolicyDocument(input: NewPolicyDocument, actor: string, at: string): Promise<PolicyDocument>;
  /** Adds the next version to a document; null when there is no such document. */
  addPolicyVersion(
    documentId: string,
    input: NewPolicyVersion,
    actor: string,
    at: string,
  ): Promise<PolicyDocument | null>;
  /** Every document with its versions, oldest document first. */
  listPolicyDocuments(): Promise<PolicyDocument[]>;
  /** One document; null when there is none. */
  getPolicyDocument(id: string): Promise<PolicyDocument | null>;
  /**
   * Records a receipt, or returns the one already on record for the same person (email, any case) and version
   * (`created` false): a receipt is never replaced. Throws when the version does not exist.
   */
  recordReceipt(input: NewPolicyReceipt): Promise<{ receipt: PolicyReceipt; created: boolean }>;
  /** Receipts, oldest first; for one person (email, any case) when given. */
  listReceipts(filter?: { email?: string }): Promise<PolicyReceipt[]>;
  /** Appends changes to the people history, in one transaction. */
  appendPeopleChanges(changes: NewAccountPeopleChange[]): Promise<void>;
  /** The account's people history, oldest first. */
  listPeopleChanges(accountId: string): Promise<AccountPeopleChange[]>;
  /** Records the approval; false (nothing written) when the account already has one. */
  recordApproval(approval: AccountApproval): Promise<boolean>;
  /** Null when the account was never approved. */
  getApproval(accountId: string): Promise<AccountApproval | null>;
  /** Null when no compliance was ever recorded for the account. */
  getAnnouncedCompliance(accountId: string): Promise<AnnouncedCompliance | null>;
  /**
   * In one transaction: when `compliant` differs from the compliance last recorded (or none was), records it with
   * its reasons as of `at` and adds the deliveries `announce(previous)` returns, as the account's. Null when
   * compliance did not change (reasons changing alone are not a change): nothing is written.
   */
  recordAccountCompliance(
    accountId: string,
    compliance: { compliant: boolean; reasons: string[]; at: string },
    announce: (previous: AnnouncedCompliance | null) => NewDelivery[],
  ): Promise<ComplianceChange | null>;
}
