import {
  BatchCreatePartitionCommand,
  BatchDeletePartitionCommand,
  CreateDatabaseCommand,
  CreatePartitionCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand,
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetPartitionCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
  UpdateTableCommand,
  paginateGetPartitions,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

let localAws: LocalAwsProcess;
let glue: GlueClient;

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  glue = new GlueClient(clientConfig(localAws.endpoint));
});
afterAll(async () => {
  await localAws?.stop();
});

const storage = {
  Columns: [
    { Name: 'srcaddr', Type: 'string' },
    { Name: 'bytes', Type: 'bigint', Comment: 'bytes in the flow' },
  ],
  Location: 's3://flow-logs/AWSLogs/000000000000/vpcflowlogs/us-east-1/',
  InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
  Compressed: false,
  SerdeInfo: {
    SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
    Parameters: { 'field.delim': ' ', 'serialization.format': ' ' },
  },
};

async function createTable(database: string, table: string) {
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: database, Description: 'flow logs' } }));
  await glue.send(
    new CreateTableCommand({
      DatabaseName: database,
      TableInput: {
        Name: table,
        TableType: 'EXTERNAL_TABLE',
        Parameters: { EXTERNAL: 'true', 'skip.header.line.count': '1' },
        PartitionKeys: [
          { Name: 'year', Type: 'string' },
          { Name: 'month', Type: 'string' },
          { Name: 'day', Type: 'int' },
        ],
        StorageDescriptor: storage,
      },
    }),
  );
}

function partition(year: string, month: string, day: string) {
  return { Values: [year, month, day], StorageDescriptor: { ...storage, Location: `${storage.Location}${year}/${month}/${day}/` } };
}

describe('Glue databases and tables', () => {
  it('creates, reads, lists and deletes databases and tables in the Glue shapes', async () => {
    await createTable('FlowDb1', 'Logs');
    const { Database } = await glue.send(new GetDatabaseCommand({ Name: 'flowdb1' }));
    expect(Database).toMatchObject({ Name: 'flowdb1', Description: 'flow logs', CatalogId: '000000000000' });
    expect(Database?.CreateTime).toBeInstanceOf(Date);
    expect(Math.abs(Database!.CreateTime!.getTime() - Date.now())).toBeLessThan(60_000);

    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: 'FLOWDB1', Name: 'logs' }));
    expect(Table).toMatchObject({
      Name: 'logs',
      DatabaseName: 'flowdb1',
      TableType: 'EXTERNAL_TABLE',
      Parameters: { EXTERNAL: 'true', 'skip.header.line.count': '1' },
      PartitionKeys: [{ Name: 'year', Type: 'string' }, { Name: 'month', Type: 'string' }, { Name: 'day', Type: 'int' }],
      StorageDescriptor: storage,
    });
    expect(Table?.UpdateTime).toBeInstanceOf(Date);

    const { DatabaseList } = await glue.send(new GetDatabasesCommand({}));
    expect(DatabaseList?.map((d) => d.Name)).toContain('flowdb1');

    await glue.send(
      new UpdateTableCommand({
        DatabaseName: 'flowdb1',
        TableInput: { Name: 'logs', Description: 'updated', StorageDescriptor: storage, PartitionKeys: Table!.PartitionKeys },
      }),
    );
    const updated = await glue.send(new GetTableCommand({ DatabaseName: 'flowdb1', Name: 'logs' }));
    expect(updated.Table?.Description).toBe('updated');
    expect(updated.Table?.CreateTime).toEqual(Table?.CreateTime);

    await glue.send(new DeleteTableCommand({ DatabaseName: 'flowdb1', Name: 'logs' }));
    await expect(glue.send(new GetTableCommand({ DatabaseName: 'flowdb1', Name: 'logs' }))).rejects.toMatchObject({
      name: 'EntityNotFoundException',
      message: 'Table logs not found.',
    });
    await glue.send(new DeleteDatabaseCommand({ Name: 'flowdb1' }));
    await expect(glue.send(new GetDatabaseCommand({ Name: 'flowdb1' }))).rejects.toMatchObject({
      name: 'EntityNotFoundException',
      message: 'Database flowdb1 not found.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers duplicates and bad input with Glue error codes', async () => {
    await createTable('dupdb', 'dup');
    await expect(glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'dupdb' } }))).rejects.toMatchObject({
      name: 'AlreadyExistsException',
      message: 'Database already exists.',
    });
    await expect(glue.send(new CreateTableCommand({ DatabaseName: 'dupdb', TableInput: { Name: 'dup' } }))).rejects.toMatchObject({
      name: 'AlreadyExistsException',
      message: 'Table already exists.',
    });
    await expect(glue.send(new CreateTableCommand({ DatabaseName: 'nodb', TableInput: { Name: 't' } }))).rejects.toMatchObject({
      name: 'EntityNotFoundException',
      message: 'Database nodb not found.',
    });
    await expect(glue.send(new GetTableCommand({ DatabaseName: 'dupdb', Name: '' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });

  it('filters GetTables by a name pattern', async () => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'patterns' } }));
    for (const name of ['fl_daily', 'fl_weekly', 'other']) {
      await glue.send(new CreateTableCommand({ DatabaseName: 'patterns', TableInput: { Name: name } }));
    }
    const names = async (Expression?: string) =>
      (await glue.send(new GetTablesCommand({ DatabaseName: 'patterns', Expression }))).TableList?.map((t) => t.Name);
    expect(await names()).toEqual(['fl_daily', 'fl_weekly', 'other']);
    expect(await names('fl_*')).toEqual(['fl_daily', 'fl_weekly']);
    expect(await names('other|*daily')).toEqual(['fl_daily', 'other']);
  });
});

describe('Glue partitions', () => {
  beforeAll(async () => {
    await createTable('partdb', 'flows');
  });

  it('creates one partition, then reports duplicates per entry in BatchCreatePartition', async () => {
    await glue.send(new CreatePartitionCommand({ DatabaseName: 'partdb', TableName: 'flows', PartitionInput: partition('2021', '04', '15') }));
    await expect(
      glue.send(new CreatePartitionCommand({ DatabaseName: 'partdb', TableName: 'flows', PartitionInput: partition('2021', '04', '15') })),
    ).rejects.toMatchObject({ name: 'AlreadyExistsException', message: 'Partition already exists.' });

    const result = await glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: 'partdb',
        TableName: 'flows',
        PartitionInputList: [
          partition('2021', '04', '15'),
          partition('2021', '04', '16'),
          partition('2021', '05', '01'),
          partition('2022', '01', '09'),
          { Values: ['2022', '01'] },
        ],
      }),
    );
    expect(result.Errors).toHaveLength(2);
    expect(result.Errors?.[0]).toEqual({
      PartitionValues: ['2021', '04', '15'],
      ErrorDetail: { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'Partition already exists.' },
    });
    expect(result.Errors?.[1]).toMatchObject({ PartitionValues: ['2022', '01'], ErrorDetail: { ErrorCode: 'InvalidInputException' } });

    const { Partition } = await glue.send(
      new GetPartitionCommand({ DatabaseName: 'partdb', TableName: 'flows', PartitionValues: ['2021', '04', '16'] }),
    );
    expect(Partition).toMatchObject({
      Values: ['2021', '04', '16'],
      DatabaseName: 'partdb',
      TableName: 'flows',
      StorageDescriptor: { Location: `${storage.Location}2021/04/16/` },
    });
    expect(Partition?.CreationTime).toBeInstanceOf(Date);
    await expect(
      glue.send(new GetPartitionCommand({ DatabaseName: 'partdb', TableName: 'flows', PartitionValues: ['1999', '01', '01'] })),
    ).rejects.toMatchObject({ name: 'EntityNotFoundException', message: 'Cannot find partition.' });
  });

  it('filters GetPartitions with Glue partition predicates', async () => {
    const values = async (Expression?: string) =>
      (await glue.send(new GetPartitionsCommand({ DatabaseName: 'partdb', TableName: 'flows', Expression }))).Partitions!.map((p) =>
        p.Values!.join('-'),
      ).sort();
    expect(await values()).toEqual(['2021-04-15', '2021-04-16', '2021-05-01', '2022-01-09']);
    expect(await values('')).toHaveLength(4);
    expect(await values("year = '2021' AND month = '04'")).toEqual(['2021-04-15', '2021-04-16']);
    expect(await values("year <> '2021'")).toEqual(['2022-01-09']);
    expect(await values('day > 9')).toEqual(['2021-04-15', '2021-04-16']);
    expect(await values('day >= 9 AND day <= 15')).toEqual(['2021-04-15', '2022-01-09']);
    expect(await values("month IN ('05', '01')")).toEqual(['2021-05-01', '2022-01-09']);
    expect(await values('day BETWEEN 1 AND 9')).toEqual(['2021-05-01', '2022-01-09']);
    expect(await values("year LIKE '20%' AND NOT (month = '04' OR day < 5)")).toEqual(['2022-01-09']);
    expect(await values("(year = '2022') OR (month = '05')")).toEqual(['2021-05-01', '2022-01-09']);
    await expect(
      glue.send(new GetPartitionsCommand({ DatabaseName: 'partdb', TableName: 'flows', Expression: "hour = '01'" })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(
      glue.send(new GetPartitionsCommand({ DatabaseName: 'partdb', TableName: 'flows', Expression: "year = '2021" })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('splits GetPartitions into disjoint segments that together hold every partition', async () => {
    const segment = async (SegmentNumber: number, TotalSegments: number) =>
      (await glue.send(new GetPartitionsCommand({ DatabaseName: 'partdb', TableName: 'flows', Segment: { SegmentNumber, TotalSegments } }))).Partitions!.map(
        (p) => p.Values!.join('-'),
      );
    for (const total of [1, 2, 3, 10]) {
      const parts = await Promise.all(Array.from({ length: total }, (_, n) => segment(n, total)));
      expect(parts.flat().sort()).toEqual(['2021-04-15', '2021-04-16', '2021-05-01', '2022-01-09']);
    }
    // A partition added between two readers' calls moves no other partition to another segment.
    const before = await Promise.all([0, 1, 2].map((n) => segment(n, 3)));
    await glue.send(new CreatePartitionCommand({ DatabaseName: 'partdb', TableName: 'flows', PartitionInput: { Values: ['2021', '04', '15a'] } }));
    const after = await Promise.all([0, 1, 2].map((n) => segment(n, 3)));
    for (const [n, old] of before.entries()) expect(after[n].filter((v) => v !== '2021-04-15a')).toEqual(old);
    await glue.send(new BatchDeletePartitionCommand({ DatabaseName: 'partdb', TableName: 'flows', PartitionsToDelete: [{ Values: ['2021', '04', '15a'] }] }));
    await expect(segment(2, 2)).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(segment(0, 11)).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('pages GetPartitions and deletes in batches with per-entry errors', async () => {
    const pages: number[] = [];
    for await (const page of paginateGetPartitions({ client: glue, pageSize: 3 }, { DatabaseName: 'partdb', TableName: 'flows' })) {
      pages.push(page.Partitions!.length);
    }
    expect(pages).toEqual([3, 1]);

    const result = await glue.send(
      new BatchDeletePartitionCommand({
        DatabaseName: 'partdb',
        TableName: 'flows',
        PartitionsToDelete: [{ Values: ['2021', '04', '15'] }, { Values: ['1999', '01', '01'] }],
      }),
    );
    expect(result.Errors).toEqual([
      { PartitionValues: ['1999', '01', '01'], ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Cannot find partition.' } },
    ]);
    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: 'partdb', TableName: 'flows' }));
    expect(Partitions).toHaveLength(3);
  });
});
