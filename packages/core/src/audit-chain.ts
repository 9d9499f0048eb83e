import { sha256Hex } from './hash';

/**
 * The audit log's hash chain. Each entry's `hash` is the SHA-256 (lower-case hex) of the UTF-8 bytes of its
 * canonical encoding, which includes the previous entry's hash, so altering, removing or reordering an entry
 * breaks every link after it. The canonical encoding is JSON as RFC 8785 (JCS) writes it: object keys sorted
 * by UTF-16 code unit at every depth, no whitespace, numbers and strings as ECMAScript's JSON.stringify writes
 * them, of exactly these eight members:
 *
 *   {"action":…,"actor":…,"at":…,"details":…,"outcome":…,"prevHash":…,"seq":…,"target":…}
 *
 * `seq` is the entry's position (1, 2, 3… without gaps), `at` an ISO-8601 UTC instant with milliseconds
 * (`2026-05-01T09:30:00.000Z`), `details` an object or null, and the first entry's `prevHash` is 64 zeros.
 */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** An entry as stored: what was done, where it sits in the chain and its hash. */
export interface SealedAuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth (RFC 8785 for the values the audit log holds). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}

/** The canonical encoding of an entry (everything but its own hash). */
export function auditEntryEncoding(entry: Omit<SealedAuditEntry, 'hash'>): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    details: entry.details,
    prevHash: entry.prevHash,
  });
}

export function auditEntryHash(entry: Omit<SealedAuditEntry, 'hash'>): string {
  return sha256Hex(auditEntryEncoding(entry));
}

/** Seals the entry that follows `head` (null for the first entry of the log). */
export function sealAuditEntry(
  entry: Omit<SealedAuditEntry, 'seq' | 'prevHash' | 'hash'>,
  head: { seq: number; hash: string } | null,
): SealedAuditEntry {
  const unsealed = { ...entry, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? AUDIT_GENESIS_HASH };
  return { ...unsealed, hash: auditEntryHash(unsealed) };
}

export type AuditChainFindingKind = 'altered' | 'missing' | 'broken-link' | 'unsealed' | 'head-mismatch';

/** One thing wrong with the chain, with the entries it concerns and a sentence saying it. */
export interface AuditChainFinding {
  kind: AuditChainFindingKind;
  /** The entry concerned (altered, broken-link, unsealed: the entry whose link does not hold). */
  seq?: number;
  /** For `missing`: the first and last absent positions. */
  fromSeq?: number;
  toSeq?: number;
  message: string;
}

export interface AuditChainReport {
  ok: boolean;
  /** Entries walked. */
  entries: number;
  /** The last entry found in the log. */
  last: { seq: number; hash: string } | null;
  /** The head the catalog recorded at its last append (a separate row), compared with `last`. */
  recordedHead: { seq: number; hash: string } | null;
  findings: AuditChainFinding[];
}

/** A stored row as the walker sees it: `seq` and hashes are null on a row inserted without them. */
export type StoredAuditRow = Omit<SealedAuditEntry, 'seq' | 'prevHash' | 'hash'> & {
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
};

/** What a stored row says, without where it sits in the chain. */
export function auditEntryContent(row: StoredAuditRow): Omit<SealedAuditEntry, 'seq' | 'prevHash' | 'hash'> {
  return {
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    details: row.details,
  };
}

/**
 * Walks the log in order (`add` each row by seq, unsealed rows anywhere) and reports precisely what is wrong:
 * an entry whose content no longer matches its hash (altered), positions absent from the sequence (missing),
 * an entry whose `prevHash` is not its predecessor's hash (broken link: the predecessor was altered and
 * re-hashed, or replaced), a row carrying no hash (inserted behind the application's back), and a recorded
 * head that is not the last entry (entries removed from the end, or the head edited).
 */
export class AuditChainWalker {
  private readonly findings: AuditChainFinding[] = [];
  private previous: { seq: number; hash: string } | null = null;
  private count = 0;

  add(row: StoredAuditRow): void {
    this.count += 1;
    if (row.seq === null || row.hash === null || row.prevHash === null) {
      this.findings.push({
        kind: 'unsealed',
        seq: row.seq ?? undefined,
        message: `audit row ${row.id} (${row.action} by ${row.actor} at ${row.at}) carries no hash: it was written behind the application's back`,
      });
      return;
    }
    const expected = (this.previous?.seq ?? 0) + 1;
    if (row.seq > expected) {
      this.findings.push({
        kind: 'missing',
        fromSeq: expected,
        toSeq: row.seq - 1,
        message:
          expected === row.seq - 1
            ? `entry ${expected} is missing (between ${expected - 1} and ${row.seq})`
            : `entries ${expected} to ${row.seq - 1} are missing (between ${expected - 1} and ${row.seq})`,
      });
    }
    const sealed = row as SealedAuditEntry;
    if (auditEntryHash(sealed) !== sealed.hash) {
      this.findings.push({
        kind: 'altered',
        seq: sealed.seq,
        message: `entry ${sealed.seq} was altered: its content no longer matches its hash`,
      });
    }
    const expectedPrev = row.seq === expected ? (this.previous?.hash ?? AUDIT_GENESIS_HASH) : null;
    if (expectedPrev !== null && sealed.prevHash !== expectedPrev) {
      this.findings.push({
        kind: 'broken-link',
        seq: sealed.seq,
        message:
          sealed.seq === 1
            ? 'entry 1 does not start the chain: its prevHash is not 64 zeros'
            : `entry ${sealed.seq} does not follow entry ${sealed.seq - 1}: entry ${sealed.seq - 1} was altered or replaced`,
      });
    }
    this.previous = { seq: sealed.seq, hash: sealed.hash };
  }

  finish(recordedHead: { seq: number; hash: string } | null): AuditChainReport {
    const last = this.previous;
    const sameHead = last?.seq === recordedHead?.seq && last?.hash === recordedHead?.hash;
    if (!sameHead) {
      this.findings.push({
        kind: 'head-mismatch',
        seq: recordedHead?.seq,
        message: recordedHead
          ? last && last.seq < recordedHead.seq
            ? `head mismatch: the log ends at entry ${last.seq} but entry ${recordedHead.seq} was the last appended (entries ${last.seq + 1} to ${recordedHead.seq} are missing)`
            : `head mismatch: the recorded head is entry ${recordedHead.seq} (${recordedHead.hash}) but the log ends at ${last ? `entry ${last.seq} (${last.hash})` : 'nothing'}`
          : `head mismatch: no head is recorded but the log ends at entry ${last?.seq}`,
      });
    }
    return { ok: this.findings.length === 0, entries: this.count, last, recordedHead, findings: this.findings };
  }
}
