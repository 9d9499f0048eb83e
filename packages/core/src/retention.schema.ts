import { z } from 'zod';
import { RecordKindSchema, type RecordKind } from './record.schema';

/** How long a rule keeps records: a number of days after the record was posted, or for ever. */
export const RetentionPeriodSchema = z.union([
  z.literal('permanent'),
  z.strictObject({ days: z.number().int().min(1).max(73_000) }),
]);
export type RetentionPeriod = z.infer<typeof RetentionPeriodSchema>;

const OptionalId = z.string().trim().min(1).max(100).optional();

/**
 * A retention rule as IT or the attorney enters it. Each scope left out matches every value, so a rule with none
 * is the town-wide default; the Connecticut schedule item it follows is kept as text (e.g. "CT State Library
 * M1 item 100: General correspondence, 2 years").
 */
export const NewRetentionRuleSchema = z.strictObject({
  agencyId: OptionalId,
  accountId: OptionalId,
  kind: RecordKindSchema.optional(),
  retention: RetentionPeriodSchema,
  citation: z.string().trim().min(3).max(500),
});
export type NewRetentionRule = z.infer<typeof NewRetentionRuleSchema>;

export interface RetentionRule {
  id: string;
  agencyId: string | null;
  accountId: string | null;
  kind: RecordKind | null;
  retention: RetentionPeriod;
  citation: string;
  createdBy: string;
  createdAt: string;
  /** A rule is retired, never deleted: a tombstone keeps naming the rule it was disposed under. */
  retiredBy: string | null;
  retiredAt: string | null;
}

const Reason = z.string().trim().min(3).max(2000);

/** A hold placed by hand: on everything of an account, or on whatever a FOIA saved search matches. */
export const NewLegalHoldSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('account'), accountId: z.string().trim().min(1).max(100), reason: Reason }),
  z.strictObject({
    scope: z.literal('saved-search'),
    savedSearchId: z.string().trim().min(1).max(100),
    reason: Reason,
  }),
]);
export type NewLegalHold = z.infer<typeof NewLegalHoldSchema>;

export const LegalHoldReleaseSchema = z.strictObject({ note: z.string().trim().min(3).max(2000) });

export type LegalHoldScope = 'account' | 'saved-search' | 'foia-request';

/**
 * A legal hold: while `releasedAt` is null it blocks disposition of what it covers. Holds of scope
 * `foia-request` are automatic (an open request holds what it gathered) and end when the request is closed or
 * withdrawn; their id is `foia-<request id>` and they cannot be released by hand.
 */
export interface LegalHold {
  id: string;
  scope: LegalHoldScope;
  automatic: boolean;
  accountId: string | null;
  savedSearchId: string | null;
  requestId: string | null;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseNote: string | null;
}

/** A record past its retention and held by no account hold or open request, under the rule that decides. */
export interface DispositionCandidate {
  recordId: string;
  accountId: string;
  agencyId: string;
  kind: RecordKind;
  postedAt: string;
  ruleId: string;
  /** When the record's retention ended: postedAt plus the longest matching rule's days. */
  retentionEndedAt: string;
}

export const DispositionApprovalSchema = z.strictObject({
  note: z.string().trim().min(3).max(2000),
  /** Disposes only under these rules; all rules when absent. */
  ruleIds: z.array(z.string().trim().min(1).max(100)).min(1).max(100).optional(),
});
export type DispositionApproval = z.infer<typeof DispositionApprovalSchema>;

/** An attorney's approval of one disposition run, and what the run did. */
export interface Disposition {
  id: string;
  approvedBy: string;
  approvedAt: string;
  note: string;
  ruleIds: string[] | null;
  completedAt: string | null;
  recordsDisposed: number;
}

/** What is left of a disposed record: its hashes, the rule, the approval and the date. */
export interface DisposedRecord {
  recordId: string;
  accountId: string;
  platformId: string;
  kind: RecordKind;
  postedAt: string;
  dispositionId: string;
  approvedBy: string;
  ruleId: string;
  citation: string;
  disposedAt: string;
  /** SHA-256 of each version's content, oldest first. */
  contentHashes: string[];
  /** SHA-256 of the raw platform responses the versions came from. */
  rawCaptureSha256: string[];
  /** SHA-256 of the media its versions carried. */
  mediaSha256: string[];
}

/**
 * How far a disposition's job has got (`GET /api/v1/jobs/:jobId` shows it as the job's progress). The run goes
 * through three steps: records emptied to tombstones, their content taken out of search, then the objects only
 * they used deleted from storage (or left waiting for their Object Lock).
 */
export interface DispositionProgress {
  dispositionId: string;
  step: 'records' | 'search' | 'storage' | 'done';
  /** Records this disposition disposes: those it already disposed plus those still due. */
  recordsDue: number;
  recordsDisposed: number;
  /** Stored objects to delete, once the records are done; 0 before. */
  objectsToCheck: number;
  objectsDeleted: number;
  objectsWaiting: number;
}

/** An object kept by its Object Lock, and the sentence people are shown for it. */
export interface ObjectWaiting {
  key: string;
  lockedUntil: string;
  message: string;
}

/** What a disposition's job did (the job's result); its tombstones are at `GET /api/v1/dispositions/:id`. */
export interface DispositionRunResult {
  disposition: Disposition;
  recordsDisposed: number;
  objectsDeleted: string[];
  objectsWaiting: ObjectWaiting[];
}

/** What became of an object only disposed records used. */
export interface DisposedObject {
  key: string;
  dispositionId: string;
  deletedAt: string | null;
  /** Set while the store's Object Lock keeps the object: its deletion waits until then. */
  lockedUntil: string | null;
}

/** Who reads rules, holds, the disposition report and past dispositions. */
export const RETENTION_READER_ROLES = ['attorney', 'it-admin', 'auditor'] as const;
/** Who keeps the retention rules: IT enters the schedule, the attorney's office may correct it. */
export const RETENTION_RULE_ROLES = ['it-admin', 'attorney'] as const;
/** Who places a legal hold: the attorney's office, or IT at its request. */
export const HOLD_PLACER_ROLES = ['attorney', 'it-admin'] as const;
/** Who releases a hand-placed hold, and who approves a disposition: the attorney's office alone. */
export const ATTORNEY_ONLY_ROLES = ['attorney'] as const;
