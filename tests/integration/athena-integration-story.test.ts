import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AthenaClient, BatchGetNamedQueryCommand, ListNamedQueriesCommand, ListWorkGroupsCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateFlowLogsCommand, DescribeVpcsCommand, EC2Client, GetFlowLogsIntegrationTemplateCommand } from '@aws-sdk/client-ec2';
import { GetPartitionsCommand, GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFormatUpToVersion } from '../../lib/flow-logs';
import { selectRows } from '../support/athena-helpers';
import { waitForStack } from '../support/cloudformation-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';
import { compareWithOracle, expectedResult, typedRecords } from '../support/predefined-query-oracle';

/**
 * The product's story on local AWS, end to end: flow logs delivered to S3 by EC2 → the integration
 * template from GetFlowLogsIntegrationTemplate → a CloudFormation stack (Glue table + partitions,
 * workgroup, saved queries) → every saved query run through Athena. Text results are checked against
 * an independent computation over the delivered objects themselves; the Parquet table's row count
 * against DuckDB reading the objects under its registered partitions.
 */

let localAws: LocalAwsProcess;
let ec2: EC2Client;
let s3: S3Client;
let cfn: CloudFormationClient;
let glue: GlueClient;
let athena: AthenaClient;

beforeAll(async () => {
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: '2', LOCAL_AWS_FLOW_LOG_RECORDS_PER_WINDOW: '40' } });
  const config = clientConfig(localAws.endpoint);
  ec2 = new EC2Client(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
  cfn = new CloudFormationClient(config);
  glue = new GlueClient(config);
  athena = new AthenaClient(config);
  for (const bucket of ['story-logs', 'story-templates', 'story-results']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
}, 60_000);

afterAll(async () => {
  await localAws?.stop();
});

async function deliveryIdle() {
  for (let i = 0; i < 600; i++) {
    const response = await fetch(`${localAws.endpoint}/_local-aws/flow-log-delivery`);
    const status = (await response.json()) as { running: boolean; pendingWindows: number };
    if (!status.running && status.pendingWindows === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('flow-log delivery did not finish');
}

async function objectsUnder(bucket: string, prefix: string) {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

async function body(bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** Creates the stack GetFlowLogsIntegrationTemplate describes for a flow log; returns its workgroup's saved queries. */
async function integrate(flowLogId: string, stackName: string) {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const yesterday = new Date(today.getTime() - 86_400_000);
  const { Result } = await ec2.send(
    new GetFlowLogsIntegrationTemplateCommand({
      FlowLogId: flowLogId,
      ConfigDeliveryS3DestinationArn: 'arn:aws:s3:::story-templates',
      IntegrateServices: {
        AthenaIntegrations: [
          { IntegrationResultS3DestinationArn: 'arn:aws:s3:::story-results/athena/', PartitionLoadFrequency: 'none', PartitionStartDate: yesterday, PartitionEndDate: today },
        ],
      },
    }),
  );
  await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateURL: Result!, Capabilities: ['CAPABILITY_IAM'] }));
  const stack = await waitForStack(cfn, stackName, 180_000);
  expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
  const { WorkGroups } = await athena.send(new ListWorkGroupsCommand({}));
  const workGroup = WorkGroups!.map((w) => w.Name!).find((name) => name.startsWith(flowLogId.replace('-', '')))!;
  const ids = (await athena.send(new ListNamedQueriesCommand({ WorkGroup: workGroup }))).NamedQueryIds!;
  const { NamedQueries } = await athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids }));
  return { workGroup, queries: NamedQueries! };
}

describe('flow logs → integration stack → saved queries', () => {
  it('answers every saved query over delivered text flow logs as an independent computation over the same objects does', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
    const vpcId = Vpcs![0].VpcId!;
    const format = logFormatUpToVersion(5);
    const created = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: 'arn:aws:s3:::story-logs',
        LogFormat: format,
        DestinationOptions: { FileFormat: 'plain-text' },
      }),
    );
    const flowLogId = created.FlowLogIds![0];
    await deliveryIdle();
    const { workGroup, queries } = await integrate(flowLogId, 'story-text');
    expect(queries).toHaveLength(16);

    const table = queries[0].QueryString!.match(/FROM (\w+)/)![1];
    const database = queries[0].Database!;
    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: table }));
    expect(Partitions!.length).toBeGreaterThanOrEqual(2);

    // The oracle reads the objects under the registered partitions, as Athena should.
    const records: Record<string, string>[] = [];
    const partitionOf: Record<string, string>[] = [];
    let fields: string[] = [];
    for (const partition of Partitions!) {
      const location = partition.StorageDescriptor!.Location!.replace('s3://story-logs/', '');
      for (const key of await objectsUnder('story-logs', location)) {
        const lines = zlib.gunzipSync(await body('story-logs', key)).toString('utf8').trimEnd().split('\n');
        fields = lines[0].split(' ');
        for (const line of lines.slice(1)) {
          const values = line.split(' ');
          records.push(Object.fromEntries(fields.map((f, i) => [f, values[i]])));
          partitionOf.push({ year: partition.Values![0], month: partition.Values![1], day: partition.Values![2] });
        }
      }
    }
    expect(records.length).toBeGreaterThan(100);
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: table }));
    const columns = Table!.StorageDescriptor!.Columns!.map((c) => c.Name!);
    expect(columns).toEqual(fields.map((f) => f.replace(/-/g, '_')));
    const typed = typedRecords(records, fields, false, partitionOf);

    for (const query of queries) {
      const { rows, execution } = await selectRows(athena, { QueryString: query.QueryString!, QueryExecutionContext: { Database: database }, WorkGroup: workGroup });
      expect(execution.ResultConfiguration!.OutputLocation).toMatch(/^s3:\/\/story-results\/athena\/.+\.csv$/);
      const mismatch = compareWithOracle(rows, expectedResult(query.Name!, typed, [...columns, 'year', 'month', 'day']));
      expect(mismatch, query.Name).toBeUndefined();
    }
  });

  it('runs every saved query over delivered Parquet flow logs in the Hive layout, hour partitions and all', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
    const created = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [Vpcs![0].VpcId!],
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: 'arn:aws:s3:::story-logs/parquet/',
        LogFormat: logFormatUpToVersion(5),
        DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
      }),
    );
    const flowLogId = created.FlowLogIds![0];
    await deliveryIdle();
    const { workGroup, queries } = await integrate(flowLogId, 'story-parquet');
    const table = queries[0].QueryString!.match(/FROM (\w+)/)![1];
    const database = queries[0].Database!;

    for (const query of queries) {
      await selectRows(athena, { QueryString: query.QueryString!, QueryExecutionContext: { Database: database }, WorkGroup: workGroup });
    }

    // Row count against DuckDB reading the objects under the registered partitions directly.
    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: table }));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'story-parquet-'));
    const files: string[] = [];
    for (const partition of Partitions!) {
      for (const key of await objectsUnder('story-logs', partition.StorageDescriptor!.Location!.replace('s3://story-logs/', ''))) {
        const file = path.join(tmp, `${files.length}.parquet`);
        fs.writeFileSync(file, await body('story-logs', key));
        files.push(file);
      }
    }
    let expected = 0;
    if (files.length) {
      const duck = await DuckDBInstance.create(':memory:');
      const connection = await duck.connect();
      expected = Number((await connection.runAndReadAll(`SELECT count(*) FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}])`)).getRows()[0][0]);
      connection.closeSync();
      duck.closeSync();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    const { rows } = await selectRows(athena, { QueryString: `SELECT count(*) FROM ${table}`, QueryExecutionContext: { Database: database }, WorkGroup: workGroup });
    expect(rows).toEqual([[String(expected)]]);
    expect(expected).toBeGreaterThan(0);
  });
});
