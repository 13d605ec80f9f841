import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueStore, GlueTable } from '../../services/glue/glue-store';
import type { ObjectSummary, S3Store } from '../../services/s3/s3-store';
import { castText, catalogTable, TableCatalog, tableFormat, type CatalogTable, type TextFormat } from '../table-scan';
import { quoteIdentifier } from '../trino-lexer';
import { SegmentWriter } from './segment-writer';

/**
 * What a query over columnar segments asks DuckDB: the scan SQL the engine builds (TableCatalog.plan
 * with an accelerator that covers every object) must let DuckDB push column projection and the
 * WHERE clause into the Parquet scan — and the segment must hold the same rows as the text scan.
 */

const FIELDS = ['version', 'srcaddr', 'dstaddr', 'dstport', 'bytes', 'action'];
const GLUE_TABLE: GlueTable = {
  Name: 'flows',
  DatabaseName: 'db',
  CreateTime: new Date(0),
  UpdateTime: new Date(0),
  IsRegisteredWithLakeFormation: false,
  CatalogId: '000000000000',
  VersionId: '1',
  TableType: 'EXTERNAL_TABLE',
  Parameters: { 'skip.header.line.count': '1' },
  PartitionKeys: [{ Name: 'day', Type: 'string' }],
  StorageDescriptor: {
    Location: 's3://bucket/logs/',
    InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ' ' } },
    Columns: [
      { Name: 'version', Type: 'int' },
      { Name: 'srcaddr', Type: 'string' },
      { Name: 'dstaddr', Type: 'string' },
      { Name: 'dstport', Type: 'int' },
      { Name: 'bytes', Type: 'bigint' },
      { Name: 'action', Type: 'string' },
    ],
  },
};

let dir: string;
let table: CatalogTable;
let format: TextFormat;
/** One gzip'd text object and its columnar copy per partition (day 15 and day 16). */
const DAYS = ['15', '16'];
const textFiles: string[] = [];
const segments: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'columnar-scan-'));
  table = catalogTable(GLUE_TABLE);
  format = tableFormat(table) as TextFormat;
  fs.mkdirSync(path.join(dir, 'objects'), { recursive: true });
  const writer = new SegmentWriter({ threads: 1, memoryLimit: '128MB', objectsDir: path.join(dir, 'objects'), segmentsDir: path.join(dir, 'columnar'), spillDir: path.join(dir, 'spill') });
  try {
    const projection = table.columns.map((c, i) => `${castText(`c${i}`, c.type)} AS ${quoteIdentifier(c.name)}`).join(', ');
    for (const [d, day] of DAYS.entries()) {
      const lines = [FIELDS.join(' ')];
      for (let i = 0; i < 5000; i += 1) lines.push(`2 10.0.${d}.${i % 200} 10.0.1.${i % 7} ${[22, 443, 3389][i % 3]} ${i % 13 === 0 ? '-' : i * 10 + d} ${i % 4 ? 'ACCEPT' : 'REJECT'}`);
      const file = path.join(dir, 'objects', `day${day}`);
      fs.writeFileSync(file, zlib.gzipSync(`${lines.join('\n')}\n`));
      textFiles.push(file);
      segments.push((await writer.fromText(format, table.columns.length, projection, [{ path: file, compression: 'gzip' }])).path);
    }
  } finally {
    writer.close();
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The scan SQL the engine builds for the given days, with or without columnar copies of their objects. */
async function scanSql(columnar: boolean, days = DAYS): Promise<string> {
  const objects = DAYS.map((day, d) => ({ bucket: 'bucket', key: `logs/day=${day}/a.log.gz`, fileId: `day${day}`, size: fs.statSync(textFiles[d]).size, etag: `"e${d}"` }) as ObjectSummary);
  const s3 = {
    getBucket: () => ({ name: 'bucket', region: 'us-east-1', createdAt: new Date(0) }),
    listingVersion: () => 0,
    scanSummaries: (_bucket: string, options: { from?: string; after?: string }) => (options.after ? [] : objects.filter((o) => o.key.startsWith(options.from ?? ''))),
    files: { pathOf: (fileId: string) => path.join(dir, 'objects', fileId) },
  } as unknown as S3Store;
  const accelerator = {
    cover: (_t: CatalogTable, _f: TextFormat, listed: ObjectSummary[]) => ({ files: listed.map((o) => segments[objects.indexOf(o)]), rest: [], release: () => undefined }),
  };
  const catalog = new TableCatalog({} as GlueStore, s3, columnar ? accelerator : undefined);
  const scan = catalog.plan(
    table,
    days.map((day) => ({ values: [day], location: `s3://bucket/logs/day=${day}/` })),
  );
  const chosen = days.map((day) => DAYS.indexOf(day));
  expect(scan.readPaths).toEqual(chosen.map((d) => (columnar ? segments[d] : textFiles[d])));
  expect(scan.files.map((f) => f.size)).toEqual(chosen.map((d) => objects[d].size));
  return scan.build(async () => []);
}

async function withDuckDb<T>(work: (run: (sql: string) => Promise<unknown[][]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    return await work(async (sql) => (await connection.runAndReadAll(sql)).getRowsJson() as unknown[][]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('columnar scans', () => {
  it('read every partition in one Parquet scan, with the projection and the WHERE clause pushed into it', async () => {
    const sql = await scanSql(true);
    expect(sql).not.toMatch(/UNION ALL/);
    const plan = await withDuckDb(async (run) => {
      await run(`CREATE VIEW flows AS ${sql}`);
      const rows = await run("EXPLAIN SELECT srcaddr, sum(bytes) FROM flows WHERE dstport = 22 AND action = 'REJECT' GROUP BY srcaddr");
      return rows.map((row) => String(row[1])).join('\n');
    });
    const scan = plan.slice(plan.search(/PARQUET_SCAN|READ_PARQUET/));
    expect(scan, plan).toMatch(/Projections:[\s\S]*srcaddr/);
    expect(scan, plan).toMatch(/Filters:[\s\S]*dstport=22/);
    expect(scan, plan).toMatch(/action='REJECT'/);
    // Only the columns the query needs are read.
    expect(scan.slice(0, scan.search(/Filters:/)), plan).not.toMatch(/dstaddr|version/);
  });

  it('give the same rows, partition values and order as the text scan', async () => {
    for (const days of [DAYS, ['16']]) {
      const [columnar, text] = await Promise.all([scanSql(true, days), scanSql(false, days)]);
      const [a, b] = await withDuckDb(async (run) => [await run(columnar), await run(text)]);
      expect(a.length).toBe(5000 * days.length);
      expect(new Set(a.map((row) => row[row.length - 1]))).toEqual(new Set(days));
      expect(a).toEqual(b);
    }
  });
});
