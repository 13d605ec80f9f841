import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Migration } from './database';

const dirs: string[] = [];
function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-aws-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const v1: Migration[] = [{ id: 'test-001-things', sql: 'CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT NOT NULL)' }];
const v2: Migration[] = [...v1, { id: 'test-002-things-size', sql: 'ALTER TABLE things ADD COLUMN size INTEGER NOT NULL DEFAULT 0' }];

describe('openDatabase', () => {
  it('opens in WAL mode with full sync and foreign keys', () => {
    const db = openDatabase(dataDir(), v1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrades an existing database with only the migrations it lacks, keeping its rows', () => {
    const dir = dataDir();
    const first = openDatabase(dir, v1);
    first.prepare('INSERT INTO things (id, name) VALUES (?, ?)').run('a', 'kept');
    first.close();

    const second = openDatabase(dir, v2);
    expect(second.prepare('SELECT id, name, size FROM things').all()).toEqual([{ id: 'a', name: 'kept', size: 0 }]);
    expect(second.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all()).toEqual(['test-001-things', 'test-002-things-size']);
    second.close();

    // Opening again runs nothing twice (an ALTER TABLE ADD COLUMN would fail if it did).
    const third = openDatabase(dir, v2);
    expect(third.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(2);
    third.close();
  });

  it('applies a failing migration not at all: its changes roll back and it is not recorded', () => {
    const dir = dataDir();
    openDatabase(dir, v1).close();
    const broken: Migration[] = [...v1, { id: 'test-002-broken', sql: 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);' }];
    expect(() => openDatabase(dir, broken)).toThrow(/no such table: nowhere/);
    const db = openDatabase(dir, v1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT id FROM schema_migrations').pluck().all()).toEqual(['test-001-things']);
    db.close();
  });
});
