import { AthenaClient, BatchGetNamedQueryCommand, ListNamedQueriesCommand, ListWorkGroupsCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateFlowLogsCommand,
  DeleteFlowLogsCommand,
  DescribeFlowLogsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetFlowLogsIntegrationTemplateCommand,
  type FlowLog,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { logFormatUpToVersion, type FlowLogFileFormat } from '../../lib/flow-logs';
import type { FlowLogRecord } from '../../server/local-aws/services/ec2/ec2-store';

/** SDK clients against one endpoint, with static credentials (local AWS accepts any key). */
export function clients(endpoint: string) {
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIABENCHLOCALAWS', secretAccessKey: 'bench' }, maxAttempts: 1 };
  return {
    ec2: new EC2Client(config),
    s3: new S3Client({ ...config, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    cfn: new CloudFormationClient(config),
    athena: new AthenaClient(config),
  };
}
export type Clients = ReturnType<typeof clients>;

export const BUCKETS = { logs: 'bench-flow-logs', results: 'bench-athena-results', templates: 'bench-integration-templates' };

/** Every field up to version 5: the format that gets all sixteen predefined queries. */
export const BENCH_LOG_FORMAT = logFormatUpToVersion(5);

export async function createBuckets(c: Clients) {
  for (const bucket of Object.values(BUCKETS)) await c.s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** A VPC flow log of the demo VPC to S3 with every v5 field; returned as delivery stores it. */
export async function createBenchFlowLog(c: Clients, fileFormat: FlowLogFileFormat): Promise<FlowLogRecord> {
  const vpcId = (await c.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0].VpcId!;
  const created = await c.ec2.send(
    new CreateFlowLogsCommand({
      ResourceType: 'VPC',
      ResourceIds: [vpcId],
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: `arn:aws:s3:::${BUCKETS.logs}`,
      LogFormat: BENCH_LOG_FORMAT,
      DestinationOptions: { FileFormat: fileFormat, HiveCompatiblePartitions: false, PerHourPartition: false },
    }),
  );
  if (created.Unsuccessful?.length) throw new Error(`CreateFlowLogs: ${JSON.stringify(created.Unsuccessful)}`);
  const { FlowLogs } = await c.ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: created.FlowLogIds }));
  return flowLogRecord(FlowLogs![0]);
}

function flowLogRecord(f: FlowLog): FlowLogRecord {
  const creationTime = f.CreationTime ?? new Date();
  return {
    flowLogId: f.FlowLogId!,
    region: 'us-east-1',
    accountId: '000000000000',
    resourceId: f.ResourceId!,
    trafficType: f.TrafficType as FlowLogRecord['trafficType'],
    logDestinationType: 's3',
    logDestination: f.LogDestination,
    logFormat: f.LogFormat!,
    maxAggregationInterval: (f.MaxAggregationInterval ?? 600) as 60 | 600,
    destinationOptions: {
      fileFormat: (f.DestinationOptions?.FileFormat ?? 'plain-text') as FlowLogFileFormat,
      hiveCompatiblePartitions: f.DestinationOptions?.HiveCompatiblePartitions ?? false,
      perHourPartition: f.DestinationOptions?.PerHourPartition ?? false,
    },
    deliverLogsStatus: 'SUCCESS',
    creationTime,
    deliverFrom: Math.floor(creationTime.getTime() / 1000 / 300) * 300,
  };
}

export async function deleteFlowLog(c: Clients, flowLogId: string) {
  await c.ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [flowLogId] }));
}

export interface DeployedIntegration {
  stackName: string;
  workGroup: string;
  database: string;
  table: string;
  /** The workgroup's saved queries (the predefined ones), by name. */
  queries: { name: string; sql: string }[];
  seconds: number;
}

/** GetFlowLogsIntegrationTemplate → CreateStack from its URL → CREATE_COMPLETE; then what the stack made. */
export async function deployIntegration(c: Clients, flowLogId: string, firstDay: Date, lastDay: Date): Promise<DeployedIntegration> {
  const started = performance.now();
  const { Result } = await c.ec2.send(
    new GetFlowLogsIntegrationTemplateCommand({
      FlowLogId: flowLogId,
      ConfigDeliveryS3DestinationArn: `arn:aws:s3:::${BUCKETS.templates}/`,
      IntegrateServices: {
        AthenaIntegrations: [
          {
            IntegrationResultS3DestinationArn: `arn:aws:s3:::${BUCKETS.results}/`,
            PartitionLoadFrequency: 'daily',
            PartitionStartDate: firstDay,
            PartitionEndDate: lastDay,
          },
        ],
      },
    }),
  );
  const stackName = 'vpc-flow-logs-bench';
  await c.cfn.send(new CreateStackCommand({ StackName: stackName, TemplateURL: Result!, Capabilities: ['CAPABILITY_IAM'] }));
  const deadline = Date.now() + 300_000;
  for (;;) {
    const stack = (await c.cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0];
    if (stack.StackStatus === 'CREATE_COMPLETE') break;
    if (!stack.StackStatus?.endsWith('_IN_PROGRESS') || Date.now() > deadline) {
      throw new Error(`stack ${stackName}: ${stack.StackStatus} ${stack.StackStatusReason ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const workGroups = (await c.athena.send(new ListWorkGroupsCommand({}))).WorkGroups ?? [];
  const workGroup = workGroups.map((w) => w.Name!).find((name) => name !== 'primary');
  if (!workGroup) throw new Error('the stack made no workgroup');
  const ids = (await c.athena.send(new ListNamedQueriesCommand({ WorkGroup: workGroup }))).NamedQueryIds ?? [];
  const named = (await c.athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids }))).NamedQueries ?? [];
  const queries = named.map((q) => ({ name: q.Name!, sql: q.QueryString! })).sort((a, b) => a.name.localeCompare(b.name));
  const database = named[0]?.Database ?? '';
  const table = workGroup.replace(/WorkGroup$/, '');
  return { stackName, workGroup, database, table, queries, seconds: (performance.now() - started) / 1000 };
}
