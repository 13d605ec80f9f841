import { DeleteFlowLogsCommand, DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFormatUpToVersion } from '../../lib/flow-logs';
import { DEMO_TAG_KEY, seedDemoData } from '../../server/local-aws/seed/demo-seed';
import { waitForDeliveryIdle } from '../support/ec2-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

let localAws: LocalAwsProcess;
const clients = () => ({ ec2: new EC2Client(clientConfig(localAws.endpoint)), s3: new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true }) });

beforeAll(async () => {
  // Seeding on: a new data dir gets the demo data on first start.
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_SEED: '', LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: '1', LOCAL_AWS_FLOW_LOG_RECORDS_PER_WINDOW: '20' } });
});
afterAll(async () => {
  await localAws?.stop();
});

async function demoFlowLogs(ec2: EC2Client) {
  const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'tag-key', Values: [DEMO_TAG_KEY] }] }));
  return FlowLogs!;
}

describe('demo data', () => {
  it('is created on first start: buckets, two flow logs with history', async () => {
    const { ec2, s3 } = clients();
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets!.map((b) => b.Name)).toEqual(expect.arrayContaining(['demo-flow-logs-000000000000', 'demo-athena-results-000000000000']));
    const flowLogs = await demoFlowLogs(ec2);
    expect(flowLogs).toHaveLength(2);
    const text = flowLogs.find((f) => f.DestinationOptions?.FileFormat === 'plain-text')!;
    const parquet = flowLogs.find((f) => f.DestinationOptions?.FileFormat === 'parquet')!;
    expect(text.LogFormat).toBe(logFormatUpToVersion(2));
    expect(text.Tags).toContainEqual({ Key: 'Name', Value: 'demo-vpc-default-format' });
    expect(parquet).toMatchObject({
      LogFormat: logFormatUpToVersion(5),
      DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
      LogDestination: 'arn:aws:s3:::demo-flow-logs-000000000000/parquet/',
    });
    await waitForDeliveryIdle(localAws.endpoint);
    const plainFiles = await s3.send(new ListObjectsV2Command({ Bucket: 'demo-flow-logs-000000000000', Prefix: 'AWSLogs/000000000000/vpcflowlogs/us-east-1/' }));
    const hiveFiles = await s3.send(new ListObjectsV2Command({ Bucket: 'demo-flow-logs-000000000000', Prefix: 'parquet/AWSLogs/aws-account-id=000000000000/' }));
    expect(plainFiles.KeyCount).toBeGreaterThanOrEqual(12);
    expect(hiveFiles.KeyCount).toBeGreaterThanOrEqual(12);
    ec2.destroy();
    s3.destroy();
  });

  it('re-seeding keeps what exists and only restores what is missing', async () => {
    const { ec2 } = clients();
    const again = await seedDemoData({ endpoint: localAws.endpoint, region: 'us-east-1' });
    expect(again.every((line) => line.includes('kept'))).toBe(true);
    expect(await demoFlowLogs(ec2)).toHaveLength(2);

    const [first] = await demoFlowLogs(ec2);
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [first.FlowLogId!] }));
    // A restart of an existing data dir does not seed again.
    ec2.destroy();
    localAws = await localAws.restart();
    const { ec2: ec2After } = clients();
    expect(await demoFlowLogs(ec2After)).toHaveLength(1);
    const report = await seedDemoData({ endpoint: localAws.endpoint, region: 'us-east-1' });
    expect(report.filter((line) => line.includes('created'))).toHaveLength(1);
    expect(await demoFlowLogs(ec2After)).toHaveLength(2);
    ec2After.destroy();
  });
});
