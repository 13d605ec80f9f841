import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AthenaClient, GetQueryResultsCommand } from '@aws-sdk/client-athena';
import { BatchCreatePartitionCommand, CreateDatabaseCommand, CreateTableCommand, GetPartitionsCommand, GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glueTableInput, PREDEFINED_QUERIES, predefinedQueriesForFields } from '../../lib/athena-integration';
import { findFlowLogField } from '../../lib/flow-logs';
import { allResultRows, runQuery, selectRows } from '../support/athena-helpers';
import { ACCOUNT, dayEpoch, generateRecords, REGION, textFlowLogFile, V2_FIELDS, V5_FIELDS, type FlowRecord } from '../support/flow-log-fixtures';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';
import { compareWithOracle, expectedResult, typedRecords } from '../support/predefined-query-oracle';

/**
 * The Athena engine over real flow-log objects: gzip text (plain layout, registered partitions), Parquet
 * (Hive layout, registered the way the integration's Lambda registers them, and again through
 * CREATE EXTERNAL TABLE + MSCK REPAIR TABLE). Every predefined query is checked against an
 * independent computation over the records the test generated.
 */

let localAws: LocalAwsProcess;
let athena: AthenaClient;
let glue: GlueClient;
let s3: S3Client;
const DB = 'flowlogs';
const OUTPUT = 's3://athena-flow-results/';
const DAYS = ['2021-04-14', '2021-04-15', '2021-04-16'];
const V5_FORMAT = V5_FIELDS.map((f) => `\${${f}}`).join(' ');
const timings: { query: string; table: string; ms: number; scanned: number }[] = [];

interface Dataset {
  records: FlowRecord[];
  /** Per record: the partition values its table reports. */
  partitions: Record<string, string>[];
  /** Per day: the total size of that day's objects. */
  bytesPerDay: Map<string, number>;
}

const datasets: Record<string, Dataset> = {};

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  athena = new AthenaClient(clientConfig(localAws.endpoint));
  glue = new GlueClient(clientConfig(localAws.endpoint));
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
  for (const bucket of ['athena-flow-results', 'flows-text', 'flows-parquet', 'flows-default']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: DB } }));

  datasets.text = await uploadText('flows-text', V5_FIELDS, 1, 'text_v5', V5_FORMAT);
  datasets.default = await uploadText('flows-default', V2_FIELDS, 7, 'text_default', undefined);
  datasets.parquet = await uploadParquet();
}, 120_000);

afterAll(async () => {
  if (timings.length) {
    console.log(['query times (engine ms / bytes scanned):', ...timings.map((t) => `  ${t.table.padEnd(13)} ${t.query.padEnd(46)} ${String(t.ms).padStart(5)} ms ${t.scanned} B`)].join('\n'));
  }
  await localAws?.stop();
});

function records(seed: number) {
  const out: { day: string; file: number; records: FlowRecord[] }[] = [];
  DAYS.forEach((day, d) => {
    for (let file = 0; file < 2; file++) out.push({ day, file, records: generateRecords(400, seed * 100 + d * 10 + file, dayEpoch(day)) });
  });
  return out;
}

async function put(bucket: string, key: string, body: Buffer) {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** Text objects in the plain layout, and the table + partitions exactly as the integration's template and Lambda create them. */
async function uploadText(bucket: string, fields: readonly string[], seed: number, table: string, logFormat: string | undefined): Promise<Dataset> {
  const dataset: Dataset = { records: [], partitions: [], bytesPerDay: new Map() };
  for (const { day, file, records: recs } of records(seed)) {
    const [y, m, d] = day.split('-');
    const body = textFlowLogFile(fields, recs);
    const key = `AWSLogs/${ACCOUNT}/vpcflowlogs/${REGION}/${y}/${m}/${d}/${ACCOUNT}_vpcflowlogs_${REGION}_fl-0123abcd_${y}${m}${d}T000${file}Z_abcdef0${file}.log.gz`;
    await put(bucket, key, body);
    dataset.records.push(...recs);
    dataset.partitions.push(...recs.map(() => ({ year: y, month: m, day: d })));
    dataset.bytesPerDay.set(day, (dataset.bytesPerDay.get(day) ?? 0) + body.length);
  }
  const input = glueTableInput(
    { flowLogId: 'fl-0123abcd', logFormat, logDestination: `arn:aws:s3:::${bucket}`, destinationOptions: { fileFormat: 'plain-text' }, accountId: ACCOUNT, region: REGION },
    'daily',
    table,
  );
  await glue.send(new CreateTableCommand({ DatabaseName: DB, TableInput: input }));
  const location = input.StorageDescriptor.Location;
  await glue.send(
    new BatchCreatePartitionCommand({
      DatabaseName: DB,
      TableName: table,
      PartitionInputList: DAYS.map((day) => {
        const values = day.split('-');
        return { Values: values, StorageDescriptor: { ...input.StorageDescriptor, Location: `${location}${values.join('/')}/` } };
      }),
    }),
  );
  return dataset;
}

/** Parquet objects in the Hive layout, written as flow-log delivery writes them ('-' is NULL). */
async function uploadParquet(): Promise<Dataset> {
  const dataset: Dataset = { records: [], partitions: [], bytesPerDay: new Map() };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'athena-parquet-'));
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  try {
    for (const { day, file, records: recs } of records(3)) {
      const [y, m, d] = day.split('-');
      const csv = path.join(tmp, `${day}-${file}.txt`);
      fs.writeFileSync(csv, `${V5_FIELDS.join(' ')}\n${recs.map((r) => V5_FIELDS.map((f) => r[f]).join(' ')).join('\n')}\n`);
      const columns = V5_FIELDS.map((f) => {
        const type = findFlowLogField(f)!.parquetType;
        const sqlType = type === 'INT_32' ? 'INTEGER' : type === 'INT_64' ? 'BIGINT' : 'VARCHAR';
        return `CAST(NULLIF("${f}", '-') AS ${sqlType}) AS "${f.replace(/-/g, '_')}"`;
      });
      const out = path.join(tmp, `${day}-${file}.parquet`);
      await connection.run(
        `COPY (SELECT ${columns.join(', ')} FROM read_csv('${csv}', delim = ' ', header = true, all_varchar = true)) TO '${out}' (FORMAT parquet, COMPRESSION gzip)`,
      );
      const body = fs.readFileSync(out);
      const key = `AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=${REGION}/year=${y}/month=${m}/day=${d}/${ACCOUNT}_vpcflowlogs_${REGION}_fl-0456_${y}${m}${d}T000${file}Z_0000000${file}.log.parquet`;
      await put('flows-parquet', key, body);
      dataset.records.push(...recs);
      dataset.partitions.push(...recs.map(() => ({ 'aws-account-id': `aws-account-id=${ACCOUNT}`, 'aws-service': 'aws-service=vpcflowlogs', 'aws-region': `aws-region=${REGION}`, year: `year=${y}`, month: `month=${m}`, day: `day=${d}` })));
      dataset.bytesPerDay.set(day, (dataset.bytesPerDay.get(day) ?? 0) + body.length);
    }
  } finally {
    connection.closeSync();
    duck.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const input = glueTableInput(
    {
      flowLogId: 'fl-0456',
      logFormat: V5_FORMAT,
      logDestination: 'arn:aws:s3:::flows-parquet',
      destinationOptions: { fileFormat: 'parquet', hiveCompatiblePartitions: true },
      accountId: ACCOUNT,
      region: REGION,
    },
    'daily',
    'parquet_hive',
  );
  await glue.send(new CreateTableCommand({ DatabaseName: DB, TableInput: input }));
  // The integration's partition loader stores the `key=` text inside each value (team reference §2.5).
  await glue.send(
    new BatchCreatePartitionCommand({
      DatabaseName: DB,
      TableName: 'parquet_hive',
      PartitionInputList: DAYS.map((day) => {
        const [y, m, d] = day.split('-');
        const values = [`aws-account-id=${ACCOUNT}`, 'aws-service=vpcflowlogs', `aws-region=${REGION}`, `year=${y}`, `month=${m}`, `day=${d}`];
        return { Values: values, StorageDescriptor: { ...input.StorageDescriptor, Location: `${input.StorageDescriptor.Location}${values.join('/')}/` } };
      }),
    }),
  );
  return dataset;
}

async function run(sql: string, table: string, name = sql.slice(0, 40)) {
  const result = await selectRows(athena, { QueryString: sql, QueryExecutionContext: { Database: DB }, ResultConfiguration: { OutputLocation: OUTPUT } });
  timings.push({ query: name, table, ms: result.execution.Statistics!.EngineExecutionTimeInMillis!, scanned: result.execution.Statistics!.DataScannedInBytes! });
  return result;
}

const TABLES = [
  { table: 'text_v5', dataset: 'text', fields: V5_FIELDS, dashIsNull: false, partitionKeys: ['year', 'month', 'day'] },
  { table: 'parquet_hive', dataset: 'parquet', fields: V5_FIELDS, dashIsNull: true, partitionKeys: ['aws-account-id', 'aws-service', 'aws-region', 'year', 'month', 'day'] },
  { table: 'text_default', dataset: 'default', fields: V2_FIELDS, dashIsNull: false, partitionKeys: ['year', 'month', 'day'] },
];

describe('the sixteen predefined queries', () => {
  const cases = TABLES.flatMap((t) => predefinedQueriesForFields(t.fields).map((q) => ({ ...t, query: q })));

  it('covers all sixteen on the custom formats and the default six on the default format', () => {
    expect(predefinedQueriesForFields(V5_FIELDS)).toHaveLength(PREDEFINED_QUERIES.length);
    expect(PREDEFINED_QUERIES).toHaveLength(16);
    expect(predefinedQueriesForFields(V2_FIELDS).map((q) => q.name).sort()).toEqual(
      ['VpcFlowLogsAdminPortTraffic', 'VpcFlowLogsRejectedTraffic', 'VpcFlowLogsSshRdpTraffic', 'VpcFlowLogsTopTalkers', 'VpcFlowLogsTotalBytesTransferred', 'VpcFlowLogsTrafficFrmSrcAddr'].sort(),
    );
  });

  it.each(cases.map((c) => [c.query.name, c.table, c] as const))('%s on %s equals the independent computation', async (_name, _table, c) => {
    const { header, rows, execution } = await run(c.query.sql(c.table), c.table, c.query.name);
    const dataset = datasets[c.dataset];
    const columns = c.fields.map((f) => f.replace(/-/g, '_'));
    const typed = typedRecords(dataset.records, c.fields, c.dashIsNull, dataset.partitions);
    const expected = expectedResult(c.query.name, typed, [...columns, ...c.partitionKeys]);
    const mismatch = compareWithOracle(rows, expected);
    expect(mismatch, `${c.query.name} on ${c.table}\nheader ${JSON.stringify(header)}`).toBeUndefined();
    expect(rows.length).toBeGreaterThan(0);
    const total = [...dataset.bytesPerDay.values()].reduce((a, b) => a + b, 0);
    expect(execution.Statistics!.DataScannedInBytes).toBe(total);
  });

  it('returns SELECT * with the partition columns last and NULL for numeric "-" values', async () => {
    const { header, rows } = await run("SELECT * FROM text_v5 WHERE log_status = 'NODATA' ORDER BY \"start\" LIMIT 3", 'text_v5');
    expect(header).toEqual([...V5_FIELDS.map((f) => f.replace(/-/g, '_')), 'year', 'month', 'day']);
    const row = rows[0];
    expect(row[header.indexOf('bytes')]).toBeNull();
    expect(row[header.indexOf('srcaddr')]).toBe('-');
    expect(row[header.indexOf('log_status')]).toBe('NODATA');
    const result = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: (await runQuery(athena, { QueryString: 'SELECT bytes FROM text_v5 WHERE bytes IS NULL LIMIT 1', QueryExecutionContext: { Database: DB }, ResultConfiguration: { OutputLocation: OUTPUT } })).QueryExecutionId }));
    expect(result.ResultSet!.Rows![1].Data).toEqual([{}]);
  });
});

describe('partitions', () => {
  it('prunes registered partitions by equality, range and IN on partition keys', async () => {
    const text = datasets.text;
    const day15 = text.bytesPerDay.get('2021-04-15')!;
    const count = (day: string) => text.partitions.filter((p) => `${p.year}-${p.month}-${p.day}` === day).length;
    const eq = await run("SELECT count(*) FROM text_v5 WHERE day = '15'", 'text_v5', 'prune =');
    expect(eq.rows).toEqual([[String(count('2021-04-15'))]]);
    expect(eq.execution.Statistics!.DataScannedInBytes).toBe(day15);
    const range = await run("SELECT count(*) FROM text_v5 WHERE year = '2021' AND day >= '15' AND month BETWEEN '01' AND '12'", 'text_v5', 'prune range');
    expect(range.rows).toEqual([[String(count('2021-04-15') + count('2021-04-16'))]]);
    expect(range.execution.Statistics!.DataScannedInBytes).toBe(day15 + text.bytesPerDay.get('2021-04-16')!);
    const list = await run("SELECT count(*) FROM text_v5 t WHERE t.day IN ('14', '16') AND t.srcaddr <> 'x'", 'text_v5', 'prune IN');
    expect(list.rows).toEqual([[String(count('2021-04-14') + count('2021-04-16'))]]);
    expect(list.execution.Statistics!.DataScannedInBytes).toBe(text.bytesPerDay.get('2021-04-14')! + text.bytesPerDay.get('2021-04-16')!);
    const cast = await run("SELECT count(*) FROM text_v5 WHERE CAST(day AS integer) = 14", 'text_v5', 'prune cast');
    expect(cast.execution.Statistics!.DataScannedInBytes).toBe(text.bytesPerDay.get('2021-04-14')!);
    const none = await run("SELECT count(*) FROM text_v5 WHERE day = '31'", 'text_v5', 'prune none');
    expect(none.rows).toEqual([['0']]);
    expect(none.execution.Statistics!.DataScannedInBytes).toBe(0);
  });

  it('reads the Hive layout through CREATE EXTERNAL TABLE … STORED AS PARQUET and MSCK REPAIR TABLE', async () => {
    const location = `s3://flows-parquet/AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=${REGION}/`;
    const columns = V5_FIELDS.map((f) => `\`${f.replace(/-/g, '_')}\` ${findFlowLogField(f)!.athenaType}`).join(',\n  ');
    const create = await runQuery(athena, {
      QueryString: `CREATE EXTERNAL TABLE IF NOT EXISTS parquet_ddl (\n  ${columns})\nPARTITIONED BY (\`year\` string, \`month\` string, \`day\` string)\nSTORED AS PARQUET\nLOCATION '${location}'\nTBLPROPERTIES ('EXTERNAL'='true')`,
      QueryExecutionContext: { Database: DB },
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect(create.Status!.StateChangeReason).toBeUndefined();
    expect(create).toMatchObject({ StatementType: 'DDL', SubstatementType: 'CREATE_TABLE', Status: { State: 'SUCCEEDED' } });
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: DB, Name: 'parquet_ddl' }));
    expect(Table!.StorageDescriptor!.SerdeInfo!.SerializationLibrary).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    expect(Table!.PartitionKeys!.map((k) => k.Name)).toEqual(['year', 'month', 'day']);

    const before = await run('SELECT count(*) FROM parquet_ddl', 'parquet_ddl', 'unrepaired');
    expect(before.rows).toEqual([['0']]);
    const repair = await runQuery(athena, { QueryString: 'MSCK REPAIR TABLE parquet_ddl', QueryExecutionContext: { Database: DB }, ResultConfiguration: { OutputLocation: OUTPUT } });
    expect(repair.Status!.State).toBe('SUCCEEDED');
    const repairRows = (await allResultRows(athena, repair.QueryExecutionId!)).rows.map((r) => r[0]);
    expect(repairRows).toContain('Repair: Added partition to metastore parquet_ddl:year=2021/month=04/day=15');
    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: DB, TableName: 'parquet_ddl' }));
    expect(Partitions!.map((p) => p.Values).sort()).toEqual(DAYS.map((d) => d.split('-')));

    const parquet = datasets.parquet;
    const { rows, execution } = await run("SELECT day, count(*), sum(bytes) FROM parquet_ddl WHERE day <> '14' GROUP BY day ORDER BY day", 'parquet_ddl', 'by day');
    const expected = ['15', '16'].map((d) => {
      const inDay = parquet.records.filter((_, i) => parquet.partitions[i].day === `day=${d}`);
      return [d, String(inDay.length), String(inDay.reduce((a, r) => a + (r.bytes === '-' ? 0 : Number(r.bytes)), 0))];
    });
    expect(rows).toEqual(expected);
    expect(execution.Statistics!.DataScannedInBytes).toBe(parquet.bytesPerDay.get('2021-04-15')! + parquet.bytesPerDay.get('2021-04-16')!);
  });
});

describe('result file of a predefined query', () => {
  it('is the CSV Athena writes, every value quoted and NULL empty', async () => {
    const query = PREDEFINED_QUERIES.find((q) => q.name === 'VpcFlowLogsSshRdpTraffic')!;
    const execution = await runQuery(athena, { QueryString: query.sql('text_v5'), QueryExecutionContext: { Database: DB }, ResultConfiguration: { OutputLocation: `${OUTPUT}ssh/` } });
    const object = await s3.send(new GetObjectCommand({ Bucket: 'athena-flow-results', Key: `ssh/${execution.QueryExecutionId}.csv` }));
    const csv = await object.Body!.transformToString();
    const lines = csv.split('\n');
    expect(lines[0]).toBe([...V5_FIELDS.map((f) => `"${f.replace(/-/g, '_')}"`), '"year"', '"month"', '"day"'].join(','));
    expect(lines).toHaveLength(52);
    expect(lines[51]).toBe('');
    const { rows } = await allResultRows(athena, execution.QueryExecutionId!);
    const fromCsv = lines.slice(0, 51).map((line) => line.split(',').map((v) => (v === '' ? null : v.slice(1, -1))));
    expect(fromCsv).toEqual(rows);
  });
});
