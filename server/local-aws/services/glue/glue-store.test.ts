import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../store/database';
import { glueMigrations } from './glue-migrations';
import { GlueStore, type GlueChange } from './glue-store';
import { compilePartitionExpression } from './partition-expression';

const R = 'us-east-1';
let store: GlueStore;

beforeEach(() => {
  const db = new Database(':memory:');
  applyMigrations(db, glueMigrations);
  store = new GlueStore(db, '123456789012');
});

function makeTable() {
  store.createDatabase(R, { Name: 'FlowDb', Description: 'd' });
  store.createTable(R, 'flowdb', {
    Name: 'Logs',
    TableType: 'EXTERNAL_TABLE',
    PartitionKeys: [
      { Name: 'year', Type: 'string' },
      { Name: 'month', Type: 'int' },
    ],
    StorageDescriptor: { Columns: [{ Name: 'srcaddr', Type: 'string' }], Location: 's3://b/p/' },
  });
}

describe('GlueStore', () => {
  it('lower-cases names, keeps the Glue shapes and revives timestamps', () => {
    makeTable();
    const db = store.getDatabase(R, 'FLOWDB')!;
    expect(db.Name).toBe('flowdb');
    expect(db.CreateTime).toBeInstanceOf(Date);
    expect(db.CatalogId).toBe('123456789012');
    const table = store.getTable(R, 'flowdb', 'logs')!;
    expect(table.DatabaseName).toBe('flowdb');
    expect(table.StorageDescriptor?.Location).toBe('s3://b/p/');
    expect(table.UpdateTime).toBeInstanceOf(Date);
    expect(store.getDatabase('eu-west-1', 'flowdb')).toBeUndefined();
  });

  it('raises Glue errors for duplicates and missing entities', () => {
    makeTable();
    expect(() => store.createDatabase(R, { Name: 'flowdb' })).toThrow('Database already exists.');
    expect(() => store.createTable(R, 'flowdb', { Name: 'logs' })).toThrow('Table already exists.');
    expect(() => store.requireTable(R, 'nodb', 'x')).toThrow('Database nodb not found.');
    expect(() => store.requireTable(R, 'flowdb', 'x')).toThrow('Table x not found.');
    expect(() => store.createPartition(R, 'flowdb', 'logs', { Values: ['2021'] })).toThrow(/number of partition keys/);
  });

  it('batch-creates partitions with per-entry errors and filters them by expression', () => {
    makeTable();
    store.createPartition(R, 'flowdb', 'logs', { Values: ['2021', '4'] });
    const result = store.batchCreatePartition(R, 'flowdb', 'logs', [
      { Values: ['2021', '4'] },
      { Values: ['2021', '10'] },
      { Values: ['2022', '1'] },
      { Values: ['bad'] },
    ]);
    expect(result.created.map((p) => p.Values)).toEqual([['2021', '10'], ['2022', '1']]);
    expect(result.errors.map((e) => e.ErrorDetail.ErrorCode)).toEqual(['AlreadyExistsException', 'InvalidInputException']);
    const values = (expression: string) => store.getPartitions(R, 'flowdb', 'logs', expression).map((p) => p.Values.join('/'));
    expect(values('')).toHaveLength(3);
    expect(values("year = '2021' AND month > 5")).toEqual(['2021/10']);
    expect(values('month BETWEEN 2 AND 10')).toEqual(['2021/10', '2021/4']);
    expect(values("year IN ('2022') OR NOT month <> 4")).toEqual(['2021/4', '2022/1']);
    expect(values("year LIKE '202_'")).toHaveLength(3);
    expect(() => values('nokey = 1')).toThrow(/unknown partition key/);
  });

  it('cascades deletes and notifies observers', () => {
    const changes: GlueChange[] = [];
    store.onChange((c) => changes.push(c));
    makeTable();
    store.createPartition(R, 'flowdb', 'logs', { Values: ['2021', '4'] });
    store.deleteDatabase(R, 'flowdb');
    expect(store.getDatabase(R, 'flowdb')).toBeUndefined();
    expect(store.db.prepare('SELECT COUNT(*) FROM glue_partitions').pluck().get()).toBe(0);
    expect(changes.map((c) => `${c.kind}:${c.action}`)).toEqual(['database:create', 'table:create', 'partition:create', 'database:delete']);
  });
});

describe('compilePartitionExpression', () => {
  const keys = [
    { Name: 'year', Type: 'string' },
    { Name: 'aws-region', Type: 'string' },
    { Name: 'day', Type: 'int' },
  ];
  const test = (expression: string, values: string[]) => compilePartitionExpression(expression, keys)(values);
  it('supports comparisons, quoting and precedence', () => {
    expect(test("year >= '2020' and day <= 15", ['2021', 'x', '15'])).toBe(true);
    expect(test('`aws-region` = "us-east-1"', ['2021', 'us-east-1', '1'])).toBe(true);
    expect(test("aws-region = 'us-east-1'", ['2021', 'us-east-1', '1'])).toBe(true);
    expect(test("year = '2020' OR year = '2021' AND day = 2", ['2020', 'x', '1'])).toBe(true);
    expect(test("(year = '2020' OR year = '2021') AND day = 2", ['2020', 'x', '1'])).toBe(false);
    expect(test('day NOT IN (1, 2)', ['2020', 'x', '3'])).toBe(true);
    expect(test('day NOT BETWEEN 1 AND 2', ['2020', 'x', '02'])).toBe(false);
    expect(test('day IS NOT NULL', ['2020', 'x', '3'])).toBe(true);
    expect(test("year <> 'it''s'", ['2020', 'x', '3'])).toBe(true);
  });
  it('rejects malformed expressions with InvalidInputException', () => {
    expect(() => test("year = '2020", [])).toThrow(/unterminated string/);
    expect(() => test('year = ', [])).toThrow(/expected a string or number/);
    expect(() => test("year = '1' year", [])).toThrow(/unexpected/);
    try {
      test('year ~ 1', []);
    } catch (error) {
      expect((error as { code: string }).code).toBe('InvalidInputException');
    }
  });
});
