import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { TestInstance } from './start-instance';

/** Deletes an archived object behind the store's back: the file under DATA_DIR/objects, or s3rver's file. */
export function deleteArchivedObject(instance: TestInstance, key: string): void {
  const file =
    instance.env.STORAGE_BACKEND === 's3'
      ? path.join(instance.dataDir, 's3rver', instance.env.S3_BUCKET, `${key}._S3rver_object`)
      : path.join(instance.dataDir, 'objects', key);
  rmSync(file);
}

/**
 * Rewrites a raw capture row's SHA-256 in the catalog's database, as an intruder with database access would:
 * the immutability triggers (and PostgreSQL's foreign keys) switched off for the one statement.
 */
export async function rewriteCaptureHash(instance: TestInstance, from: string, to: string): Promise<void> {
  if (instance.env.CATALOG_BACKEND === 'postgres') {
    const pool = new Pool({ connectionString: instance.env.DATABASE_URL, max: 1 });
    try {
      const client = await pool.connect();
      try {
        await client.query(`SET search_path = "${instance.env.DATABASE_SCHEMA}"`);
        await client.query(`SET session_replication_role = replica`);
        await client.query('UPDATE raw_captures SET sha256 = $2 WHERE sha256 = $1', [from, to]);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
    return;
  }
  const db = new Database(path.join(instance.dataDir, 'catalog.sqlite'));
  try {
    db.pragma('foreign_keys = OFF');
    db.exec('DROP TRIGGER raw_captures_no_update');
    db.prepare('UPDATE raw_captures SET sha256 = ? WHERE sha256 = ?').run(to, from);
  } finally {
    db.close();
  }
}

/**
 * Edits and deletes audit entries in the catalog's database behind the application's back, its append-only
 * triggers dropped (SQLite) or switched off for the session (PostgreSQL), as an intruder with database access would.
 */
export async function tamperAuditLog(instance: TestInstance, edit: number, remove: number): Promise<void> {
  if (instance.env.CATALOG_BACKEND === 'postgres') {
    const pool = new Pool({ connectionString: instance.env.DATABASE_URL, max: 1 });
    try {
      const client = await pool.connect();
      try {
        await client.query(`SET search_path = "${instance.env.DATABASE_SCHEMA}"`);
        await client.query(`SET session_replication_role = replica`);
        await client.query("UPDATE audit_log SET actor = 'someone else' WHERE seq = $1", [edit]);
        await client.query('DELETE FROM audit_log WHERE seq = $1', [remove]);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
    return;
  }
  const db = new Database(path.join(instance.dataDir, 'catalog.sqlite'));
  try {
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
    db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = ?").run(edit);
    db.prepare('DELETE FROM audit_log WHERE seq = ?').run(remove);
  } finally {
    db.close();
  }
}
