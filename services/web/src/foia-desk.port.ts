import type { ArchiveRecord } from '@verbatim/core';
import type { VerifyReport } from '@verbatim/bundles/src/production';
import type { Bundle, FoiaItem, SavedSearch, VersionPiiSuggestion } from '@verbatim/foia';

/** What the request page asks of the API's FOIA desk (the same object behind the JSON routes). */
export interface FoiaDeskPort {
  /** Validates like the JSON route: `{ query: { q, status, … } }` (the records query's fields) or `{ recordIds }`. */
  addItemsUnchecked(requestId: string, input: unknown, actorId: string): Promise<{ added: number; items: number }>;
  listItems(requestId: string, actorId: string): Promise<{ items: Array<FoiaItem & { record: ArchiveRecord | null }>; savedSearches: SavedSearch[] }>;
  getItem(requestId: string, recordId: string): Promise<FoiaItem>;
  decide(requestId: string, recordId: string, input: DecisionInput, actorId: string): Promise<FoiaItem>;
  removeItem(requestId: string, recordId: string, actorId: string): Promise<void>;
  piiSuggestions(requestId: string, recordId: string): Promise<VersionPiiSuggestion[]>;
  createBundle(requestId: string, actorId: string): Promise<Bundle>;
  listBundles(requestId: string): Promise<Bundle[]>;
  getBundle(bundleId: string): Promise<Bundle>;
  verify(bundleId: string, rebuild: boolean, actorId: string): Promise<VerifyReport>;
}

export interface DecisionInput {
  disposition: 'produce' | 'withhold' | 'redact';
  exemptionCode?: string;
  justification?: string;
  redactions?: Array<{ version: number; start: number; end: number; code: string }>;
}

/**
 * The desk's refusals carry an HTTP status and a message meant for the person: bad input (4xx) or the job queue
 * not answering (503). Anything else is a fault.
 */
export function refusalOf(error: unknown): { status: number; message: string } | null {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && ((status >= 400 && status < 500) || status === 503) ? { status, message: (error as Error).message } : null;
}
