import { AthenaClient } from '@aws-sdk/client-athena';
import { BatchCreatePartitionCommand, CreateDatabaseCommand, CreateTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glueTableInput, PREDEFINED_QUERIES } from '../../lib/athena-integration';
import { selectRows } from '../support/athena-helpers';
import { ACCOUNT, dayEpoch, generateRecords, REGION, textFlowLogFile, V5_FIELDS } from '../support/flow-log-fixtures';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

/**
 * Columnar acceleration changes how fast a query runs, never what it returns. Two local-AWS processes
 * get the same flow-log objects and the same table — one converts them to Parquet in the background
 * (the default), one has LOCAL_AWS_COLUMNAR=off — and every predefined query must give byte-identical
 * results on both: with everything converted, right after an overwrite or a delete (before the
 * background catches up, so the stale copy must not be read), and after a restart.
 * DuckDB runs single-threaded on both so that rows tied in ORDER BY … LIMIT come out in one order.
 */

interface Side {
  name: 'on' | 'off';
  process: LocalAwsProcess;
  athena: AthenaClient;
  s3: S3Client;
}

const DB = 'flowlogs';
const TABLE = 'accelerated';
const BUCKET = 'flows-accelerated';
const OUTPUT = 's3://columnar-results/';
const DAYS = ['2021-04-14', '2021-04-15', '2021-04-16'];
const FILES_PER_DAY = 3;
const V5_FORMAT = V5_FIELDS.map((f) => `\${${f}}`).join(' ');
let on: Side;
let off: Side;

function objectKey(day: string, file: number) {
  const [y, m, d] = day.split('-');
  return `AWSLogs/${ACCOUNT}/vpcflowlogs/${REGION}/${y}/${m}/${d}/${ACCOUNT}_vpcflowlogs_${REGION}_fl-0abc_${y}${m}${d}T00${file}0Z_0000000${file}.log.gz`;
}

async function start(name: 'on' | 'off'): Promise<Side> {
  const process = await startLocalAwsProcess({
    // A landed object waits 2 s before its folder converts again: the window in which a stale copy
    // exists and must not be read.
    env: { LOCAL_AWS_DUCKDB_THREADS: '1', LOCAL_AWS_COLUMNAR: name, LOCAL_AWS_COLUMNAR_DELAY_MS: '2000' },
  });
  return sideFor(name, process);
}

function sideFor(name: 'on' | 'off', process: LocalAwsProcess): Side {
  return {
    name,
    process,
    athena: new AthenaClient(clientConfig(process.endpoint)),
    s3: new S3Client({ ...clientConfig(process.endpoint), forcePathStyle: true }),
  };
}

async function load(side: Side) {
  const glue = new GlueClient(clientConfig(side.process.endpoint));
  await side.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await side.s3.send(new CreateBucketCommand({ Bucket: 'columnar-results' }));
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: DB } }));
  for (const [d, day] of DAYS.entries()) {
    for (let file = 0; file < FILES_PER_DAY; file += 1) {
      const body = textFlowLogFile(V5_FIELDS, generateRecords(300, 700 + d * 10 + file, dayEpoch(day)));
      await side.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: objectKey(day, file), Body: body }));
    }
  }
  const input = glueTableInput(
    { flowLogId: 'fl-0abc', logFormat: V5_FORMAT, logDestination: `arn:aws:s3:::${BUCKET}`, destinationOptions: { fileFormat: 'plain-text' }, accountId: ACCOUNT, region: REGION },
    'daily',
    TABLE,
  );
  await glue.send(new CreateTableCommand({ DatabaseName: DB, TableInput: input }));
  await glue.send(
    new BatchCreatePartitionCommand({
      DatabaseName: DB,
      TableName: TABLE,
      PartitionInputList: DAYS.map((day) => {
        const values = day.split('-');
        return { Values: values, StorageDescriptor: { ...input.StorageDescriptor, Location: `${input.StorageDescriptor.Location}${values.join('/')}/` } };
      }),
    }),
  );
}

interface CacheStatus {
  enabled: boolean;
  pendingDirectories: number;
  converting: boolean;
  segments: number;
  objects: number;
  objectsReadColumnar: number;
  objectsReadAsText: number;
  failedObjects: number;
}

async function cacheStatus(side: Side): Promise<CacheStatus> {
  const response = await fetch(`${side.process.endpoint}/_local-aws/columnar-cache`);
  return (await response.json()) as CacheStatus;
}

/**
 * Polls until the background conversion has nothing left to do and has seen `minObjects` objects:
 * right after start-up the converter is idle because it has not picked the work up yet.
 */
async function converted(side: Side, minObjects = 0): Promise<CacheStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await cacheStatus(side);
    if (status.pendingDirectories === 0 && !status.converting && status.objects + status.failedObjects >= minObjects) return status;
    if (Date.now() > deadline) throw new Error(`columnar conversion still busy: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function results(side: Side, sql: string) {
  const { header, rows, execution } = await selectRows(side.athena, { QueryString: sql, QueryExecutionContext: { Database: DB }, ResultConfiguration: { OutputLocation: OUTPUT } });
  return { header, rows, scanned: execution.Statistics?.DataScannedInBytes };
}

async function expectSameResults(sql: string) {
  const [a, b] = await Promise.all([results(on, sql), results(off, sql)]);
  expect(a.header).toEqual(b.header);
  expect(a.rows).toEqual(b.rows);
  expect(a.scanned).toBe(b.scanned);
  return a;
}

beforeAll(async () => {
  // One after the other: two cold starts at once can outlast the harness's start-up timeout on two busy cores.
  on = await start('on');
  off = await start('off');
  await Promise.all([load(on), load(off)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([on?.process.stop(), off?.process.stop()]);
});

describe('columnar acceleration', () => {
  it('converts every object under the table in the background, and is off where switched off', async () => {
    const status = await converted(on, DAYS.length * FILES_PER_DAY);
    expect(status).toMatchObject({ enabled: true, objects: DAYS.length * FILES_PER_DAY, failedObjects: 0 });
    expect(status.segments).toBeGreaterThanOrEqual(DAYS.length);
    expect(await cacheStatus(off)).toMatchObject({ enabled: false, segments: 0 });
  }, 90_000);

  it.each(PREDEFINED_QUERIES.map((q) => [q.name, q] as const))('%s returns the same rows with and without acceleration', async (_name, query) => {
    await converted(on);
    const before = await cacheStatus(on);
    const { rows } = await expectSameResults(query.sql(TABLE));
    const after = await cacheStatus(on);
    // The accelerated side really read Parquet segments, and nothing as text.
    expect(after.objectsReadColumnar).toBeGreaterThan(before.objectsReadColumnar);
    expect(after.objectsReadAsText).toBe(before.objectsReadAsText);
    if (!['VpcFlowLogsTopTCPTraffic', 'VpcFlowLogsTrafficFrmSrcAddr'].includes(query.name)) expect(rows.length).toBeGreaterThan(0);
  }, 60_000);

  const probe = `SELECT count(*) AS n, sum(bytes) AS total, count(DISTINCT srcaddr) AS sources, min("start") AS first, max("end") AS last FROM ${TABLE}`;

  it('never serves an overwritten object from its stale columnar copy', async () => {
    await converted(on);
    const key = objectKey(DAYS[1], 1);
    const body = textFlowLogFile(V5_FIELDS, generateRecords(120, 9_001, dayEpoch(DAYS[1])));
    const before = await cacheStatus(on);
    for (const side of [on, off]) await side.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    // Straight away: the segment holding the old body is passed over and its folder read as text…
    await expectSameResults(probe);
    expect((await cacheStatus(on)).objectsReadAsText).toBeGreaterThan(before.objectsReadAsText);
    await expectSameResults(PREDEFINED_QUERIES.find((q) => q.name === 'VpcFlowLogsTopTalkers')!.sql(TABLE));
    // …and once the background has caught up.
    const status = await converted(on);
    expect(status.objects).toBe(DAYS.length * FILES_PER_DAY);
    await expectSameResults(probe);
    expect((await cacheStatus(on)).objectsReadAsText).toBe(status.objectsReadAsText);
  }, 90_000);

  it('never reads a deleted object, converted or not', async () => {
    await converted(on);
    const key = objectKey(DAYS[2], 0);
    const before = await cacheStatus(on);
    for (const side of [on, off]) await side.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    await expectSameResults(probe);
    expect((await cacheStatus(on)).objectsReadAsText).toBeGreaterThan(before.objectsReadAsText);
    const status = await converted(on);
    expect(status.objects).toBe(DAYS.length * FILES_PER_DAY - 1);
    await expectSameResults(probe);
  }, 90_000);

  it('keeps its segments across a restart and still returns the same rows', async () => {
    const before = await converted(on);
    on = sideFor('on', await on.process.restart());
    const status = await cacheStatus(on);
    expect(status.segments).toBe(before.segments);
    expect(status.objects).toBe(before.objects);
    for (const query of PREDEFINED_QUERIES.slice(0, 4)) await expectSameResults(query.sql(TABLE));
    expect((await cacheStatus(on)).objectsReadAsText).toBe(0);
  }, 120_000);
});
