import type Database from 'better-sqlite3';
import { newId } from '@verbatim/core';
import {
  formatRequestNumber,
  type FoiaRequest,
  type FoiaRequestPatch,
  type FoiaRequestStatus,
  type FoiaTransition,
  type NewFoiaRequestRecord,
  type TransitionChange,
} from '@verbatim/foia';
import {
  foiaRequestFromRow,
  foiaTransitionFromRow,
  type FoiaRequestRow,
  type FoiaTransitionRow,
} from './foia-row-mapping';

const PATCH_COLUMNS: {
  [K in keyof FoiaRequestPatch]-?: { column: string; toSql(value: FoiaRequestPatch[K]): unknown };
} = {
  requester: { column: 'requester_json', toSql: (value) => JSON.stringify(value) },
  description: { column: 'description', toSql: (value) => value },
  assignedOfficer: { column: 'assigned_officer', toSql: (value) => value ?? null },
  notes: { column: 'notes', toSql: (value) => value ?? null },
  channel: { column: 'channel', toSql: (value) => value },
  recordsCategory: { column: 'records_category', toSql: (value) => value },
  receivedAt: { column: 'received_at', toSql: (value) => value },
};

/** Requests and their append-only transitions. Numbers come from a per-year counter, never reused. */
export class FoiaRequestRepository {
  private readonly nextSequence: Database.Statement<[number], number>;
  private readonly insert: Database.Statement;
  private readonly selectOne: Database.Statement<[string], FoiaRequestRow>;
  private readonly insertTransition: Database.Statement;
  private readonly selectTransitions: Database.Statement<[string], FoiaTransitionRow>;
  private readonly updateStatus: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.nextSequence = db
      .prepare<[number], number>(
        `INSERT INTO foia_number_counters (year, last_sequence) VALUES (?, 1)
      ON CONFLICT (year) DO UPDATE SET last_sequence = last_sequence + 1 RETURNING last_sequence`,
      )
      .pluck();
    this.insert = db.prepare(`INSERT INTO foia_requests (id, number, requester_json, received_at, channel, description,
        records_category, assigned_officer, notes, status, created_at, created_by, updated_at)
      VALUES (@id, @number, @requester_json, @received_at, @channel, @description, @records_category,
        @assigned_officer, @notes, 'received', @created_at, @created_by, @created_at)`);
    this.selectOne = db.prepare('SELECT * FROM foia_requests WHERE id = ?');
    this.insertTransition =
      db.prepare(`INSERT INTO foia_transitions (request_id, sequence, from_status, to_status, actor, at, note)
      VALUES (@request_id, (SELECT coalesce(max(sequence), 0) + 1 FROM foia_transitions WHERE request_id = @request_id),
        @from_status, @to_status, @actor, @at, @note)`);
    this.selectTransitions = db.prepare('SELECT * FROM foia_transitions WHERE request_id = ? ORDER BY sequence');
    this.updateStatus = db.prepare(`UPDATE foia_requests SET status = @to, updated_at = @at,
        release_kind = CASE WHEN @to = 'released' THEN @release_kind ELSE release_kind END,
        denied_at = coalesce(@denied_at, denied_at), extended_until = coalesce(@extended_until, extended_until)
      WHERE id = @id AND status = @from`);
  }

  /** Call inside a transaction: numbers the request and writes it with its first transition. */
  create(input: NewFoiaRequestRecord): FoiaRequest {
    const id = newId('foiaRequest');
    const number = formatRequestNumber(input.year, this.nextSequence.get(input.year)!);
    this.insert.run({
      id,
      number,
      requester_json: JSON.stringify(input.requester),
      received_at: input.receivedAt,
      channel: input.channel,
      description: input.description,
      records_category: input.recordsCategory,
      assigned_officer: input.assignedOfficer ?? null,
      notes: input.notes ?? null,
      created_at: input.createdAt,
      created_by: input.createdBy,
    });
    this.addTransition(id, null, 'received', input.createdBy, input.createdAt, null);
    return this.get(id)!;
  }

  get(id: string): FoiaRequest | null {
    const row = this.selectOne.get(id);
    return row ? foiaRequestFromRow(row) : null;
  }

  list(filter: { status?: FoiaRequestStatus[] } = {}): FoiaRequest[] {
    const statuses = filter.status ?? [];
    const where = statuses.length > 0 ? `WHERE status IN (${statuses.map(() => '?').join(', ')})` : '';
    const rows = this.db
      .prepare(`SELECT * FROM foia_requests ${where} ORDER BY received_at DESC, number DESC`)
      .all(...statuses) as FoiaRequestRow[];
    return rows.map(foiaRequestFromRow);
  }

  /** Call inside a transaction. Returns false when the request is not (or no longer) in `change.from`. */
  transition(id: string, change: TransitionChange): boolean {
    const { changes } = this.updateStatus.run({
      id,
      from: change.from,
      to: change.to,
      at: change.at,
      release_kind: change.releaseKind ?? null,
      denied_at: change.deniedAt ?? null,
      extended_until: change.extendedUntil ?? null,
    });
    if (changes === 0) return false;
    this.addTransition(id, change.from, change.to, change.actor, change.at, change.note ?? null);
    return true;
  }

  update(id: string, patch: FoiaRequestPatch, at: string): FoiaRequest | null {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as Array<
      [keyof FoiaRequestPatch, unknown]
    >;
    if (entries.length > 0) {
      const sets = entries.map(([field]) => `${PATCH_COLUMNS[field].column} = ?`).join(', ');
      const values = entries.map(([field, value]) =>
        (PATCH_COLUMNS[field].toSql as (value: unknown) => unknown)(value),
      );
      this.db.prepare(`UPDATE foia_requests SET ${sets}, updated_at = ? WHERE id = ?`).run(...values, at, id);
    }
    return this.get(id);
  }

  listTransitions(requestId: string): FoiaTransition[] {
    return this.selectTransitions.all(requestId).map(foiaTransitionFromRow);
  }

  private addTransition(
    requestId: string,
    from: FoiaRequestStatus | null,
    to: FoiaRequestStatus,
    actor: string,
    at: string,
    note: string | null,
  ): void {
    this.insertTransition.run({ request_id: requestId, from_status: from, to_status: to, actor, at, note });
  }
}
