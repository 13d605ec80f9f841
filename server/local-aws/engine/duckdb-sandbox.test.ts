import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbParser, openSandbox, type Sandbox } from './duckdb-sandbox';

/**
 * The second fence: even SQL that got past the dialect layer runs in a DuckDB that can read only the
 * files of the tables the query named, cannot write, attach, install, load or re-configure.
 */
let dir: string;
let sandbox: Sandbox;
let allowed: string;
let other: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-'));
  allowed = path.join(dir, 'allowed');
  other = path.join(dir, 'other');
  fs.writeFileSync(allowed, 'a b\n1 2\n');
  fs.writeFileSync(other, 'secret\n');
  sandbox = await openSandbox({ memoryLimit: '128MB', threads: 1, tempRoot: path.join(dir, 'spill') }, 'q1', [allowed]);
});

afterAll(() => {
  sandbox?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function fails(sql: string): Promise<string> {
  try {
    await sandbox.connection.run(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('per-query DuckDB sandbox', () => {
  it('reads the allowed object file', async () => {
    const reader = await sandbox.connection.runAndReadAll(`SELECT * FROM read_csv('${allowed}', delim = ' ', header = true)`);
    expect(reader.getRowsJson()).toEqual([['1', '2']]);
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error/],
    ['SELECT * FROM read_text(\'OTHER\')', /Permission Error/],
    ["SELECT * FROM glob('DIR/*')", /Permission Error/],
    ["COPY (SELECT 1) TO 'DIR/out.csv'", /Permission Error/],
    ["COPY (SELECT 1) TO 'ALLOWED'", /Permission Error/],
    ["ATTACH 'DIR/x.db'", /Permission Error/],
    ['INSTALL httpfs', /Permission Error|disabled/],
    ['LOAD httpfs', /Permission Error|disabled|not found/],
    ['SET enable_external_access = true', /configuration has been locked/],
    ["SET allowed_paths = ['/etc/passwd']", /configuration has been locked/],
    ['SET threads = 8', /configuration has been locked/],
    ["CREATE VIEW v AS SELECT * FROM read_csv('/etc/passwd')", /Permission Error/],
    ["EXPORT DATABASE 'DIR/export'", /Permission Error/],
  ])('refuses %s', async (template, pattern) => {
    const sql = template.replace('OTHER', other).replace('ALLOWED', allowed).replace(/DIR/g, dir);
    expect(await fails(sql)).toMatch(pattern);
  });

  it('leaves no file behind from a refused write', () => {
    expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
    expect(fs.readFileSync(allowed, 'utf8')).toBe('a b\n1 2\n');
  });
});

describe('the SQL parser', () => {
  it('gives every caller a tree of its own to rewrite, though it answers repeats from its cache', async () => {
    const parser = new DuckDbParser();
    try {
      const first = await parser.serialize('SELECT a FROM t');
      if (first.error) throw new Error(first.error_message);
      first.statements[0].node.from_table.table_name = 'rewritten';
      const second = await parser.serialize('SELECT a FROM t');
      expect(await parser.deserialize(first)).toMatch(/FROM rewritten/);
      expect(await parser.deserialize(second)).toMatch(/FROM t$/);
      // A cached rewrite comes back the same, and a new one is not confused with it.
      expect(await parser.deserialize(first)).toMatch(/FROM rewritten/);
      expect((await parser.serialize('SELEC a')).error).toBe(true);
    } finally {
      parser.close();
    }
  });
});
