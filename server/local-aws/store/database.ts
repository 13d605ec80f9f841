import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/** One schema change. Ids are unique across services and never reused; each runs once, in order. */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * Opens local AWS's metadata database. WAL keeps readers (the console's reads) from waiting on a
 * writer (flow-log delivery). `synchronous=FULL` syncs the WAL at every commit, so what a response
 * acknowledged survives a power loss too, not only a crash of the process (NORMAL's guarantee); on
 * this workload that costs a fraction of a millisecond per write.
 */
export function openDatabase(dataDir: string, migrations: Migration[]): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'local-aws.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, migrations);
  return db;
}

export function applyMigrations(db: Db, migrations: Migration[]) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, new Date().toISOString());
    })();
  }
}
