import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  DeleteWorkGroupCommand,
  GetQueryExecutionCommand,
  GetWorkGroupCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { BatchDeletePartitionCommand, GetDatabaseCommand, GetPartitionsCommand, GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateFlowLogsCommand, DescribeVpcsCommand, EC2Client, GetFlowLogsIntegrationTemplateCommand } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildIntegrationTemplate,
  glueDatabaseName,
  renderTemplateYaml,
  type AthenaIntegration,
  type IntegrationFlowLog,
} from '../../lib/athena-integration';
import { stackEvents, waitForStack } from '../support/cloudformation-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

/**
 * The templates lib/athena-integration generates (what GetFlowLogsIntegrationTemplate returns)
 * deploy here as on AWS: read from S3 by TemplateURL, with CAPABILITY_IAM, the partition loader
 * running as a real Lambda behind the custom resource. Then Glue and Athena hold what the template says.
 */
let localAws: LocalAwsProcess;
let cfn: CloudFormationClient;
let glue: GlueClient;
let athena: AthenaClient;
let s3: S3Client;

beforeAll(async () => {
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_SCHEDULE_INTERVAL_MS: '400' } });
  const config = clientConfig(localAws.endpoint);
  cfn = new CloudFormationClient(config);
  glue = new GlueClient(config);
  athena = new AthenaClient(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'integration-templates' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'flow-logs-bucket' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'flow-logs-analysis' }));
});
afterAll(async () => {
  await localAws?.stop();
});

const RESULTS = 'arn:aws:s3:::flow-logs-analysis/athena-query-results/';

function flowLog(id: string, overrides: Partial<IntegrationFlowLog> = {}): IntegrationFlowLog {
  return { flowLogId: id, logDestination: 'arn:aws:s3:::flow-logs-bucket', accountId: '000000000000', region: 'us-east-1', ...overrides };
}

/** Renders, uploads and deploys a template; returns the finished stack. */
async function deploy(stackName: string, log: IntegrationFlowLog, integrations: AthenaIntegration[]) {
  const yaml = renderTemplateYaml(buildIntegrationTemplate({ flowLog: log, integrations }));
  const key = `VPCFlowLogsIntegrationTemplate_${log.flowLogId}_${stackName} ${new Date().toUTCString()}.yml`;
  await s3.send(new PutObjectCommand({ Bucket: 'integration-templates', Key: key, Body: yaml }));
  await cfn.send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateURL: `https://integration-templates.s3.us-east-1.amazonaws.com/${encodeURIComponent(key)}`,
      Capabilities: ['CAPABILITY_IAM'],
    }),
  );
  const stack = await waitForStack(cfn, stackName, 120_000);
  expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
  return stack;
}

async function partitionValues(database: string, table: string) {
  const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: table }));
  return Partitions!.map((p) => p.Values!.join('/')).sort();
}

describe('generated integration templates', () => {
  it('daily with dates: database, table, six saved queries in the workgroup, one partition per day', async () => {
    const id = 'fl-0af0b31dcb7649c1d';
    const stack = await deploy('integration-daily', flowLog(id), [
      {
        integrationResultS3DestinationArn: RESULTS,
        partitionLoadFrequency: 'daily',
        partitionStartDate: new Date('2021-04-15T00:00:00Z'),
        partitionEndDate: new Date('2021-04-18T00:00:00Z'),
      },
    ]);
    const database = glueDatabaseName(id);
    const table = 'fl0af0b31dcb7649c1ddaily2021041520210418';
    expect((await glue.send(new GetDatabaseCommand({ Name: database }))).Database?.Name).toBe('vpcflowlogsathenadatabasefl0af0b31dcb7649c1d');
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: table }));
    expect(Table?.PartitionKeys?.map((k) => k.Name)).toEqual(['year', 'month', 'day']);
    expect(Table?.StorageDescriptor?.Location).toBe('s3://flow-logs-bucket/AWSLogs/000000000000/vpcflowlogs/us-east-1/');
    expect(Table?.StorageDescriptor?.Columns?.slice(0, 3).map((c) => c.Name)).toEqual(['version', 'account_id', 'interface_id']);
    expect(await partitionValues(database, table)).toEqual(['2021/04/15', '2021/04/16', '2021/04/17', '2021/04/18']);
    const partitions = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: table, Expression: "day = '16'" }));
    expect(partitions.Partitions?.[0].StorageDescriptor?.Location).toBe(
      's3://flow-logs-bucket/AWSLogs/000000000000/vpcflowlogs/us-east-1/2021/04/16/',
    );

    const workGroup = `${table}WorkGroup`;
    const { WorkGroup } = await athena.send(new GetWorkGroupCommand({ WorkGroup: workGroup }));
    expect(WorkGroup).toMatchObject({
      Name: workGroup,
      State: 'ENABLED',
      Description: 'This workgroup has the queries related to vpc flow logs.',
      Configuration: { EnforceWorkGroupConfiguration: true, ResultConfiguration: { OutputLocation: 's3://flow-logs-analysis/athena-query-results/' } },
    });
    const ids = (await athena.send(new ListNamedQueriesCommand({ WorkGroup: workGroup }))).NamedQueryIds!;
    expect(ids).toHaveLength(6);
    const { NamedQueries } = await athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids }));
    expect(NamedQueries?.map((q) => q.Name).sort()).toContain('VpcFlowLogsTotalBytesTransferred');
    expect(NamedQueries?.every((q) => q.Database === database && q.WorkGroup === workGroup && q.QueryString?.includes(table))).toBe(true);

    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'integration-daily' }));
    expect(resources.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'VPCFlowLogsAthenaStartInitializer')).toMatchObject({
      ResourceType: 'Custom::VPCFlowLogsAthenaStartInitializer',
      ResourceStatus: 'CREATE_COMPLETE',
    });
    expect(resources.StackResourceSummaries?.some((r) => r.ResourceType === 'AWS::Events::Rule')).toBe(false);

    // Deleting removes the saved queries first, so the workgroup (with no query history) goes too.
    await cfn.send(new DeleteStackCommand({ StackName: 'integration-daily' }));
    const deleted = await waitForStack(cfn, stack.StackId!, 60_000);
    expect(deleted.StackStatus, deleted.StackStatusReason).toBe('DELETE_COMPLETE');
    await expect(glue.send(new GetDatabaseCommand({ Name: database }))).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    await expect(athena.send(new GetWorkGroupCommand({ WorkGroup: workGroup }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
  });

  it('Parquet, Hive-compatible, per hour, frequency none: hour partitions with Hive values', async () => {
    const id = 'fl-00000000000000hive';
    await deploy(
      'integration-hive',
      flowLog(id, { destinationOptions: { fileFormat: 'parquet', hiveCompatiblePartitions: true, perHourPartition: true } }),
      [
        {
          integrationResultS3DestinationArn: RESULTS,
          partitionLoadFrequency: 'none',
          partitionStartDate: new Date('2021-04-15T00:00:00Z'),
          partitionEndDate: new Date('2021-04-15T00:00:00Z'),
        },
      ],
    );
    const database = glueDatabaseName(id);
    const table = 'fl00000000000000hivenone2021041520210415';
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: table }));
    expect(Table?.PartitionKeys?.map((k) => k.Name)).toEqual(['aws-account-id', 'aws-service', 'aws-region', 'year', 'month', 'day', 'hour']);
    expect(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    const values = await partitionValues(database, table);
    expect(values).toHaveLength(24);
    expect(values[0]).toBe('000000000000/vpcflowlogs/us-east-1/2021/04/15/00');
    const { Partitions } = await glue.send(
      new GetPartitionsCommand({ DatabaseName: database, TableName: table, Expression: "hour = '13'" }),
    );
    expect(Partitions?.[0].StorageDescriptor?.Location).toBe(
      's3://flow-logs-bucket/AWSLogs/aws-account-id=000000000000/aws-service=vpcflowlogs/aws-region=us-east-1/year=2021/month=04/day=15/hour=13/',
    );
  });

  it('plain-layout Parquet by the hour, weekly with dates and weekly on a schedule', async () => {
    const id = 'fl-00000000000weekly';
    const stack = await deploy(
      'integration-weekly',
      flowLog(id, { destinationOptions: { fileFormat: 'parquet', hiveCompatiblePartitions: false, perHourPartition: true } }),
      [
        {
          integrationResultS3DestinationArn: RESULTS,
          partitionLoadFrequency: 'weekly',
          partitionStartDate: new Date('2021-04-12T00:00:00Z'),
          partitionEndDate: new Date('2021-04-13T00:00:00Z'),
        },
        { integrationResultS3DestinationArn: RESULTS, partitionLoadFrequency: 'weekly' },
      ],
    );
    const database = glueDatabaseName(id);
    const dated = 'fl00000000000weeklyweekly2021041220210413';
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: dated }));
    expect(Table?.PartitionKeys?.map((k) => k.Name)).toEqual(['year', 'month', 'day', 'hour']);
    expect(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    expect(Table?.StorageDescriptor?.Location).toBe('s3://flow-logs-bucket/AWSLogs/000000000000/vpcflowlogs/us-east-1/');
    const values = await partitionValues(database, dated);
    expect(values).toHaveLength(48);
    expect([values[0], values.at(-1)]).toEqual(['2021/04/12/00', '2021/04/13/23']);
    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: dated, Expression: "day = '13' AND hour = '05'" }));
    expect(Partitions?.map((p) => p.StorageDescriptor?.Location)).toEqual(['s3://flow-logs-bucket/AWSLogs/000000000000/vpcflowlogs/us-east-1/2021/04/13/05/']);

    // The undated one is loaded from now on and kept current by a weekly rule.
    expect((await partitionValues(database, 'fl00000000000weeklyweekly')).length).toBeGreaterThan(0);
    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'integration-weekly' }));
    expect(resources.StackResourceSummaries?.filter((r) => r.ResourceType === 'AWS::Events::Rule').map((r) => r.LogicalResourceId)).toEqual([
      'VPCFlowLogsAthenaWeeklyPartitionSchedule',
    ]);
    const ids = (await athena.send(new ListNamedQueriesCommand({ WorkGroup: `${dated}WorkGroup` }))).NamedQueryIds!;
    expect(ids).toHaveLength(6);

    await cfn.send(new DeleteStackCommand({ StackName: 'integration-weekly' }));
    expect((await waitForStack(cfn, stack.StackId!, 60_000)).StackStatus).toBe('DELETE_COMPLETE');
  });

  it('several integrations, one undated on a schedule that really adds partitions', async () => {
    const id = 'fl-0000000000000multi';
    const stack = await deploy('integration-multi', flowLog(id), [
      { integrationResultS3DestinationArn: RESULTS, partitionLoadFrequency: 'daily' },
      {
        integrationResultS3DestinationArn: RESULTS,
        partitionLoadFrequency: 'monthly',
        partitionStartDate: new Date('2021-01-01T00:00:00Z'),
        partitionEndDate: new Date('2021-03-31T00:00:00Z'),
      },
    ]);
    const database = glueDatabaseName(id);
    const today = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const todayValues = `${today.getUTCFullYear()}/${pad(today.getUTCMonth() + 1)}/${pad(today.getUTCDate())}`;
    expect(await partitionValues(database, 'fl0000000000000multidaily')).toEqual([todayValues]);
    expect(await partitionValues(database, 'fl0000000000000multimonthly2021010120210331')).toEqual(['2021/01', '2021/02', '2021/03']);
    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'integration-multi' }));
    const rule = resources.StackResourceSummaries?.find((r) => r.ResourceType === 'AWS::Events::Rule');
    expect(rule?.LogicalResourceId).toBe('VPCFlowLogsAthenaDailyPartitionSchedule');
    // The schedule (every 400 ms in this test) runs the same function: a missing partition comes back.
    await glue.send(
      new BatchDeletePartitionCommand({
        DatabaseName: database,
        TableName: 'fl0000000000000multidaily',
        PartitionsToDelete: [{ Values: todayValues.split('/') }],
      }),
    );
    await expect.poll(() => partitionValues(database, 'fl0000000000000multidaily'), { timeout: 30_000, interval: 200 }).toEqual([todayValues]);

    await cfn.send(new DeleteStackCommand({ StackName: 'integration-multi' }));
    expect((await waitForStack(cfn, stack.StackId!, 60_000)).StackStatus).toBe('DELETE_COMPLETE');
  });

  it('refuses to delete a workgroup that holds query history, as AWS does, until it is deleted recursively', async () => {
    const id = 'fl-000000000000history';
    const stack = await deploy('integration-history', flowLog(id), [
      {
        integrationResultS3DestinationArn: RESULTS,
        partitionLoadFrequency: 'none',
        partitionStartDate: new Date('2021-04-15T00:00:00Z'),
        partitionEndDate: new Date('2021-04-15T00:00:00Z'),
      },
    ]);
    const workGroup = 'fl000000000000historynone2021041520210415WorkGroup';
    const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: workGroup }));
    await expect
      .poll(async () => (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution?.Status?.State, {
        timeout: 30_000,
        interval: 100,
      })
      .toMatch(/SUCCEEDED|FAILED/);

    await cfn.send(new DeleteStackCommand({ StackName: 'integration-history' }));
    const failed = await waitForStack(cfn, stack.StackId!, 60_000);
    expect(failed.StackStatus).toBe('DELETE_FAILED');
    expect(failed.StackStatusReason).toBe(`The following resource(s) failed to delete: [${workGroup}]. `);
    const events = await stackEvents(cfn, stack.StackId!);
    expect(events.find((e) => e.ResourceStatus === 'DELETE_FAILED')?.ResourceStatusReason).toContain(`WorkGroup ${workGroup} is not empty`);

    await athena.send(new DeleteWorkGroupCommand({ WorkGroup: workGroup, RecursiveDeleteOption: true }));
    await cfn.send(new DeleteStackCommand({ StackName: stack.StackId }));
    expect((await waitForStack(cfn, stack.StackId!, 60_000)).StackStatus).toBe('DELETE_COMPLETE');
  });

  it('from a flow log: GetFlowLogsIntegrationTemplate, then CreateStack with the URL it returns', async () => {
    const ec2 = new EC2Client(clientConfig(localAws.endpoint));
    const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0].VpcId!;
    const created = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: 'arn:aws:s3:::flow-logs-bucket/from-ec2/',
      }),
    );
    const flowLogId = created.FlowLogIds![0];
    const { Result } = await ec2.send(
      new GetFlowLogsIntegrationTemplateCommand({
        FlowLogId: flowLogId,
        ConfigDeliveryS3DestinationArn: 'arn:aws:s3:::integration-templates/athena-templates',
        IntegrateServices: {
          AthenaIntegrations: [
            {
              IntegrationResultS3DestinationArn: RESULTS,
              PartitionLoadFrequency: 'daily',
              PartitionStartDate: new Date('2024-02-27T00:00:00Z'),
              PartitionEndDate: new Date('2024-03-02T00:00:00Z'),
            },
          ],
        },
      }),
    );
    expect(Result).toMatch(/^https:\/\/integration-templates\.s3\.us-east-1\.amazonaws\.com\//);
    const stackName = `athena-${flowLogId}`;
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateURL: Result, Capabilities: ['CAPABILITY_IAM'] }));
    const stack = await waitForStack(cfn, stackName, 120_000);
    expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');

    const database = glueDatabaseName(flowLogId);
    const table = `${flowLogId.replace('-', '')}daily2024022720240302`;
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: table }));
    expect(Table?.StorageDescriptor?.Location).toBe('s3://flow-logs-bucket/from-ec2/AWSLogs/000000000000/vpcflowlogs/us-east-1/');
    expect(await partitionValues(database, table)).toEqual(['2024/02/27', '2024/02/28', '2024/02/29', '2024/03/01', '2024/03/02']);
    const ids = (await athena.send(new ListNamedQueriesCommand({ WorkGroup: `${table}WorkGroup` }))).NamedQueryIds;
    expect(ids?.length).toBeGreaterThan(0);
    ec2.destroy();
  });
});
