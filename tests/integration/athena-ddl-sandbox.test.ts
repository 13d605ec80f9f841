import fs from 'node:fs';
import {
  AthenaClient,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  ListDatabasesCommand,
  ListDataCatalogsCommand,
  ListTableMetadataCommand,
  StartQueryExecutionCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { GetDatabaseCommand, GetPartitionsCommand, GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allResultRows, runQuery, selectRows } from '../support/athena-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

/** Hive DDL reflected in the Glue catalog, SHOW/DESCRIBE results, catalog views, and the sandbox seen through the API. */

let localAws: LocalAwsProcess;
let athena: AthenaClient;
let glue: GlueClient;
let s3: S3Client;
const OUTPUT = 's3://ddl-results/out/';

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  athena = new AthenaClient(clientConfig(localAws.endpoint));
  glue = new GlueClient(clientConfig(localAws.endpoint));
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'ddl-results' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'ddl-data' }));
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: 'ddl-data', Key: key, Body: body }));
  await put('events/dt=2021-01-01/part-0.csv', 'id,name,amount,ts,flag\n1,alpha,1.5,2021-01-01 10:00:00,true\n2,beta,,2021-01-01 11:30:00,false\nx,gamma,3,not a time,maybe\n');
  await put('events/dt=2021-01-02/part-0.csv', 'id,name,amount,ts,flag\n4,delta,1e20,2021-01-02 00:00:00.250,true\n');
  await put('events/dt=2021-01-02/_SUCCESS', 'marker');
  await put('events/dt=2021-01-02/.hidden', 'not data');
});

afterAll(async () => {
  await localAws?.stop();
});

async function ddl(sql: string, database?: string): Promise<QueryExecution> {
  return runQuery(athena, { QueryString: sql, QueryExecutionContext: database ? { Database: database } : undefined, ResultConfiguration: { OutputLocation: OUTPUT } });
}

async function resultText(key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'ddl-results', Key: key }));
  return object.Body!.transformToString();
}

describe('DDL reflected in Glue', () => {
  it('CREATE DATABASE, CREATE EXTERNAL TABLE, ADD/DROP PARTITION, SHOW, DESCRIBE, DROP TABLE', async () => {
    const db = await ddl('CREATE DATABASE IF NOT EXISTS ddltest');
    expect(db).toMatchObject({ StatementType: 'DDL', SubstatementType: 'CREATE_DATABASE', Status: { State: 'SUCCEEDED' } });
    expect(db.ResultConfiguration!.OutputLocation).toBe(`${OUTPUT}${db.QueryExecutionId}.txt`);
    expect(await resultText(`out/${db.QueryExecutionId}.txt`)).toBe('');
    expect((await glue.send(new GetDatabaseCommand({ Name: 'ddltest' }))).Database!.Name).toBe('ddltest');

    const create = await ddl(
      `CREATE EXTERNAL TABLE events (
         id int COMMENT 'row id', name string, amount double, ts timestamp, flag boolean)
       PARTITIONED BY (dt string)
       ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
       LOCATION 's3://ddl-data/events/'
       TBLPROPERTIES ('skip.header.line.count'='1')`,
      'ddltest',
    );
    expect(create.Status!.State).toBe('SUCCEEDED');
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: 'ddltest', Name: 'events' }));
    expect(Table).toMatchObject({
      Name: 'events',
      TableType: 'EXTERNAL_TABLE',
      Parameters: expect.objectContaining({ EXTERNAL: 'TRUE', 'skip.header.line.count': '1' }),
      PartitionKeys: [{ Name: 'dt', Type: 'string' }],
      StorageDescriptor: expect.objectContaining({
        Location: 's3://ddl-data/events/',
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',', 'serialization.format': ',' } },
      }),
    });
    expect(Table!.StorageDescriptor!.Columns).toEqual([
      { Name: 'id', Type: 'int', Comment: 'row id' },
      { Name: 'name', Type: 'string' },
      { Name: 'amount', Type: 'double' },
      { Name: 'ts', Type: 'timestamp' },
      { Name: 'flag', Type: 'boolean' },
    ]);

    const again = await ddl("CREATE EXTERNAL TABLE events (id int) LOCATION 's3://ddl-data/events/'", 'ddltest');
    expect(again.Status!.State).toBe('FAILED');
    expect(again.Status!.StateChangeReason).toContain('AlreadyExistsException');

    await ddl("ALTER TABLE events ADD PARTITION (dt='2021-01-01') LOCATION 's3://ddl-data/events/dt=2021-01-01/'", 'ddltest');
    const add = await ddl("ALTER TABLE ddltest.events ADD IF NOT EXISTS PARTITION (dt='2021-01-01') PARTITION (dt='2021-01-02') PARTITION (dt='2021-01-03')");
    expect(add).toMatchObject({ StatementType: 'DDL', SubstatementType: 'ALTER_TABLE_ADD_PARTITION', Status: { State: 'SUCCEEDED' } });
    const partitions = (await glue.send(new GetPartitionsCommand({ DatabaseName: 'ddltest', TableName: 'events' }))).Partitions!;
    expect(partitions.map((p) => [p.Values![0], p.StorageDescriptor!.Location]).sort()).toEqual([
      ['2021-01-01', 's3://ddl-data/events/dt=2021-01-01/'],
      ['2021-01-02', 's3://ddl-data/events/dt=2021-01-02/'],
      ['2021-01-03', 's3://ddl-data/events/dt=2021-01-03/'],
    ]);

    const { header, rows } = await selectRows(athena, {
      QueryString: 'SELECT * FROM events ORDER BY dt, name',
      QueryExecutionContext: { Database: 'ddltest' },
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect(header).toEqual(['id', 'name', 'amount', 'ts', 'flag', 'dt']);
    expect(rows).toEqual([
      ['1', 'alpha', '1.5', '2021-01-01 10:00:00.000', 'true', '2021-01-01'],
      ['2', 'beta', null, '2021-01-01 11:30:00.000', 'false', '2021-01-01'],
      [null, 'gamma', '3.0', null, null, '2021-01-01'],
      ['4', 'delta', '1.0E20', '2021-01-02 00:00:00.250', 'true', '2021-01-02'],
    ]);

    const show = await ddl('SHOW PARTITIONS events', 'ddltest');
    expect(show).toMatchObject({ StatementType: 'UTILITY', SubstatementType: 'SHOW_PARTITIONS' });
    const showResult = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: show.QueryExecutionId }));
    expect(showResult.UpdateCount).toBe(0);
    expect(showResult.ResultSet!.Rows!.map((r) => r.Data![0].VarCharValue)).toEqual(['dt=2021-01-01', 'dt=2021-01-02', 'dt=2021-01-03']);
    expect(showResult.ResultSet!.ResultSetMetadata!.ColumnInfo).toEqual([
      { CatalogName: 'hive', SchemaName: '', TableName: '', Name: 'partition', Label: 'partition', Type: 'string', Precision: 0, Scale: 0, Nullable: 'UNKNOWN', CaseSensitive: false },
    ]);
    expect(await resultText(`out/${show.QueryExecutionId}.txt`)).toBe('dt=2021-01-01\ndt=2021-01-02\ndt=2021-01-03');

    await ddl("ALTER TABLE events DROP PARTITION (dt='2021-01-03')", 'ddltest');
    expect((await glue.send(new GetPartitionsCommand({ DatabaseName: 'ddltest', TableName: 'events' }))).Partitions).toHaveLength(2);

    const describe = await ddl('DESCRIBE events', 'ddltest');
    const described = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: describe.QueryExecutionId }));
    expect(described.UpdateCount).toBeUndefined();
    expect(described.ResultSet!.ResultSetMetadata!.ColumnInfo!.map((c) => c.Name)).toEqual(['col_name', 'data_type', 'comment']);
    const lines = described.ResultSet!.Rows!.map((r) => r.Data![0].VarCharValue);
    expect(lines[0]).toBe(`${'id'.padEnd(20)}\t${'int'.padEnd(20)}\t${'row id'.padEnd(20)}`);
    expect(lines).toContain('# Partition Information\t \t ');
    expect(lines[lines.length - 1]).toBe(`${'dt'.padEnd(20)}\t${'string'.padEnd(20)}\t${''.padEnd(20)}`);

    const columns = await allResultRows(athena, (await ddl('SHOW COLUMNS IN events', 'ddltest')).QueryExecutionId!);
    expect(columns.rows.map((r) => r[0]!.trim())).toEqual(['id', 'name', 'amount', 'ts', 'flag', 'dt']);
    const tables = await allResultRows(athena, (await ddl('SHOW TABLES IN ddltest')).QueryExecutionId!);
    expect(tables.rows).toEqual([['events']]);
    const databases = await allResultRows(athena, (await ddl('SHOW DATABASES')).QueryExecutionId!);
    expect(databases.rows.map((r) => r[0])).toEqual(expect.arrayContaining(['default', 'ddltest']));
    const createStatement = await allResultRows(athena, (await ddl('SHOW CREATE TABLE events', 'ddltest')).QueryExecutionId!);
    expect(createStatement.rows[0][0]).toBe('CREATE EXTERNAL TABLE `ddltest`.`events`(');

    const missing = await ddl('DESCRIBE nothere', 'ddltest');
    expect(missing.Status).toMatchObject({ State: 'FAILED', StateChangeReason: 'FAILED: SemanticException [Error 10001]: Table not found ddltest.nothere' });
    const parse = await ddl('MSCK REPAIR TABLE events extra', 'ddltest');
    expect(parse.Status!.StateChangeReason).toMatch(/^FAILED: ParseException line 1:\d+ missing EOF at 'extra'/);
    expect((await ddl('DROP TABLE IF EXISTS nothere', 'ddltest')).Status!.State).toBe('SUCCEEDED');

    const drop = await ddl('DROP TABLE events', 'ddltest');
    expect(drop).toMatchObject({ SubstatementType: 'DROP_TABLE', Status: { State: 'SUCCEEDED' } });
    const gone = await glue.send(new GetTableCommand({ DatabaseName: 'ddltest', Name: 'events' })).catch((e) => e);
    expect(gone.name).toBe('EntityNotFoundException');
    const after = await ddl('SELECT * FROM events', 'ddltest');
    expect(after.Status!.StateChangeReason).toBe("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.ddltest.events' does not exist");
  });

  it('creates tables in the always-present default database', async () => {
    const create = await ddl("CREATE EXTERNAL TABLE plain (line string) LOCATION 's3://ddl-data/events/dt=2021-01-02/'");
    expect(create.Status!.State).toBe('SUCCEEDED');
    const { rows } = await selectRows(athena, { QueryString: 'SELECT count(*) FROM default.plain', ResultConfiguration: { OutputLocation: OUTPUT } });
    // Hive's default delimiter is \u0001, so each line is one value; _SUCCESS and .hidden are skipped.
    expect(rows).toEqual([['2']]);
  });

  it('serves the Glue catalog through ListDataCatalogs, ListDatabases, ListTableMetadata and GetTableMetadata', async () => {
    await ddl(
      "CREATE EXTERNAL TABLE ddltest.meta (a int, b string) PARTITIONED BY (p string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' STORED AS TEXTFILE LOCATION 's3://ddl-data/meta/'",
    );
    expect((await athena.send(new ListDataCatalogsCommand({}))).DataCatalogsSummary).toEqual([{ CatalogName: 'AwsDataCatalog', Type: 'GLUE', Status: 'CREATE_COMPLETE' }]);
    const dbs = await athena.send(new ListDatabasesCommand({ CatalogName: 'AwsDataCatalog' }));
    expect(dbs.DatabaseList!.map((d) => d.Name)).toEqual(expect.arrayContaining(['default', 'ddltest']));
    const list = await athena.send(new ListTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'ddltest' }));
    expect(list.TableMetadataList!.map((t) => t.Name)).toContain('meta');
    const { TableMetadata } = await athena.send(new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'ddltest', TableName: 'meta' }));
    expect(TableMetadata).toMatchObject({
      Name: 'meta',
      TableType: 'EXTERNAL_TABLE',
      Columns: [{ Name: 'a', Type: 'int' }, { Name: 'b', Type: 'string' }],
      PartitionKeys: [{ Name: 'p', Type: 'string' }],
      Parameters: expect.objectContaining({ location: 's3://ddl-data/meta/', 'serde.param.field.delim': '\t', inputformat: 'org.apache.hadoop.mapred.TextInputFormat' }),
    });
    const missing = await athena.send(new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'ddltest', TableName: 'nope' })).catch((e) => e);
    expect(missing.name).toBe('MetadataException');
  });
});

describe('sandbox, through the API', () => {
  const start = (sql: string) =>
    athena.send(new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: 'ddltest' }, ResultConfiguration: { OutputLocation: OUTPUT } }));

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv' not registered"],
    ["SELECT * FROM \"read_csv\"('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv' not registered"],
    ["SELECT * FROM U&\"read\\005Fcsv\"('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv' not registered"],
    ["SELECT * FROM /* x */ read_parquet('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:23: Function 'read_parquet' not registered"],
    ["SELECT * FROM glob('/*')", "FUNCTION_NOT_FOUND: line 1:15: Function 'glob' not registered"],
    ["SELECT read_text('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:8: Function 'read_text' not registered"],
    ["WITH read_csv AS (SELECT 1) SELECT * FROM (SELECT * FROM (SELECT * FROM read_csv('/etc/passwd')))", "FUNCTION_NOT_FOUND: line 1:73: Function 'read_csv' not registered"],
    ["SELECT 1 FROM (VALUES 1) WHERE EXISTS (SELECT * FROM read_json_auto('/etc/passwd'))", "FUNCTION_NOT_FOUND: line 1:54: Function 'read_json_auto' not registered"],
    ["SELECT current_setting('enable_external_access')", "FUNCTION_NOT_FOUND: line 1:8: Function 'current_setting' not registered"],
    ["SELECT * FROM duckdb_secrets()", "FUNCTION_NOT_FOUND: line 1:15: Function 'duckdb_secrets' not registered"],
    ['SET SESSION threads = 1', 'NOT_SUPPORTED: Queries of this type are not supported'],
    ["CALL system.load('x')", 'NOT_SUPPORTED: Queries of this type are not supported'],
  ])('fails %s', async (sql, reason) => {
    const execution = await runQuery(athena, { QueryString: sql, QueryExecutionContext: { Database: 'ddltest' }, ResultConfiguration: { OutputLocation: OUTPUT } });
    expect(execution.Status!.State).toBe('FAILED');
    expect(execution.Status!.StateChangeReason).toBe(reason);
  });

  it.each([
    "COPY (SELECT 1) TO '/tmp/athena-escape.csv'",
    "ATTACH '/tmp/athena-escape.db'",
    'INSTALL httpfs',
    'LOAD httpfs',
    'PRAGMA database_list',
    "EXPORT DATABASE '/tmp/athena-escape'",
    'CREATE MACRO m(a) AS a',
    'SELECT 1; SELECT 2',
    "SELECT 1; COPY (SELECT 1) TO '/tmp/athena-escape.csv'",
    "SELECT 1::varchar",
    'SELECT $1',
    "SELECT * FROM t WHERE x = $$a$$",
  ])('refuses %s at StartQueryExecution with MALFORMED_QUERY', async (sql) => {
    const error = await start(sql).catch((e) => e);
    expect(error).toMatchObject({ name: 'InvalidRequestException', AthenaErrorCode: 'MALFORMED_QUERY' });
    expect(error.message).toMatch(/^line \d+:\d+: /);
    expect(fs.existsSync('/tmp/athena-escape.csv')).toBe(false);
    expect(fs.existsSync('/tmp/athena-escape.db')).toBe(false);
  });
});
