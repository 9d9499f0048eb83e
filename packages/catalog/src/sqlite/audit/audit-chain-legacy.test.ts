import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AUDIT_GENESIS_HASH } from '@verbatim/core';
import { MIGRATIONS, runMigrations } from '../migrations';
import { openSqliteCatalog } from '../open-sqlite-catalog';

describe('SQLite audit chain over entries written before it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-audit-legacy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seals the older entries once, in their order, ahead of new ones, and keeps them unchangeable', async () => {
    const file = join(dir, 'catalog.sqlite');
    const before = new Database(file);
    runMigrations(
      before,
      MIGRATIONS.filter((migration) => migration.version < 60),
    );
    const insert = before.prepare(
      'INSERT INTO audit_log (at, actor, action, target, details_json) VALUES (?, ?, ?, ?, ?)',
    );
    insert.run('2025-01-01T00:00:00.000Z', 'tok_old', 'record.read', 'rec_1', null);
    insert.run('2025-01-02T00:00:00.000Z', 'tok_old', 'record.search', '', '{"q":"parks","hits":2}');
    before.close();

    const { catalog, db } = openSqliteCatalog({ file });
    await catalog.appendAudit({ actor: 'per_new', action: 'session.sign-in', target: 'per_new' });
    const { entries } = await catalog.listAuditEntries({ limit: 10 });
    expect(entries.map((entry) => [entry.seq, entry.actor, entry.outcome])).toEqual([
      [3, 'per_new', 'success'],
      [2, 'tok_old', 'success'],
      [1, 'tok_old', 'success'],
    ]);
    expect(entries[2].prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(entries[1].details).toEqual({ q: 'parks', hits: 2 });
    expect(await catalog.verifyAuditChain()).toMatchObject({ ok: true, entries: 3, findings: [] });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_log SET hash = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (at, actor, action, target) VALUES ('2025-01-03', 'a', 'b', 'c')").run(),
    ).toThrow(/sealed/);
    await catalog.close();

    const reopened = openSqliteCatalog({ file });
    expect(await reopened.catalog.verifyAuditChain()).toMatchObject({ ok: true, entries: 3 });
    await reopened.catalog.close();
  });
});
