/** A response bundle's build state; completed bundles never change again (their Bates range is fixed). */
export type BundleStatus = 'queued' | 'building' | 'completed' | 'failed';

export interface BundleProgress {
  phase: 'gathering' | 'rendering' | 'packaging' | 'storing';
  itemsDone: number;
  itemsTotal: number;
  pages: number;
}

export interface Bundle {
  id: string;
  requestId: string;
  status: BundleStatus;
  progress: BundleProgress | null;
  batesPrefix: string;
  batesFirst: number | null;
  batesLast: number | null;
  pages: number | null;
  /** SHA-256 of the PDF, recorded when the bundle completed: what `verify` checks the stored file against. */
  sha256: string | null;
  zipSha256: string | null;
  pdfKey: string | null;
  zipKey: string | null;
  /** The frozen input the PDF was rendered from, so the bundle can be rebuilt byte for byte years later. */
  inputKey: string | null;
  error: string | null;
  /** When the build stopped because redacted words would appear in clear: each place, for the officer to settle. */
  unredacted: UnredactedOccurrence[] | null;
  createdAt: string;
  createdBy: string;
  completedAt: string | null;
}

/**
 * Redacted words of `recordId` found in clear in a bundle's output: the text, the part of the bundle (`section`:
 * `item:<recordId>`, `cover-letter`, `index`, `withholding-log`, `document-properties`), a description of where for
 * people, the files it is in (`bundle.pdf`, `records.json`, `index.csv`) and how often.
 */
export interface UnredactedOccurrence {
  recordId: string;
  text: string;
  section: string;
  where: string;
  files: string[];
  count: number;
}

/** Where one record landed in a bundle, and the hashes of its archived originals at production. */
export interface BundleItemRange {
  recordId: string;
  position: number;
  disposition: 'produced' | 'withheld';
  firstBates: string | null;
  lastBates: string | null;
  /** SHA-256 of each raw capture the record's versions came from. */
  originalSha256s: string[];
}

export interface CompletedBundle {
  batesFirst: number;
  pages: number;
  sha256: string;
  zipSha256: string;
  pdfKey: string;
  zipKey: string;
  inputKey: string;
  items: BundleItemRange[];
  at: string;
}

/** Bundles and the per-prefix Bates counter. Implemented beside the FOIA store, in the catalog's database. */
export interface BundleStore {
  /** Creates a bundle in status `queued`, to be built by a worker; its Bates numbers come only at completion. */
  createBundle(input: { requestId: string; batesPrefix: string; createdBy: string; at: string }): Promise<Bundle>;
  /** Null when there is no bundle with this id. */
  getBundle(id: string): Promise<Bundle | null>;
  /** The request's bundles, oldest first. */
  listBundles(requestId: string): Promise<Bundle[]>;
  /** Records the build's progress (clearing an earlier error); a completed bundle is left as it is. */
  markBuilding(id: string, progress: BundleProgress): Promise<void>;
  /** The first Bates number the next bundle under `prefix` would get. */
  nextBatesNumber(prefix: string): Promise<number>;
  /**
   * Completes a bundle and takes its Bates numbers, atomically, only if no other bundle took numbers under the
   * prefix since `batesFirst` was read (returns false: render again from the new next number). Numbers are
   * never reused: the counter only moves forward.
   */
  completeBundle(id: string, completed: CompletedBundle): Promise<boolean>;
  /** Records why the build failed; a completed bundle is left as it is, since it never changes again. */
  failBundle(id: string, error: string, at: string, unredacted?: UnredactedOccurrence[]): Promise<void>;
  /** Where each record landed in a completed bundle, in bundle order; empty before completion. */
  listBundleItems(bundleId: string): Promise<BundleItemRange[]>;
}
