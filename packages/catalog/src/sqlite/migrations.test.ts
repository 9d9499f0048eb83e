import Database from 'better-sqlite3';
import { MIGRATIONS, runMigrations } from './migrations';

describe('SQLite migrations', () => {
  it('lets notifications that failed only for want of a sender wait for one, and leaves real failures alone', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF'); // the outbox rows below stand alone, without their requests
    runMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 10),
    );
    const insert = db.prepare(`INSERT INTO notification_outbox
      (id, request_id, event, channel, recipients_json, payload_json, dedupe_key, status, attempts, last_error, created_at, relayed_at)
      VALUES (?, 'req_1', 'request.logged', ?, '[]', '{}', ?, 'failed', 1, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z')`);
    insert.run('d_email', 'email', 'a', 'no email sender is configured (SMTP_URL)');
    insert.run('d_webhook', 'webhook', 'b', 'no webhook sender is configured (NOTIFY_WEBHOOK_URL)');
    insert.run('d_refused', 'email', 'c', '550 mailbox unavailable');
    expect(runMigrations(db)).toEqual(
      MIGRATIONS.filter((migration) => migration.version > 10).map((migration) => migration.version),
    );
    const rows = db.prepare('SELECT id, status, relayed_at FROM notification_outbox ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'd_email', status: 'pending', relayed_at: null },
      { id: 'd_refused', status: 'failed', relayed_at: '2026-01-01T00:00:01Z' },
      { id: 'd_webhook', status: 'pending', relayed_at: null },
    ]);
  });
});
