import { RELEASING_STATUSES_SQL } from '../../retention/retention-row-mapping';

/**
 * The rule deciding each record's retention: of the active rules matching its agency, account and kind, the
 * longest (permanent first), the oldest among equals. Used by both the report and the disposition itself.
 */
export const DECIDING_RULE = `(SELECT ru.id FROM retention_rules ru
  WHERE ru.retired_at IS NULL
    AND (ru.agency_id IS NULL OR ru.agency_id = r.agency_id)
    AND (ru.account_id IS NULL OR ru.account_id = r.account_id)
    AND (ru.kind IS NULL OR ru.kind = r.kind)
  ORDER BY ru.retention_days IS NULL DESC, ru.retention_days DESC, ru.created_at, ru.id LIMIT 1)`;

/** Not disposed yet, and held neither by an active account hold nor by an open request that gathered it. */
export const NOT_DISPOSED_NOR_HELD = `NOT EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = r.seq)
  AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.account_id = r.account_id)
  AND NOT EXISTS (SELECT 1 FROM foia_items i JOIN foia_requests q ON q.id = i.request_id
    WHERE i.record_id = r.id AND q.status NOT IN ${RELEASING_STATUSES_SQL})`;

/** The requests that gathered records, with who gathered first and the transition that closed them. */
export const AUTOMATIC_HOLDS = `SELECT q.id AS request_id, q.number, q.status,
    (SELECT count(*) FROM foia_items i WHERE i.request_id = q.id) AS items,
    first.added_by AS placed_by, first.added_at AS placed_at,
    last.actor AS released_by, last.at AS released_at
  FROM foia_requests q
  JOIN foia_items first ON first.request_id = q.id AND first.added_at =
    (SELECT min(added_at) FROM foia_items WHERE request_id = q.id)
  LEFT JOIN foia_transitions last ON last.request_id = q.id AND last.sequence =
    (SELECT max(sequence) FROM foia_transitions WHERE request_id = q.id)
  GROUP BY q.id`;
