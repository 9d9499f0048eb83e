import type { Bundle, BundleItemRange, BundleProgress, UnredactedOccurrence } from '@verbatim/foia';

/** Rows as pg returns them: jsonb parsed, timestamptz already in `toISOString()` form (see createCatalogPool). */
export interface BundleRow {
  id: string;
  request_id: string;
  status: Bundle['status'];
  progress: BundleProgress | null;
  bates_prefix: string;
  bates_first: number | null;
  bates_last: number | null;
  pages: number | null;
  sha256: string | null;
  zip_sha256: string | null;
  pdf_key: string | null;
  zip_key: string | null;
  input_key: string | null;
  error: string | null;
  unredacted: UnredactedOccurrence[] | null;
  created_at: string;
  created_by: string;
  completed_at: string | null;
}

export interface BundleItemRow {
  record_id: string;
  position: number;
  disposition: BundleItemRange['disposition'];
  first_bates: string | null;
  last_bates: string | null;
  original_sha256s: string[];
}

export function bundleFromRow(row: BundleRow): Bundle {
  return {
    id: row.id,
    requestId: row.request_id,
    status: row.status,
    progress: row.progress,
    batesPrefix: row.bates_prefix,
    batesFirst: row.bates_first,
    batesLast: row.bates_last,
    pages: row.pages,
    sha256: row.sha256,
    zipSha256: row.zip_sha256,
    pdfKey: row.pdf_key,
    zipKey: row.zip_key,
    inputKey: row.input_key,
    error: row.error,
    unredacted: row.unredacted,
    createdAt: row.created_at,
    createdBy: row.created_by,
    completedAt: row.completed_at,
  };
}

export function bundleItemFromRow(row: BundleItemRow): BundleItemRange {
  return {
    recordId: row.record_id,
    position: row.position,
    disposition: row.disposition,
    firstBates: row.first_bates,
    lastBates: row.last_bates,
    originalSha256s: row.original_sha256s,
  };
}
