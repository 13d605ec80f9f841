import {
  CreateFlowLogsCommand,
  DescribeFlowLogsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { logFormatUpToVersion } from '../../../lib/flow-logs';
import { LOCAL_CREDENTIALS } from '../../../lib/runtime-config';

/**
 * Demo data for a new local AWS: two buckets and two flow logs on the demo VPC. It is a client
 * of local AWS like any other (SDK over HTTP), so it runs the same on first start and from
 * `npm run seed`. Everything that already exists is left alone: a bucket that exists is kept, a
 * demo flow log is recognised by its `local-aws-demo` tag and never recreated or changed.
 */

export const DEMO_TAG_KEY = 'local-aws-demo';

export interface SeedOptions {
  endpoint: string;
  region: string;
}

export interface DemoFlowLogPlan {
  demoKey: string;
  name: string;
  folder: string;
  logFormat?: string;
  destinationOptions: { FileFormat: 'plain-text' | 'parquet'; HiveCompatiblePartitions: boolean; PerHourPartition: boolean };
}

export const DEMO_FLOW_LOGS: DemoFlowLogPlan[] = [
  {
    demoKey: 'default-format',
    name: 'demo-vpc-default-format',
    folder: '',
    destinationOptions: { FileFormat: 'plain-text', HiveCompatiblePartitions: false, PerHourPartition: false },
  },
  {
    demoKey: 'parquet-hive-hourly',
    name: 'demo-vpc-all-fields-parquet',
    folder: 'parquet/',
    logFormat: logFormatUpToVersion(5),
    destinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
  },
];

export const demoBucketNames = (accountId: string) => ({
  flowLogs: `demo-flow-logs-${accountId}`,
  athenaResults: `demo-athena-results-${accountId}`,
});

/** Returns one line per thing created or skipped. */
export async function seedDemoData(options: SeedOptions): Promise<string[]> {
  const config = { endpoint: options.endpoint, region: options.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
  const sts = new STSClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const ec2 = new EC2Client(config);
  const report: string[] = [];
  try {
    const { Account: accountId } = await sts.send(new GetCallerIdentityCommand({}));
    const buckets = demoBucketNames(accountId!);
    for (const bucket of Object.values(buckets)) {
      if (await bucketExists(s3, bucket)) {
        report.push(`bucket ${bucket} exists: kept`);
      } else {
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
        report.push(`bucket ${bucket} created`);
      }
    }

    const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr', Values: ['10.0.0.0/16'] }] }));
    const vpc = Vpcs.find((v) => v.Tags?.some((tag) => tag.Key === 'Name' && tag.Value === 'demo-vpc')) ?? Vpcs[0];
    if (!vpc?.VpcId) {
      report.push('no 10.0.0.0/16 VPC found: demo flow logs skipped');
      return report;
    }

    const { FlowLogs: existing = [] } = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'tag-key', Values: [DEMO_TAG_KEY] }] }));
    for (const plan of DEMO_FLOW_LOGS) {
      const present = existing.find((flowLog) => flowLog.Tags?.some((tag) => tag.Key === DEMO_TAG_KEY && tag.Value === plan.demoKey));
      if (present) {
        report.push(`flow log ${plan.name} exists (${present.FlowLogId}): kept`);
        continue;
      }
      const result = await ec2.send(
        new CreateFlowLogsCommand({
          ResourceType: 'VPC',
          ResourceIds: [vpc.VpcId],
          TrafficType: 'ALL',
          LogDestinationType: 's3',
          LogDestination: `arn:aws:s3:::${buckets.flowLogs}/${plan.folder}`,
          LogFormat: plan.logFormat,
          MaxAggregationInterval: 600,
          DestinationOptions: plan.destinationOptions,
          TagSpecifications: [
            {
              ResourceType: 'vpc-flow-log',
              Tags: [
                { Key: 'Name', Value: plan.name },
                { Key: DEMO_TAG_KEY, Value: plan.demoKey },
              ],
            },
          ],
        }),
      );
      const failure = result.Unsuccessful?.[0]?.Error;
      report.push(
        failure
          ? `flow log ${plan.name} not created: ${failure.Code}: ${failure.Message}`
          : `flow log ${plan.name} created (${result.FlowLogIds?.[0]}) → s3://${buckets.flowLogs}/${plan.folder}`,
      );
    }
    return report;
  } finally {
    sts.destroy();
    s3.destroy();
    ec2.destroy();
  }
}

async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return false;
    throw error;
  }
}

/** LOCAL_AWS_SEED=none turns first-start seeding off (the test harness sets it). */
export function seedingEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return (env.LOCAL_AWS_SEED ?? '').trim().toLowerCase() !== 'none';
}
