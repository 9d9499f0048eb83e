import type { SyncRun } from '@verbatim/core';

/** A sync_runs row as both adapters return it (SQLite's `resumed` is 0 or 1). */
export interface SyncRunRow {
  account_id: string;
  pass_number: number;
  started_at: string;
  ended_at: string;
  outcome: SyncRun['outcome'];
  error: string | null;
  resumed: number | boolean;
  pages: number;
  items: number;
  created: number;
  new_versions: number;
  tombstoned: number;
  media_archived: number;
  quarantined: number;
  notices_json: string;
}

export const SYNC_RUN_COLUMNS =
  'account_id, pass_number, started_at, ended_at, outcome, error, resumed, pages, items, created, new_versions, tombstoned, media_archived, quarantined, notices_json';

export function syncRunFromRow(row: SyncRunRow): SyncRun {
  return {
    accountId: row.account_id,
    passNumber: row.pass_number,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    error: row.error,
    resumed: Boolean(row.resumed),
    pages: row.pages,
    items: row.items,
    created: row.created,
    newVersions: row.new_versions,
    tombstoned: row.tombstoned,
    mediaArchived: row.media_archived,
    quarantined: row.quarantined,
    notices: JSON.parse(row.notices_json) as string[],
  };
}

/** The row's values in SYNC_RUN_COLUMNS order; `resumed` as the adapter stores a flag. */
export function syncRunValues(run: SyncRun, flag: (value: boolean) => number | boolean): unknown[] {
  return [
    run.accountId,
    run.passNumber,
    run.startedAt,
    run.endedAt,
    run.outcome,
    run.error,
    flag(run.resumed),
    run.pages,
    run.items,
    run.created,
    run.newVersions,
    run.tombstoned,
    run.mediaArchived,
    run.quarantined,
    JSON.stringify(run.notices),
  ];
}
