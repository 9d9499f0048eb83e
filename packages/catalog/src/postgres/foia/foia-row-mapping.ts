import type { Delivery, FoiaItem, FoiaRequest, SavedSearch } from '@verbatim/foia';
import {
  deliveryFromColumns,
  foiaRequestFromColumns,
  type DeliveryColumns,
  type FoiaRequestColumns,
} from '../../common-foia-row-mapping';
export { foiaTransitionFromRow, type FoiaTransitionRow } from '../../common-foia-row-mapping';

/** FOIA rows as pg returns them: jsonb already parsed (the shared columns are in common-foia-row-mapping.ts). */
export interface FoiaRequestRow extends FoiaRequestColumns {
  requester: FoiaRequest['requester'];
}

export function foiaRequestFromRow(row: FoiaRequestRow): FoiaRequest {
  return foiaRequestFromColumns(row, row.requester);
}

export interface DeliveryRow extends DeliveryColumns {
  recipients: string[];
  payload: unknown;
}

export function deliveryFromRow(row: DeliveryRow): Delivery {
  return deliveryFromColumns(row, row);
}

export interface ItemRow {
  request_id: string;
  record_id: string;
  source: FoiaItem['source'];
  saved_search_id: string | null;
  added_at: string;
  added_by: string;
  disposition: FoiaItem['disposition'];
  exemption_code: string | null;
  justification: string | null;
  redactions: FoiaItem['redactions'];
  intended_occurrences: FoiaItem['intendedOccurrences'];
  updated_at: string;
}

export function itemFromRow(row: ItemRow): FoiaItem {
  return {
    requestId: row.request_id,
    recordId: row.record_id,
    source: row.source,
    savedSearchId: row.saved_search_id,
    addedAt: row.added_at,
    addedBy: row.added_by,
    disposition: row.disposition,
    exemptionCode: row.exemption_code,
    justification: row.justification,
    redactions: row.redactions,
    intendedOccurrences: row.intended_occurrences,
    updatedAt: row.updated_at,
  };
}

export interface SavedSearchRow {
  id: string;
  request_id: string;
  query: unknown;
  matched: number;
  created_at: string;
  created_by: string;
}

export function savedSearchFromRow(row: SavedSearchRow): SavedSearch {
  return {
    id: row.id,
    requestId: row.request_id,
    query: row.query,
    matched: row.matched,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
