import {
  CreateFlowLogsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetFlowLogsIntegrationTemplateCommand,
  type AthenaIntegration,
  type CreateFlowLogsCommandInput,
  type GetFlowLogsIntegrationTemplateCommandInput,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseTemplateObjectUrl } from '../../lib/athena-integration';
import { logFormatUpToVersion } from '../../lib/flow-logs';
import { expectEc2Error } from '../support/ec2-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';
import { fakeAuthorization, rawRequest } from '../support/raw-http';

/**
 * GetFlowLogsIntegrationTemplate through the real SDK against a real local-AWS process: the template
 * lands in the delivery location under AWS's name and the answer is its AWS-style URL; every
 * validation rule answers with its EC2 error code and message.
 */

let localAws: LocalAwsProcess;
let ec2: EC2Client;
let s3: S3Client;
let vpcId: string;
let defaultFlowLogId: string;
let customFlowLogId: string;
let cloudWatchFlowLogId: string;

const LOGS = 'integration-flow-logs';
const TEMPLATES = 'integration-templates';
const RESULTS = 'integration-results';
const RESULTS_ARN = `arn:aws:s3:::${RESULTS}/athena-query-results/`;

async function createFlowLog(input: Partial<CreateFlowLogsCommandInput>): Promise<string> {
  const result = await ec2.send(
    new CreateFlowLogsCommand({
      ResourceType: 'VPC',
      ResourceIds: [vpcId],
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: `arn:aws:s3:::${LOGS}/${Math.random().toString(36).slice(2)}/`,
      ...input,
    }),
  );
  expect(result.Unsuccessful).toEqual([]);
  return result.FlowLogIds![0];
}

beforeAll(async () => {
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: '0' } });
  ec2 = new EC2Client(clientConfig(localAws.endpoint));
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
  for (const Bucket of [LOGS, TEMPLATES, RESULTS]) await s3.send(new CreateBucketCommand({ Bucket }));
  vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0].VpcId!;
  defaultFlowLogId = await createFlowLog({ LogDestination: `arn:aws:s3:::${LOGS}/vpc-logs/` });
  customFlowLogId = await createFlowLog({
    LogFormat: logFormatUpToVersion(5),
    DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
  });
  cloudWatchFlowLogId = await createFlowLog({
    LogDestinationType: 'cloud-watch-logs',
    LogDestination: undefined,
    LogGroupName: 'integration-flow-logs',
    DeliverLogsPermissionArn: 'arn:aws:iam::000000000000:role/flow-logs',
  });
});
afterAll(async () => {
  ec2?.destroy();
  s3?.destroy();
  await localAws?.stop();
});

const request = (overrides: Partial<GetFlowLogsIntegrationTemplateCommandInput> = {}, integrations?: AthenaIntegration[]) =>
  new GetFlowLogsIntegrationTemplateCommand({
    FlowLogId: defaultFlowLogId,
    ConfigDeliveryS3DestinationArn: `arn:aws:s3:::${TEMPLATES}/athena-templates`,
    IntegrateServices: {
      AthenaIntegrations: integrations ?? [
        {
          IntegrationResultS3DestinationArn: RESULTS_ARN,
          PartitionLoadFrequency: 'none',
          PartitionStartDate: new Date('2021-07-21T00:40:00Z'),
          PartitionEndDate: new Date('2021-07-22T00:42:00Z'),
        },
      ],
    },
    ...overrides,
  });

/** Fetches the object a Result URL names and parses it as CloudFormation reads YAML. */
async function fetchTemplate(url: string) {
  const location = parseTemplateObjectUrl(url);
  expect(location, url).toBeDefined();
  const object = await s3.send(new GetObjectCommand({ Bucket: location!.bucket, Key: location!.key }));
  const text = await object.Body!.transformToString();
  return { key: location!.key, contentType: object.ContentType, text, template: parse(text, { version: '1.1' }) };
}

const resourcesOfType = (template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

describe('GetFlowLogsIntegrationTemplate', () => {
  it('writes the template for a default-format flow log and returns its URL', async () => {
    const before = Date.now();
    const { Result } = await ec2.send(request());
    expect(Result).toMatch(
      new RegExp(
        `^https://${TEMPLATES}\\.s3\\.us-east-1\\.amazonaws\\.com/athena-templates/VPCFlowLogsIntegrationTemplate_${defaultFlowLogId}_` +
          '(Sun|Mon|Tue|Wed|Thu|Fri|Sat)%20[A-Z][a-z]{2}%20\\d{2}%20\\d{2}%3A\\d{2}%3A\\d{2}%20UTC%20\\d{4}\\.yml$',
      ),
    );
    const { key, contentType, text, template } = await fetchTemplate(Result!);
    // The name carries the UTC time of the call, to the second.
    const stamp = / ([A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}) UTC (\d{4})\.yml$/.exec(key)!;
    const written = Date.parse(`${stamp[1]} ${stamp[2]} UTC`);
    expect(written).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(written).toBeLessThanOrEqual(Date.now());
    expect(contentType).toBe('application/yaml');
    expect(text).toMatch(/^AWSTemplateFormatVersion: "2010-09-09"$/m);

    const table = `${defaultFlowLogId.replace('-', '')}none2021072120210722`;
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Resources.VpcFlowLogsAthenaDatabase.Properties.DatabaseInput.Name).toBe(`vpcflowlogsathenadatabase${defaultFlowLogId.replace('-', '')}`);
    expect(template.Resources[table].Properties.TableInput.StorageDescriptor.Location).toBe(
      `s3://${LOGS}/vpc-logs/AWSLogs/000000000000/vpcflowlogs/us-east-1/`,
    );
    expect(template.Resources[`${table}WorkGroup`].Properties.WorkGroupConfiguration.ResultConfiguration.OutputLocation).toBe(
      `s3://${RESULTS}/athena-query-results/`,
    );
    expect(resourcesOfType(template, 'AWS::Athena::NamedQuery').map(([, q]) => q.Properties.Name).sort()).toEqual([
      'VpcFlowLogsAdminPortTraffic',
      'VpcFlowLogsRejectedTraffic',
      'VpcFlowLogsSshRdpTraffic',
      'VpcFlowLogsTopTalkers',
      'VpcFlowLogsTotalBytesTransferred',
      'VpcFlowLogsTrafficFrmSrcAddr',
    ]);
    expect(resourcesOfType(template, 'AWS::Events::Rule')).toEqual([]);
    expect(resourcesOfType(template, 'Custom::VPCFlowLogsAthenaStartInitializer')).toHaveLength(1);
  });

  it('follows a Parquet, Hive-compatible, per-hour flow log with a v5 format, for two integrations', async () => {
    const { Result } = await ec2.send(
      request({ FlowLogId: customFlowLogId, ConfigDeliveryS3DestinationArn: `arn:aws:s3:::${TEMPLATES}/nested/templates/` }, [
        { IntegrationResultS3DestinationArn: RESULTS_ARN, PartitionLoadFrequency: 'daily' },
        {
          IntegrationResultS3DestinationArn: `arn:aws:s3:::${RESULTS}`,
          PartitionLoadFrequency: 'monthly',
          PartitionStartDate: new Date('2021-01-01T00:00:00Z'),
          PartitionEndDate: new Date('2021-12-31T00:00:00Z'),
        },
      ]),
    );
    const { key, template } = await fetchTemplate(Result!);
    expect(key).toMatch(new RegExp(`^nested/templates/VPCFlowLogsIntegrationTemplate_${customFlowLogId}_`));
    const id = customFlowLogId.replace('-', '');
    const daily = template.Resources[`${id}daily`].Properties.TableInput;
    expect(daily.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    expect(daily.StorageDescriptor.Columns).toHaveLength(29);
    expect(daily.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual(['aws-account-id', 'aws-service', 'aws-region', 'year', 'month', 'day', 'hour']);
    expect(template.Resources[`${id}monthly2021010120211231`].Properties.TableInput.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual([
      'aws-account-id',
      'aws-service',
      'aws-region',
      'year',
      'month',
    ]);
    expect(resourcesOfType(template, 'AWS::Athena::NamedQuery')).toHaveLength(32);
    expect(resourcesOfType(template, 'AWS::Events::Rule').map(([logicalId]) => logicalId)).toEqual(['VPCFlowLogsAthenaDailyPartitionSchedule']);
    expect(template.Resources[`${id}monthly2021010120211231WorkGroup`].Properties.WorkGroupConfiguration.ResultConfiguration.OutputLocation).toBe(`s3://${RESULTS}/`);
  });

  it('puts the template at the bucket root when the location has no prefix', async () => {
    const { Result } = await ec2.send(request({ ConfigDeliveryS3DestinationArn: `arn:aws:s3:::${TEMPLATES}` }));
    expect(Result).toMatch(new RegExp(`^https://${TEMPLATES}\\.s3\\.us-east-1\\.amazonaws\\.com/VPCFlowLogsIntegrationTemplate_`));
    const { key } = await fetchTemplate(Result!);
    expect(key).not.toContain('/');
  });

  it('reads the wire keys AWS SDKs send, and the plural form naive clients send', async () => {
    const body = (prefix: string) =>
      new URLSearchParams({
        Action: 'GetFlowLogsIntegrationTemplate',
        Version: '2016-11-15',
        FlowLogId: defaultFlowLogId,
        ConfigDeliveryS3DestinationArn: `arn:aws:s3:::${TEMPLATES}/raw`,
        [`${prefix}.1.IntegrationResultS3DestinationArn`]: RESULTS_ARN,
        [`${prefix}.1.PartitionLoadFrequency`]: 'weekly',
        [`${prefix}.1.PartitionStartDate`]: '2021-07-21T00:40:00',
      }).toString();
    for (const prefix of ['IntegrateService.AthenaIntegration', 'IntegrateServices.AthenaIntegrations']) {
      const response = await rawRequest(localAws.port, {
        method: 'POST',
        path: '/',
        headers: { ...fakeAuthorization('ec2'), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: body(prefix),
      });
      expect(response.status, response.text).toBe(200);
      expect(response.text).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<GetFlowLogsIntegrationTemplateResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>[^<]+<\/requestId><result>https:\/\/integration-templates\.s3\.us-east-1\.amazonaws\.com\/raw\/VPCFlowLogsIntegrationTemplate_fl-[0-9a-f]+_[^<]+\.yml<\/result><\/GetFlowLogsIntegrationTemplateResponse>$/,
      );
      const { template } = await fetchTemplate(/<result>([^<]+)<\/result>/.exec(response.text)![1]);
      expect(Object.keys(template.Resources)).toContain(`${defaultFlowLogId.replace('-', '')}weekly20210721`);
    }
  });

  it('answers DryRun with DryRunOperation and writes nothing', async () => {
    await expectEc2Error(
      ec2.send(request({ DryRun: true, ConfigDeliveryS3DestinationArn: `arn:aws:s3:::${TEMPLATES}/dry-run` })),
      'DryRunOperation',
      'Request would have succeeded, but DryRun flag is set.',
    );
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: TEMPLATES, Prefix: 'dry-run' }));
    expect(listed.KeyCount).toBe(0);
  });
});

describe('GetFlowLogsIntegrationTemplate validation', () => {
  const one = (integration: Partial<AthenaIntegration>): AthenaIntegration[] => [
    { IntegrationResultS3DestinationArn: RESULTS_ARN, PartitionLoadFrequency: 'daily', ...integration },
  ];

  it('requires the flow log id, the template location and the integrations', async () => {
    await expectEc2Error(ec2.send(request({ FlowLogId: undefined })), 'MissingParameter', 'The request must contain the parameter FlowLogId');
    await expectEc2Error(
      ec2.send(request({ ConfigDeliveryS3DestinationArn: undefined })),
      'MissingParameter',
      'The request must contain the parameter ConfigDeliveryS3DestinationArn',
    );
    await expectEc2Error(ec2.send(request({ IntegrateServices: undefined })), 'MissingParameter', 'The request must contain the parameter IntegrateService');
    await expectEc2Error(
      ec2.send(request({}, [{ PartitionLoadFrequency: 'daily' } as AthenaIntegration])),
      'MissingParameter',
      'The request must contain the parameter IntegrateService.AthenaIntegration.1.IntegrationResultS3DestinationArn',
    );
  });

  it('takes one to ten integrations', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => one({ PartitionLoadFrequency: 'none', PartitionStartDate: new Date(Date.UTC(2021, 0, i + 1)), PartitionEndDate: new Date('2021-02-01T00:00:00Z') })[0]);
    await expectEc2Error(
      ec2.send(request({}, eleven)),
      'InvalidParameterValue',
      'IntegrateService.AthenaIntegration must contain between 1 and 10 Athena integrations; the request has 11.',
    );
    const response = await rawRequest(localAws.port, {
      method: 'POST',
      path: '/',
      headers: { ...fakeAuthorization('ec2'), 'content-type': 'application/x-www-form-urlencoded' },
      // What the .NET SDK sends for an empty list.
      body: `Action=GetFlowLogsIntegrationTemplate&Version=2016-11-15&FlowLogId=${defaultFlowLogId}&ConfigDeliveryS3DestinationArn=arn:aws:s3:::${TEMPLATES}&IntegrateService.AthenaIntegration=`,
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Code>InvalidParameterValue</Code>');
    expect(response.text).toContain('the request has none.');
  });

  it('knows the flow log, and only takes one that publishes to S3', async () => {
    await expectEc2Error(
      ec2.send(request({ FlowLogId: 'fl-0123456789abcdef0' })),
      'InvalidFlowLogId.NotFound',
      "The flow log ID 'fl-0123456789abcdef0' does not exist",
    );
    await expectEc2Error(
      ec2.send(request({ FlowLogId: cloudWatchFlowLogId })),
      'InvalidParameter',
      `Flow log ${cloudWatchFlowLogId} publishes to cloud-watch-logs. Athena integration needs a flow log that publishes to Amazon S3.`,
    );
    // Flow logs are regional: the same id asked in another Region does not exist.
    const west = new EC2Client(clientConfig(localAws.endpoint, 'eu-west-1'));
    await expectEc2Error(west.send(request()), 'InvalidFlowLogId.NotFound');
    west.destroy();
  });

  it('checks the partition load frequency and dates', async () => {
    await expectEc2Error(
      ec2.send(request({}, one({ PartitionLoadFrequency: 'hourly' as AthenaIntegration['PartitionLoadFrequency'] }))),
      'InvalidParameterValue',
      'Value (hourly) for parameter IntegrateService.AthenaIntegration.1.PartitionLoadFrequency is invalid. Valid values: none, daily, weekly, monthly.',
    );
    await expectEc2Error(
      ec2.send(request({}, one({ PartitionLoadFrequency: 'none', PartitionEndDate: new Date('2021-01-01T00:00:00Z') }))),
      'MissingParameter',
      'The request must contain the parameter IntegrateService.AthenaIntegration.1.PartitionStartDate when PartitionLoadFrequency is none',
    );
    await expectEc2Error(
      ec2.send(request({}, one({ PartitionLoadFrequency: 'none', PartitionStartDate: new Date('2021-01-01T00:00:00Z') }))),
      'MissingParameter',
      'The request must contain the parameter IntegrateService.AthenaIntegration.1.PartitionEndDate when PartitionLoadFrequency is none',
    );
    const future = new Date(Date.now() + 7 * 86_400_000);
    future.setUTCMilliseconds(0);
    await expectEc2Error(
      ec2.send(request({}, one({ PartitionLoadFrequency: 'none', PartitionStartDate: new Date('2021-01-01T00:00:00Z'), PartitionEndDate: future }))),
      'InvalidParameterValue',
      `Value (${future.toISOString()}) for parameter IntegrateService.AthenaIntegration.1.PartitionEndDate is invalid. With PartitionLoadFrequency none the partition dates must be in the past.`,
    );
    await expectEc2Error(
      ec2.send(request({}, one({ PartitionStartDate: new Date('2021-02-01T00:00:00Z'), PartitionEndDate: new Date('2021-01-01T00:00:00Z') }))),
      'InvalidParameterValue',
      'Value (2021-01-01T00:00:00.000Z) for parameter IntegrateService.AthenaIntegration.1.PartitionEndDate is invalid. The partition end date is before the partition start date (2021-02-01T00:00:00.000Z).',
    );
    await expectEc2Error(
      ec2.send(request({}, one({ PartitionEndDate: new Date('2021-01-01T00:00:00Z') }))),
      'MissingParameter',
      'The request must contain the parameter IntegrateService.AthenaIntegration.1.PartitionStartDate when IntegrateService.AthenaIntegration.1.PartitionEndDate is given',
    );
    await expectEc2Error(
      ec2.send(request({}, [one({})[0], one({ IntegrationResultS3DestinationArn: `arn:aws:s3:::${TEMPLATES}` })[0]])),
      'InvalidParameterValue',
      `Two Athena integrations would create the same table ${defaultFlowLogId.replace('-', '')}daily. Give each integration a different PartitionLoadFrequency or partition dates.`,
    );
  });

  it('checks the S3 locations: valid ARNs, existing buckets, the flow log’s Region', async () => {
    await expectEc2Error(
      ec2.send(request({ ConfigDeliveryS3DestinationArn: `s3://${TEMPLATES}/x` })),
      'InvalidParameterValue',
      `Value (s3://${TEMPLATES}/x) for parameter ConfigDeliveryS3DestinationArn is invalid. s3://${TEMPLATES}/x is not an S3 ARN. Use arn:aws:s3:::bucket or arn:aws:s3:::bucket/prefix.`,
    );
    await expectEc2Error(
      ec2.send(request({}, one({ IntegrationResultS3DestinationArn: 'arn:aws:s3:::Not_A_Bucket/x' }))),
      'InvalidParameterValue',
      /^Value \(arn:aws:s3:::Not_A_Bucket\/x\) for parameter IntegrateService\.AthenaIntegration\.1\.IntegrationResultS3DestinationArn is invalid\. .*does not name a valid S3 bucket/,
    );
    await expectEc2Error(
      ec2.send(request({ ConfigDeliveryS3DestinationArn: 'arn:aws:s3:::no-such-bucket-here/t' })),
      'InvalidParameter',
      'ConfigDeliveryS3DestinationArn: the S3 bucket no-such-bucket-here does not exist.',
    );
    await expectEc2Error(
      ec2.send(request({}, one({ IntegrationResultS3DestinationArn: 'arn:aws:s3:::no-such-results' }))),
      'InvalidParameter',
      'IntegrateService.AthenaIntegration.1.IntegrationResultS3DestinationArn: the S3 bucket no-such-results does not exist.',
    );
    const west = new S3Client({ ...clientConfig(localAws.endpoint, 'eu-west-1'), forcePathStyle: true });
    await west.send(new CreateBucketCommand({ Bucket: 'integration-west', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    west.destroy();
    await expectEc2Error(
      ec2.send(request({ ConfigDeliveryS3DestinationArn: 'arn:aws:s3:::integration-west' })),
      'InvalidParameter',
      'ConfigDeliveryS3DestinationArn: the S3 bucket integration-west is in eu-west-1; it must be in us-east-1, the Region of the flow log.',
    );
  });
});
