import type { ItemRedaction } from './redaction-scope';
import type { FoiaRequestStatus, NewFoiaRequest, ReleaseKind, Requester } from './foia-request.schema';
import type { HolidayRule } from './holiday-rules';
import type { Exemption } from './exemption-catalogue';
import type { AccountHealthStore } from './account-health-store.port';
import type { ArchiveProblemStore } from './archive-problem-store.port';

/** A logged request as stored. Deadlines are not stored: they are computed from these facts and the calendar. */
export interface FoiaRequest {
  id: string;
  number: string;
  requester: Requester;
  receivedAt: string;
  channel: NewFoiaRequest['channel'];
  description: string;
  recordsCategory: NewFoiaRequest['recordsCategory'];
  assignedOfficer: string | null;
  notes: string | null;
  status: FoiaRequestStatus;
  releaseKind: ReleaseKind | null;
  /** When the last written denial was recorded; starts the 30-day appeal window. */
  deniedAt: string | null;
  /** The production date promised by the last extension (a local date or an instant). */
  extendedUntil: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** One status change, append-only. */
export interface FoiaTransition {
  requestId: string;
  sequence: number;
  from: FoiaRequestStatus | null;
  to: FoiaRequestStatus;
  actor: string;
  at: string;
  note: string | null;
}

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A notification to send, written in the same transaction as the change it reports (the outbox). */
export interface NewDelivery {
  event: string;
  channel: DeliveryChannel;
  recipients: string[];
  payload: unknown;
  /** Makes a repeated event (a deadline sweep running twice) write one delivery, not two. */
  dedupeKey: string;
}

export interface Delivery extends Omit<NewDelivery, 'dedupeKey'> {
  id: string;
  /** The request it announces; null for a delivery about an account or a subject. Exactly one of the three is set. */
  requestId: string | null;
  /** The account whose health, compliance or moderation it announces; null otherwise. */
  accountId: string | null;
  /** What else it is about (`person:<id>`, `token:<id>`, `object:<key>`, `town`); null for a request's or an account's. */
  subject: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** When it was last handed to the queue; null while Redis has not taken it yet. */
  relayedAt: string | null;
}

/** A delivery with the number of the request it announces (null for an account's): what a town-wide list shows. */
export interface TownDelivery extends Delivery {
  requestNumber: string | null;
}

export interface NewFoiaRequestRecord extends NewFoiaRequest {
  /** The numbering year (the local year of receipt). */
  year: number;
  createdBy: string;
  createdAt: string;
}

export interface TransitionChange {
  from: FoiaRequestStatus;
  to: FoiaRequestStatus;
  actor: string;
  at: string;
  note?: string;
  releaseKind?: ReleaseKind;
  deniedAt?: string;
  extendedUntil?: string;
}

export type FoiaRequestPatch = Partial<
  Pick<
    FoiaRequest,
    'requester' | 'description' | 'assignedOfficer' | 'notes' | 'channel' | 'recordsCategory' | 'receivedAt'
  >
>;

/** Settings IT edits through the API, kept with the requests so every process computes the same deadlines. */
export interface FoiaSettings {
  holidayRules: HolidayRule[] | null;
  productionTargetBusinessDays: number;
  dueSoonBusinessDays: number;
  exemptions: Exemption[] | null;
  notificationRules: unknown[] | null;
  /** Prefix of Bates numbers; null means one derived from the town's name (see defaultBatesPrefix). */
  batesPrefix: string | null;
}

/** `Town of Westport` → `WESTPORT`: the town's last word, letters and digits only. */
export function defaultBatesPrefix(townName: string): string {
  const words = townName
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, '')
    .split(' ')
    .filter(Boolean);
  return (words.at(-1) ?? 'VERBATIM').slice(0, 30);
}

/** What becomes of a gathered record in the response. */
export type ItemDisposition = 'produce' | 'withhold' | 'redact';
export type ItemSource = 'search' | 'pick' | 'thread-context';

/**
 * Redacted words of this record that the officer has judged may stand in clear in one part of a bundle (another
 * record whose author made them public, the requester's own description): the leak check then lets them pass.
 * `section` is `item:<recordId>` for a produced record's pages, or `cover-letter`, `index`, `withholding-log`.
 */
export interface IntendedOccurrence {
  text: string;
  section: string;
}

/** A record gathered for a request, with the officer's decision about it. */
export interface FoiaItem {
  requestId: string;
  recordId: string;
  source: ItemSource;
  savedSearchId: string | null;
  addedAt: string;
  addedBy: string;
  disposition: ItemDisposition;
  exemptionCode: string | null;
  justification: string | null;
  redactions: ItemRedaction[];
  intendedOccurrences: IntendedOccurrence[];
  updatedAt: string;
}

export interface ItemDecision {
  disposition: ItemDisposition;
  exemptionCode: string | null;
  justification: string | null;
  redactions: ItemRedaction[];
  intendedOccurrences: IntendedOccurrence[];
}

/** A search attached to a request: its query and filters frozen, its matches snapshotted as items. */
export interface SavedSearch {
  id: string;
  requestId: string;
  query: unknown;
  matched: number;
  createdAt: string;
  createdBy: string;
}

export interface ClosureDay {
  date: string;
  reason: string;
  addedBy: string;
  addedAt: string;
}

/**
 * Where FOIA requests, their history and their notification outbox live. Implemented in the catalog's
 * database so that a request and the deliveries announcing it commit together (DESIGN invariant 4). The outbox
 * also carries IT's notices about account health, written with the health they announce (AccountHealthStore).
 */
export interface FoiaStore extends AccountHealthStore, ArchiveProblemStore {
  /** Numbers and stores a request with its transition to `received` and its deliveries, atomically. */
  logRequest(
    input: NewFoiaRequestRecord,
    deliveries: (request: FoiaRequest) => NewDelivery[],
  ): Promise<{ request: FoiaRequest; deliveries: Delivery[] }>;
  /** Null when there is no request with this id. */
  getRequest(id: string): Promise<FoiaRequest | null>;
  /** Newest received first; with a filter, only requests in those statuses. */
  listRequests(filter?: { status?: FoiaRequestStatus[] }): Promise<FoiaRequest[]>;
  /**
   * Applies a status change if the request is still in `change.from` (else returns null: someone moved it
   * meanwhile), with its transition row and any deliveries, atomically.
   */
  transitionRequest(id: string, change: TransitionChange, deliveries?: NewDelivery[]): Promise<FoiaRequest | null>;
  /**
   * Edits the request's details, never its status (that is `transitionRequest`, which keeps the history); fields
   * left undefined stay as they are. Null when there is no request with this id.
   */
  updateRequest(id: string, patch: FoiaRequestPatch, at: string): Promise<FoiaRequest | null>;
  /** The request's status history, in order, starting with `received`. */
  listTransitions(requestId: string): Promise<FoiaTransition[]>;

  /** Adds deliveries for a request; ones whose dedupe key was used before are skipped. Returns those added. */
  addDeliveries(requestId: string, deliveries: NewDelivery[], at: string): Promise<Delivery[]>;
  /** Null when there is no delivery with this id. */
  getDelivery(id: string): Promise<Delivery | null>;
  /** Every delivery of the request, oldest first, ended ones included: the record of who was told what. */
  listDeliveries(requestId: string): Promise<Delivery[]>;
  /** Pending deliveries not handed to the queue since `relayedBefore` (or never), oldest first. */
  listUnrelayed(relayedBefore: string, limit: number): Promise<Delivery[]>;
  /** Notes when the queue took these pending deliveries: `listUnrelayed` skips them until that time is old. */
  markRelayed(ids: string[], at: string): Promise<void>;
  /** Counts an attempt; `outcome` delivered or failed ends the delivery, pending keeps it for a retry. */
  recordAttempt(id: string, outcome: DeliveryStatus, at: string, error?: string): Promise<Delivery | null>;
  /**
   * Keeps a pending delivery pending with why it cannot go yet (its channel is not configured) as its last
   * error; counts no attempt, since nothing was sent. Null when no pending delivery has this id.
   */
  holdDelivery(id: string, reason: string): Promise<Delivery | null>;
  /**
   * Puts a failed delivery back to pending and not yet relayed, so the relay hands it to the queue again; its
   * attempts and last error stay as the record of what happened. Null when no failed delivery has this id.
   */
  reopenFailedDelivery(id: string): Promise<Delivery | null>;
  /** Deliveries in any of these statuses across every request and account, newest first, at most `limit`. */
  listDeliveriesByStatus(statuses: DeliveryStatus[], limit: number): Promise<TownDelivery[]>;

  /**
   * Adds records to a request (ones already there keep their source and decision), with the saved search
   * they came from, atomically. Returns how many were new.
   */
  addItems(
    requestId: string,
    items: Array<{ recordId: string; source: ItemSource }>,
    meta: { addedBy: string; at: string; savedSearch?: { query: unknown; matched: number } },
  ): Promise<{ added: number; savedSearch: SavedSearch | null }>;
  /** In the order they were added. */
  listItems(requestId: string): Promise<FoiaItem[]>;
  /** Null when the record is not gathered for this request. */
  getItem(requestId: string, recordId: string): Promise<FoiaItem | null>;
  /** Replaces the officer's decision on a gathered record; null when the record is not gathered for it. */
  updateItem(requestId: string, recordId: string, decision: ItemDecision, at: string): Promise<FoiaItem | null>;
  /** Takes a record out of the request; false when it was not there. */
  removeItem(requestId: string, recordId: string): Promise<boolean>;
  /** The searches that gathered the request's records, oldest first, their queries as frozen then. */
  listSavedSearches(requestId: string): Promise<SavedSearch[]>;

  /** The stored settings over the defaults, so every setting has a value even before IT changes any. */
  getSettings(): Promise<FoiaSettings>;
  /** Stores the settings given (undefined ones keep their value) and returns the settings now in force. */
  updateSettings(patch: Partial<FoiaSettings>): Promise<FoiaSettings>;
  /** Days the town's offices closed, by date; they are not business days for any deadline. */
  listClosureDays(): Promise<ClosureDay[]>;
  /** Returns false when the date was already a closure day. */
  addClosureDay(day: ClosureDay): Promise<boolean>;
  /** Returns false when the date was not a closure day. */
  removeClosureDay(date: string): Promise<boolean>;
}
