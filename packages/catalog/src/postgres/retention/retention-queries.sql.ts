import { RELEASING_STATUSES_SQL } from '../../retention/retention-row-mapping';

/** As the SQLite twin: the longest active matching rule (permanent first), the oldest among equals. */
export const DECIDING_RULE = `(SELECT ru.id FROM retention_rules ru
  WHERE ru.retired_at IS NULL
    AND (ru.agency_id IS NULL OR ru.agency_id = r.agency_id)
    AND (ru.account_id IS NULL OR ru.account_id = r.account_id)
    AND (ru.kind IS NULL OR ru.kind = r.kind)
  ORDER BY ru.retention_days IS NULL DESC, ru.retention_days DESC, ru.created_at, ru.id LIMIT 1)`;

export const NOT_DISPOSED_NOR_HELD = `NOT EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = r.seq)
  AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.account_id = r.account_id)
  AND NOT EXISTS (SELECT 1 FROM foia_items i JOIN foia_requests q ON q.id = i.request_id
    WHERE i.record_id = r.id AND q.status NOT IN ${RELEASING_STATUSES_SQL})`;

/** $1 as of, $2 limit, $3 rule ids or null, $4 record ids or null. */
export const CANDIDATES = `WITH ruled AS (
    SELECT r.seq, r.id, r.account_id, r.agency_id, r.kind, r.posted_at, ${DECIDING_RULE} AS rule_id
    FROM records r
    WHERE ${NOT_DISPOSED_NOR_HELD} AND ($4::text[] IS NULL OR r.id = ANY($4::text[])))
  SELECT ruled.*, ru.retention_days FROM ruled JOIN retention_rules ru ON ru.id = ruled.rule_id
  WHERE ru.retention_days IS NOT NULL
    AND ruled.posted_at + make_interval(days => ru.retention_days) <= $1::timestamptz
    AND ($3::text[] IS NULL OR ru.id = ANY($3::text[]))
  ORDER BY ruled.posted_at, ruled.seq LIMIT $2`;

export const AUTOMATIC_HOLDS = `SELECT q.id AS request_id, q.number, q.status, first.items,
    first.added_by AS placed_by, first.added_at AS placed_at, last.actor AS released_by, last.at AS released_at
  FROM foia_requests q
  JOIN LATERAL (SELECT i.added_by, i.added_at, count(*) OVER () AS items FROM foia_items i
    WHERE i.request_id = q.id ORDER BY i.added_at LIMIT 1) first ON true
  LEFT JOIN LATERAL (SELECT t.actor, t.at FROM foia_transitions t
    WHERE t.request_id = q.id ORDER BY t.sequence DESC LIMIT 1) last ON true`;

export const TOMBSTONES = `SELECT d.record_id, d.disposition_id, d.rule_id, d.citation, d.disposed_at,
    d.content_hashes, d.raw_capture_sha256, d.media_sha256, r.account_id, r.platform_id, r.kind, r.posted_at,
    p.approved_by
  FROM disposed_records d JOIN records r ON r.seq = d.record_seq JOIN dispositions p ON p.id = d.disposition_id`;
