import type { Delivery, FoiaRequest } from '@verbatim/foia';
import {
  deliveryFromColumns,
  foiaRequestFromColumns,
  type DeliveryColumns,
  type FoiaRequestColumns,
} from '../../common-foia-row-mapping';
export { foiaTransitionFromRow, type FoiaTransitionRow } from '../../common-foia-row-mapping';

/** FOIA rows as SQLite returns them: JSON as text. */
export interface FoiaRequestRow extends FoiaRequestColumns {
  requester_json: string;
}

export function foiaRequestFromRow(row: FoiaRequestRow): FoiaRequest {
  return foiaRequestFromColumns(row, JSON.parse(row.requester_json) as FoiaRequest['requester']);
}

export interface DeliveryRow extends DeliveryColumns {
  recipients_json: string;
  payload_json: string;
}

export function deliveryFromRow(row: DeliveryRow): Delivery {
  return deliveryFromColumns(row, {
    recipients: JSON.parse(row.recipients_json) as Delivery['recipients'],
    payload: JSON.parse(row.payload_json) as Delivery['payload'],
  });
}
