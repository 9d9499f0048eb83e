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

  it('rebuilds the outbox so a row may belong to an account instead, keeping every row, its order and its limits', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF'); // the outbox rows below stand alone, without their requests or accounts
    runMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 11),
    );
    const insert = db.prepare(`INSERT INTO notification_outbox
      (id, request_id, event, channel, recipients_json, payload_json, dedupe_key, created_at)
      VALUES (?, 'req_1', 'request.logged', 'email', '[]', '{}', ?, '2026-01-01T00:00:00Z')`);
    insert.run('d_z', 'a');
    insert.run('d_a', 'b');
    runMigrations(db);
    const order = db.prepare('SELECT id, request_id, account_id FROM notification_outbox ORDER BY created_at, rowid');
    expect(order.all()).toEqual([
      { id: 'd_z', request_id: 'req_1', account_id: null },
      { id: 'd_a', request_id: 'req_1', account_id: null },
    ]);
    const insertFor = db.prepare(`INSERT INTO notification_outbox
      (id, request_id, account_id, event, channel, recipients_json, payload_json, dedupe_key, created_at)
      VALUES (?, ?, ?, 'account.failing', 'email', '[]', '{}', 'k', '2026-01-02T00:00:00Z') ON CONFLICT DO NOTHING`);
    expect(insertFor.run('d_acc', null, 'acc_1').changes).toBe(1);
    expect(insertFor.run('d_again', null, 'acc_1').changes).toBe(0); // the account's dedupe key is used
    expect(() => insertFor.run('d_none', null, null)).toThrow(/CHECK/);
    expect(() => insertFor.run('d_both', 'req_1', 'acc_1')).toThrow(/CHECK/);
  });

  it('rebuilds the outbox so a row may belong to a subject instead, keeping every row, column and index', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF'); // the outbox rows below stand alone, without their requests or accounts
    runMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 65),
    );
    const indexes = () =>
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notification_outbox' ORDER BY name",
        )
        .pluck()
        .all();
    const before = indexes();
    db.exec(`INSERT INTO notification_outbox (id, request_id, account_id, event, channel, recipients_json,
        payload_json, dedupe_key, status, attempts, last_error, created_at, delivered_at, relayed_at) VALUES
      ('d_z', 'req_1', NULL, 'request.logged', 'email', '["a@town.example"]', '{"n":1}', 'k', 'delivered', 2,
        'once', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', '2026-01-01T00:00:30Z'),
      ('d_a', NULL, 'acc_1', 'account.failing', 'webhook', '[]', '{}', 'k', 'pending', 0, NULL,
        '2026-01-01T00:00:00Z', NULL, NULL)`);
    const rows = () => db.prepare('SELECT * FROM notification_outbox ORDER BY created_at, rowid').all();
    const kept = rows();
    runMigrations(db);
    expect(rows()).toEqual(kept.map((row) => ({ ...(row as object), subject: null })));
    expect(indexes()).toEqual([...before, 'notification_outbox_subject_dedupe'].sort());
    const insertFor = db.prepare(`INSERT INTO notification_outbox
      (id, request_id, account_id, subject, event, channel, recipients_json, payload_json, dedupe_key, created_at)
      VALUES (?, ?, ?, ?, 'access.privileged-grant', 'email', '[]', '{}', 'k', '2026-01-02T00:00:00Z')
      ON CONFLICT DO NOTHING`);
    expect(insertFor.run('d_person', null, null, 'person:user_1').changes).toBe(1);
    expect(insertFor.run('d_again', null, null, 'person:user_1').changes).toBe(0); // the subject's key is used
    expect(insertFor.run('d_other', null, null, 'person:user_2').changes).toBe(1);
    expect(() => insertFor.run('d_none', null, null, null)).toThrow(/CHECK/);
    expect(() => insertFor.run('d_two', null, 'acc_1', 'town')).toThrow(/CHECK/);
    expect(() => insertFor.run('d_three', 'req_1', 'acc_1', 'town')).toThrow(/CHECK/);
  });
});
