import {
  CreateFlowLogsCommand,
  CreateTagsCommand,
  DeleteFlowLogsCommand,
  DeleteTagsCommand,
  DescribeFlowLogsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type CreateFlowLogsCommandInput,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_FORMAT, logFormatUpToVersion } from '../../lib/flow-logs';
import { expectEc2Error } from '../support/ec2-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

let localAws: LocalAwsProcess;
let ec2: EC2Client;
let vpcId: string;
let subnetIds: string[];
let eniIds: string[];
const BUCKET = 'flow-log-api-tests';

beforeAll(async () => {
  // No backfill: these tests are about the API, not delivery.
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: '0' } });
  ec2 = new EC2Client(clientConfig(localAws.endpoint));
  const s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  s3.destroy();
  vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0].VpcId!;
  subnetIds = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!.map((s) => s.SubnetId!);
  eniIds = (await ec2.send(new DescribeNetworkInterfacesCommand({}))).NetworkInterfaces!.map((e) => e.NetworkInterfaceId!);
});
afterAll(async () => {
  ec2?.destroy();
  await localAws?.stop();
});

const s3FlowLog = (overrides: Partial<CreateFlowLogsCommandInput> = {}): CreateFlowLogsCommandInput => ({
  ResourceType: 'VPC',
  ResourceIds: [vpcId],
  TrafficType: 'ALL',
  LogDestinationType: 's3',
  LogDestination: `arn:aws:s3:::${BUCKET}/${Math.random().toString(36).slice(2)}/`,
  ...overrides,
});

async function describeOne(flowLogId: string) {
  const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [flowLogId] }));
  expect(FlowLogs).toHaveLength(1);
  return FlowLogs![0];
}

describe('CreateFlowLogs', () => {
  it('creates an S3 flow log with defaults and describes it in the AWS shape', async () => {
    const destination = `arn:aws:s3:::${BUCKET}/defaults/`;
    const result = await ec2.send(new CreateFlowLogsCommand(s3FlowLog({ LogDestination: destination, ClientToken: 'defaults-1' })));
    expect(result.Unsuccessful).toEqual([]);
    expect(result.ClientToken).toBe('defaults-1');
    expect(result.FlowLogIds).toHaveLength(1);
    expect(result.FlowLogIds![0]).toMatch(/^fl-0[0-9a-f]{16}$/);
    const flowLog = await describeOne(result.FlowLogIds![0]);
    expect(flowLog).toMatchObject({
      FlowLogId: result.FlowLogIds![0],
      FlowLogStatus: 'ACTIVE',
      DeliverLogsStatus: 'SUCCESS',
      ResourceId: vpcId,
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: destination,
      LogFormat: DEFAULT_LOG_FORMAT,
      MaxAggregationInterval: 600,
      DestinationOptions: { FileFormat: 'plain-text', HiveCompatiblePartitions: false, PerHourPartition: false },
      Tags: [],
    });
    expect(flowLog.CreationTime).toBeInstanceOf(Date);
    expect(Math.abs(flowLog.CreationTime!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('takes a custom format, 60 s interval, Parquet, Hive and hourly partitions, and tags', async () => {
    const format = logFormatUpToVersion(8);
    const result = await ec2.send(
      new CreateFlowLogsCommand(
        s3FlowLog({
          ResourceType: 'Subnet',
          ResourceIds: [subnetIds[0]],
          TrafficType: 'REJECT',
          LogFormat: format,
          MaxAggregationInterval: 60,
          DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
          TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'Name', Value: 'rejects' }, { Key: 'env', Value: 'test' }] }],
        }),
      ),
    );
    const flowLog = await describeOne(result.FlowLogIds![0]);
    expect(flowLog).toMatchObject({
      ResourceId: subnetIds[0],
      TrafficType: 'REJECT',
      LogFormat: format,
      MaxAggregationInterval: 60,
      DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
      Tags: [
        { Key: 'Name', Value: 'rejects' },
        { Key: 'env', Value: 'test' },
      ],
    });
  });

  it('creates one flow log per resource and reports unknown resources in Unsuccessful', async () => {
    const result = await ec2.send(
      new CreateFlowLogsCommand(
        s3FlowLog({ ResourceType: 'NetworkInterface', ResourceIds: [eniIds[0], 'eni-0aaaaaaaaaaaaaaaa', eniIds[1]] }),
      ),
    );
    expect(result.FlowLogIds).toHaveLength(2);
    expect(result.Unsuccessful).toEqual([
      {
        Error: { Code: 'InvalidNetworkInterfaceID.NotFound', Message: "The networkInterface ID 'eni-0aaaaaaaaaaaaaaaa' does not exist" },
        ResourceId: 'eni-0aaaaaaaaaaaaaaaa',
      },
    ]);
    const vpcMiss = await ec2.send(new CreateFlowLogsCommand(s3FlowLog({ ResourceIds: ['vpc-0123456789abcdef0'] })));
    expect(vpcMiss.FlowLogIds).toEqual([]);
    expect(vpcMiss.Unsuccessful).toEqual([
      { Error: { Code: 'InvalidVpcID.NotFound', Message: "The vpc ID 'vpc-0123456789abcdef0' does not exist" }, ResourceId: 'vpc-0123456789abcdef0' },
    ]);
    const subnetMiss = await ec2.send(new CreateFlowLogsCommand(s3FlowLog({ ResourceType: 'Subnet', ResourceIds: [vpcId] })));
    expect(subnetMiss.Unsuccessful![0].Error!.Code).toBe('InvalidSubnetID.NotFound');
  });

  it('reports a bucket that does not exist per resource, as EC2 does', async () => {
    const result = await ec2.send(new CreateFlowLogsCommand(s3FlowLog({ LogDestination: 'arn:aws:s3:::no-such-bucket-here/logs/' })));
    expect(result.FlowLogIds).toEqual([]);
    expect(result.Unsuccessful).toEqual([
      { Error: { Code: '400', Message: 'LogDestination: no-such-bucket-here does not exist' }, ResourceId: vpcId },
    ]);
  });

  it('refuses a second flow log with the same configuration and destination', async () => {
    const input = s3FlowLog({ ResourceType: 'Subnet', ResourceIds: [subnetIds[1]] });
    await ec2.send(new CreateFlowLogsCommand(input));
    const again = await ec2.send(new CreateFlowLogsCommand(input));
    expect(again.Unsuccessful).toEqual([
      {
        Error: { Code: 'FlowLogAlreadyExists', Message: 'Error. There is an existing Flow Log with the same configuration and log destination.' },
        ResourceId: subnetIds[1],
      },
    ]);
  });

  it('replays the first answer for a repeated ClientToken and refuses it with other parameters', async () => {
    const input = s3FlowLog({ ResourceType: 'NetworkInterface', ResourceIds: [eniIds[2]], ClientToken: 'token-replay' });
    const first = await ec2.send(new CreateFlowLogsCommand(input));
    const second = await ec2.send(new CreateFlowLogsCommand(input));
    expect(second.FlowLogIds).toEqual(first.FlowLogIds);
    expect(second.ClientToken).toBe('token-replay');
    const all = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [eniIds[2]] }] }));
    expect(all.FlowLogs).toHaveLength(1);
    await expectEc2Error(ec2.send(new CreateFlowLogsCommand({ ...input, TrafficType: 'ACCEPT' })), 'IdempotentParameterMismatch');
  });

  it.each([
    ['a trailing space', { LogFormat: `${DEFAULT_LOG_FORMAT} ` }, 'InvalidParameterValue', `1 validation error detected: Value '${DEFAULT_LOG_FORMAT} ' at 'logFormat' has an invalid format`],
    ['an empty format', { LogFormat: '' }, 'InvalidParameterValue', "1 validation error detected: Value '' at 'logFormat' has an invalid format"],
    ['an unknown field', { LogFormat: '${version} ${colour}' }, 'InvalidParameter', 'Unknown fields provided in LogFormat: ${colour}'],
    ['the reserved AWSLogs folder', { LogDestination: `arn:aws:s3:::${BUCKET}/AWSLogs/` }, 'InvalidParameter', /AWSLogs is a reserved term/],
    ['a destination that is not an S3 ARN', { LogDestination: `s3://${BUCKET}/` }, 'InvalidParameter', /not a valid S3 bucket ARN/],
    ['no destination', { LogDestination: undefined }, 'InvalidParameter', /LogDestination is required/],
    ['an IAM role for S3', { DeliverLogsPermissionArn: 'arn:aws:iam::000000000000:role/x' }, 'InvalidParameter', 'DeliverLogsPermissionArn is not applicable for s3 delivery'],
    ['an interval of 300 s', { MaxAggregationInterval: 300 }, 'InvalidParameterValue', /MaxAggregationInterval/],
    ['a bad traffic type', { TrafficType: 'SOME' as 'ALL' }, 'InvalidParameterValue', /TrafficType/],
    ['no traffic type', { TrafficType: undefined }, 'MissingParameter', 'The request must contain the parameter TrafficType'],
    ['a bad resource type', { ResourceType: 'Instance' as 'VPC' }, 'InvalidParameterValue', /ResourceType/],
    ['a bad file format', { DestinationOptions: { FileFormat: 'csv' as 'parquet' } }, 'InvalidParameterValue', /FileFormat/],
    ['a tag spec for another type', { TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] }, 'InvalidParameterValue', "'vpc' is not a valid taggable resource type for this operation."],
    ['DryRun', { DryRun: true }, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.'],
  ] as const)('rejects %s', async (_label, overrides, code, message) => {
    await expectEc2Error(ec2.send(new CreateFlowLogsCommand(s3FlowLog(overrides as Partial<CreateFlowLogsCommandInput>))), code, message);
  });

  it('accepts a CloudWatch Logs flow log but reports that local AWS cannot deliver it', async () => {
    const result = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogGroupName: 'my-flow-logs',
        DeliverLogsPermissionArn: 'arn:aws:iam::000000000000:role/flow-logs',
      }),
    );
    const flowLog = await describeOne(result.FlowLogIds![0]);
    expect(flowLog).toMatchObject({
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: 'my-flow-logs',
      LogDestination: 'arn:aws:logs:us-east-1:000000000000:log-group:my-flow-logs',
      DeliverLogsPermissionArn: 'arn:aws:iam::000000000000:role/flow-logs',
      DeliverLogsStatus: 'FAILED',
      FlowLogStatus: 'ACTIVE',
    });
    expect(flowLog.DeliverLogsErrorMessage).toMatch(/no CloudWatch Logs/);
    expect(flowLog.DestinationOptions).toBeUndefined();
    await expectEc2Error(
      ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogGroupName: 'x' })),
      'InvalidParameter',
      /DeliverLogsPermissionArn is required/,
    );
  });
});

describe('DescribeFlowLogs', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = [];
    for (const [i, trafficType] of (['ACCEPT', 'REJECT', 'ALL', 'ACCEPT', 'REJECT', 'ALL', 'ALL'] as const).entries()) {
      const result = await ec2.send(
        new CreateFlowLogsCommand(
          s3FlowLog({
            LogDestination: `arn:aws:s3:::${BUCKET}/describe-${i}/`,
            TrafficType: trafficType,
            TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'suite', Value: 'describe' }, { Key: 'n', Value: String(i) }] }],
          }),
        ),
      );
      ids.push(result.FlowLogIds![0]);
    }
  });

  const list = async (Filter: { Name: string; Values: string[] }[]) =>
    (await ec2.send(new DescribeFlowLogsCommand({ Filter }))).FlowLogs!.map((f) => f.FlowLogId).sort();

  it('filters by every documented filter', async () => {
    expect(await list([{ Name: 'tag:suite', Values: ['describe'] }])).toEqual([...ids].sort());
    expect(await list([{ Name: 'tag:suite', Values: ['describe'] }, { Name: 'traffic-type', Values: ['REJECT'] }])).toEqual([ids[1], ids[4]].sort());
    expect(await list([{ Name: 'tag:n', Values: ['1', '2'] }])).toEqual([ids[1], ids[2]].sort());
    expect(await list([{ Name: 'flow-log-id', Values: [ids[3]] }])).toEqual([ids[3]]);
    expect(await list([{ Name: 'tag-key', Values: ['suite'] }])).toHaveLength(7);
    expect((await list([{ Name: 'resource-id', Values: [vpcId] }])).length).toBeGreaterThanOrEqual(7);
    expect(await list([{ Name: 'log-destination-type', Values: ['cloud-watch-logs'] }, { Name: 'tag:suite', Values: ['describe'] }])).toEqual([]);
    expect((await list([{ Name: 'deliver-log-status', Values: ['SUCCESS'] }])).length).toBeGreaterThanOrEqual(7);
    expect((await list([{ Name: 'log-group-name', Values: ['my-flow-logs'] }])).length).toBeLessThanOrEqual(1);
    await expectEc2Error(ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'bogus', Values: ['x'] }] })), 'InvalidParameterValue');
  });

  it('selects by FlowLogId, ignoring ids that do not exist', async () => {
    const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [ids[0], 'fl-0000000000000000a'] }));
    expect(FlowLogs!.map((f) => f.FlowLogId)).toEqual([ids[0]]);
  });

  it('pages with MaxResults and NextToken without skipping or repeating', async () => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'tag:suite', Values: ['describe'] }], MaxResults: 5, NextToken }));
      seen.push(...page.FlowLogs!.map((f) => f.FlowLogId!));
      NextToken = page.NextToken;
      pages += 1;
    } while (NextToken);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([...ids].sort());
    await expectEc2Error(ec2.send(new DescribeFlowLogsCommand({ MaxResults: 4 })), 'InvalidParameterValue');
    await expectEc2Error(ec2.send(new DescribeFlowLogsCommand({ MaxResults: 1001 })), 'InvalidParameterValue');
    await expectEc2Error(ec2.send(new DescribeFlowLogsCommand({ NextToken: 'not-a-token' })), 'InvalidPaginationToken');
  });

  it('keeps flow logs per region', async () => {
    const west = new EC2Client(clientConfig(localAws.endpoint, 'eu-west-1'));
    const { FlowLogs } = await west.send(new DescribeFlowLogsCommand({}));
    west.destroy();
    expect(FlowLogs).toEqual([]);
  });
});

describe('tags on flow logs', () => {
  it('adds, overwrites and removes tags', async () => {
    const { FlowLogIds } = await ec2.send(new CreateFlowLogsCommand(s3FlowLog()));
    const id = FlowLogIds![0];
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: 'one' }, { Key: 'owner', Value: 'me' }] }));
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: 'two' }] }));
    expect((await describeOne(id)).Tags).toEqual([
      { Key: 'Name', Value: 'two' },
      { Key: 'owner', Value: 'me' },
    ]);
    await ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'owner', Value: 'me' }] }));
    expect((await describeOne(id)).Tags).toEqual([{ Key: 'Name', Value: 'two' }]);
    await ec2.send(new DeleteTagsCommand({ Resources: [id] }));
    expect((await describeOne(id)).Tags).toEqual([]);
    await expectEc2Error(
      ec2.send(new CreateTagsCommand({ Resources: ['fl-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })),
      'InvalidFlowLogId.NotFound',
      "The flow log ID 'fl-0123456789abcdef0' does not exist",
    );
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectEc2Error(ec2.send(new CreateTagsCommand({ Resources: [id], Tags: tooMany })), 'TagLimitExceeded');
  });
});

describe('DeleteFlowLogs', () => {
  it('deletes known ids and reports unknown ones one by one', async () => {
    const { FlowLogIds } = await ec2.send(new CreateFlowLogsCommand(s3FlowLog({ ResourceType: 'Subnet', ResourceIds: subnetIds })));
    expect(FlowLogIds).toHaveLength(2);
    const result = await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [FlowLogIds![0], 'fl-0000000000000000b', FlowLogIds![1]] }));
    expect(result.Unsuccessful).toEqual([
      { Error: { Code: 'InvalidFlowLogId.NotFound', Message: "The flow log ID 'fl-0000000000000000b' does not exist" }, ResourceId: 'fl-0000000000000000b' },
    ]);
    const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds }));
    expect(FlowLogs).toEqual([]);
    const again = await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [FlowLogIds![0]] }));
    expect(again.Unsuccessful![0].Error!.Code).toBe('InvalidFlowLogId.NotFound');
    await expectEc2Error(ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [] })), 'MissingParameter');
    await expectEc2Error(ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [FlowLogIds![0]], DryRun: true })), 'DryRunOperation');
  });

  it('keeps the flow logs of other regions out of reach', async () => {
    const { FlowLogIds } = await ec2.send(new CreateFlowLogsCommand(s3FlowLog()));
    const west = new EC2Client(clientConfig(localAws.endpoint, 'eu-west-1'));
    const result = await west.send(new DeleteFlowLogsCommand({ FlowLogIds }));
    west.destroy();
    expect(result.Unsuccessful![0].Error!.Code).toBe('InvalidFlowLogId.NotFound');
    expect(await describeOne(FlowLogIds![0])).toBeDefined();
  });
});
