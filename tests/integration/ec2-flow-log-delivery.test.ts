import {
  CreateFlowLogsCommand,
  DeleteFlowLogsCommand,
  DescribeFlowLogsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type CreateFlowLogsCommandInput,
  type FlowLog,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client, type _Object } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_FORMAT, flowLogBasePrefix, flowLogColumnName, flowLogObjectKey, logFormatUpToVersion, parseS3DestinationArn } from '../../lib/flow-logs';
import { windowFileHash } from '../../server/local-aws/traffic/flow-log-delivery';
import { generateRecords, type FlowLogTrafficSpec } from '../../server/local-aws/traffic/generate-records';
import { waitForDeliveryIdle } from '../support/ec2-helpers';
import { parseParquetFlowLog, parseTextFlowLog, windowStartOf, type ParsedFlowLogFile } from '../support/flow-log-files';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

const RECORDS_PER_WINDOW = 60;
const ENV = { LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: '1', LOCAL_AWS_FLOW_LOG_RECORDS_PER_WINDOW: String(RECORDS_PER_WINDOW) };
const BUCKET = 'delivery-tests';

let localAws: LocalAwsProcess;
let ec2: EC2Client;
let s3: S3Client;

function connect() {
  ec2 = new EC2Client(clientConfig(localAws.endpoint));
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
}

beforeAll(async () => {
  localAws = await startLocalAwsProcess({ env: ENV });
  connect();
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => {
  ec2?.destroy();
  s3?.destroy();
  await localAws?.stop();
});

async function listAll(prefix: string): Promise<_Object[]> {
  const objects: _Object[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken }));
    objects.push(...(page.Contents ?? []));
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return objects;
}

async function createFlowLog(input: Omit<CreateFlowLogsCommandInput, 'LogDestinationType'>): Promise<FlowLog> {
  const result = await ec2.send(new CreateFlowLogsCommand({ LogDestinationType: 's3', ...input }));
  expect(result.Unsuccessful).toEqual([]);
  const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: result.FlowLogIds }));
  return FlowLogs![0];
}

const specOf = (flowLog: FlowLog): FlowLogTrafficSpec => ({
  flowLogId: flowLog.FlowLogId!,
  accountId: '000000000000',
  region: 'us-east-1',
  resourceId: flowLog.ResourceId!,
  trafficType: flowLog.TrafficType as FlowLogTrafficSpec['trafficType'],
  logFormat: flowLog.LogFormat!,
  maxAggregationInterval: flowLog.MaxAggregationInterval as 60 | 600,
});

function expectedKey(flowLog: FlowLog, windowStart: number) {
  const destination = parseS3DestinationArn(flowLog.LogDestination!);
  if (!destination.ok) throw new Error(destination.message);
  return flowLogObjectKey({
    accountId: '000000000000',
    region: 'us-east-1',
    folder: destination.value.folder,
    hiveCompatiblePartitions: flowLog.DestinationOptions!.HiveCompatiblePartitions!,
    perHourPartition: flowLog.DestinationOptions!.PerHourPartition!,
    flowLogId: flowLog.FlowLogId!,
    time: new Date(windowStart * 1000),
    hash: windowFileHash(flowLog.FlowLogId!, windowStart),
    fileFormat: flowLog.DestinationOptions!.FileFormat as 'plain-text' | 'parquet',
  });
}

async function readFile(key: string, parquet: boolean): Promise<ParsedFlowLogFile> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const body = await object.Body!.transformToByteArray();
  return parquet ? parseParquetFlowLog(body) : parseTextFlowLog(body);
}

function basePrefix(flowLog: FlowLog) {
  const destination = parseS3DestinationArn(flowLog.LogDestination!);
  if (!destination.ok) throw new Error(destination.message);
  return flowLogBasePrefix({
    accountId: '000000000000',
    region: 'us-east-1',
    folder: destination.value.folder,
    hiveCompatiblePartitions: flowLog.DestinationOptions!.HiveCompatiblePartitions!,
  });
}

describe('flow-log delivery', () => {
  const flowLogs: Record<string, FlowLog> = {};
  const delivered: Record<string, { key: string; windowStart: number; file: ParsedFlowLogFile; lastModified: Date }[]> = {};

  beforeAll(async () => {
    const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0].VpcId!;
    const privateSubnet = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'cidr-block', Values: ['10.0.16.0/20'] }] }))).Subnets![0];
    // The bastion: SSH probes from the internet, so a REJECT-only log of it has something to say.
    const bastion = (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'private-ip-address', Values: ['10.0.0.20'] }] })))
      .NetworkInterfaces![0];
    const shuffledV5 = '${az-id} ${flow-direction} ${srcaddr} ${action} ${dstport} ${tcp-flags} ${start} ${end} ${traffic-path} ${interface-id} ${type} ${pkt-src-aws-service} ${version} ${log-status}';

    flowLogs.plain = await createFlowLog({
      ResourceType: 'VPC',
      ResourceIds: [vpcId],
      TrafficType: 'ALL',
      LogDestination: `arn:aws:s3:::${BUCKET}`,
    });
    flowLogs.hive = await createFlowLog({
      ResourceType: 'Subnet',
      ResourceIds: [privateSubnet.SubnetId!],
      TrafficType: 'ACCEPT',
      LogDestination: `arn:aws:s3:::${BUCKET}/hive/`,
      LogFormat: logFormatUpToVersion(8),
      DestinationOptions: { FileFormat: 'plain-text', HiveCompatiblePartitions: true },
    });
    flowLogs.hourlyParquet = await createFlowLog({
      ResourceType: 'NetworkInterface',
      ResourceIds: [bastion.NetworkInterfaceId!],
      TrafficType: 'REJECT',
      MaxAggregationInterval: 60,
      LogDestination: `arn:aws:s3:::${BUCKET}/a/b`,
      LogFormat: shuffledV5,
      DestinationOptions: { FileFormat: 'parquet', PerHourPartition: true },
    });
    flowLogs.hiveHourlyParquet = await createFlowLog({
      ResourceType: 'VPC',
      ResourceIds: [vpcId],
      TrafficType: 'ALL',
      LogDestination: `arn:aws:s3:::${BUCKET}/parquet/`,
      LogFormat: logFormatUpToVersion(5),
      DestinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
    });
    await waitForDeliveryIdle(localAws.endpoint);

    for (const [name, flowLog] of Object.entries(flowLogs)) {
      const parquet = flowLog.DestinationOptions!.FileFormat === 'parquet';
      const objects = await listAll(basePrefix(flowLog));
      delivered[name] = await Promise.all(
        objects
          .filter((object) => object.Key!.includes(flowLog.FlowLogId!))
          .map(async (object) => ({
            key: object.Key!,
            windowStart: windowStartOf(object.Key!),
            file: await readFile(object.Key!, parquet),
            lastModified: object.LastModified!,
          })),
      );
    }
  });

  it('delivers one file per 5-minute window from the backfill start to the last complete window', () => {
    const now = Date.now() / 1000;
    // The VPC-wide flow log has records in every window (NODATA at the least), so it shows the last window delivered.
    const last = Math.max(...delivered.plain.map((file) => file.windowStart));
    expect(last + 300).toBeLessThanOrEqual(now);
    for (const [name, flowLog] of Object.entries(flowLogs)) {
      const windows = delivered[name].map((file) => file.windowStart).sort((a, b) => a - b);
      const first = Math.floor((flowLog.CreationTime!.getTime() / 1000 - 3600) / 300) * 300;
      // A window without a single record (possible for a REJECT-only interface) gets no file, as on AWS.
      const expected: number[] = [];
      for (let start = first; start <= last; start += 300) {
        if (generateRecords(specOf(flowLog), start, { recordsPerWindow: RECORDS_PER_WINDOW }).records.length > 0) expected.push(start);
      }
      expect(windows, name).toEqual(expected);
      expect(windows.length, name).toBeGreaterThanOrEqual(name === 'hourlyParquet' ? 6 : 12);
    }
  });

  it('names and places every file exactly as AWS does, in all four layouts', () => {
    const layouts: Record<string, RegExp> = {
      plain: /^AWSLogs\/000000000000\/vpcflowlogs\/us-east-1\/\d{4}\/\d{2}\/\d{2}\/000000000000_vpcflowlogs_us-east-1_fl-0[0-9a-f]{16}_\d{8}T\d{4}Z_[0-9a-f]{8}\.log\.gz$/,
      hive: /^hive\/AWSLogs\/aws-account-id=000000000000\/aws-service=vpcflowlogs\/aws-region=us-east-1\/year=\d{4}\/month=\d{2}\/day=\d{2}\/000000000000_vpcflowlogs_us-east-1_fl-0[0-9a-f]{16}_\d{8}T\d{4}Z_[0-9a-f]{8}\.log\.gz$/,
      hourlyParquet: /^a\/b\/AWSLogs\/000000000000\/vpcflowlogs\/us-east-1\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/000000000000_vpcflowlogs_us-east-1_fl-0[0-9a-f]{16}_\d{8}T\d{4}Z_[0-9a-f]{8}\.log\.parquet$/,
      hiveHourlyParquet: /^parquet\/AWSLogs\/aws-account-id=000000000000\/aws-service=vpcflowlogs\/aws-region=us-east-1\/year=\d{4}\/month=\d{2}\/day=\d{2}\/hour=\d{2}\/000000000000_vpcflowlogs_us-east-1_fl-0[0-9a-f]{16}_\d{8}T\d{4}Z_[0-9a-f]{8}\.log\.parquet$/,
    };
    for (const [name, files] of Object.entries(delivered)) {
      for (const file of files) {
        expect(file.key).toMatch(layouts[name]);
        expect(file.key).toBe(expectedKey(flowLogs[name], file.windowStart));
        const time = new Date(file.windowStart * 1000);
        const [y, m, d, h] = [time.getUTCFullYear(), time.getUTCMonth() + 1, time.getUTCDate(), time.getUTCHours()].map((n) => String(n).padStart(2, '0'));
        expect(file.key).toContain(name.startsWith('hive') ? `year=${y}/month=${m}/day=${d}/` : `/${y}/${m}/${d}/`);
        if (name.toLowerCase().includes('hourly')) expect(file.key).toContain(name.startsWith('hive') ? `/hour=${h}/` : `/${d}/${h}/`);
        // Written, as on AWS, a little after its window closed (backfilled history too), never later than now.
        const closed = (file.windowStart + 300) * 1000;
        expect(file.lastModified.getTime()).toBeGreaterThan(closed);
        expect(file.lastModified.getTime()).toBeLessThanOrEqual(Math.min(Date.now(), closed + 90_000));
      }
    }
  });

  it('writes exactly the records generateRecords produces, every field of the format, text and Parquet', () => {
    for (const [name, flowLog] of Object.entries(flowLogs)) {
      const parquet = flowLog.DestinationOptions!.FileFormat === 'parquet';
      for (const file of delivered[name]) {
        const expected = generateRecords(specOf(flowLog), file.windowStart, { recordsPerWindow: RECORDS_PER_WINDOW });
        expect(expected.records.length).toBeGreaterThan(0);
        const fieldNames = expected.fields.map((field) => (parquet ? flowLogColumnName(field) : field));
        expect(file.file.fields).toEqual(fieldNames);
        expect(file.file.records).toEqual(expected.records);
      }
    }
  });

  it('types Parquet columns as the field table says', () => {
    const types = delivered.hiveHourlyParquet[0].file.columnTypes!;
    expect(types).toMatchObject({ version: 'INTEGER', srcport: 'INTEGER', protocol: 'INTEGER', packets: 'BIGINT', bytes: 'BIGINT', start: 'BIGINT', end: 'BIGINT', tcp_flags: 'INTEGER', traffic_path: 'INTEGER', srcaddr: 'VARCHAR', log_status: 'VARCHAR', pkt_src_aws_service: 'VARCHAR' });
    expect(Object.keys(types)).toHaveLength(29);
  });

  it('produces realistic traffic consistent with the topology, resource and traffic type', async () => {
    const column = (file: ParsedFlowLogFile, field: string) => {
      const index = file.fields.indexOf(field);
      return index >= 0 ? index : file.fields.indexOf(flowLogColumnName(field));
    };
    const all = (name: string) => delivered[name].flatMap((f) => f.file.records.map((r) => ({ file: f.file, r })));
    const plain = all('plain');
    const get = (e: { file: ParsedFlowLogFile; r: unknown[] }, field: string) => e.r[column(e.file, field)];
    expect(new Set(plain.map((e) => get(e, 'version')))).toEqual(new Set([2]));
    expect(new Set(plain.map((e) => get(e, 'action')))).toEqual(new Set(['ACCEPT', 'REJECT', null]));
    expect(plain.some((e) => get(e, 'dstport') === 22 && get(e, 'action') === 'REJECT')).toBe(true);
    expect(plain.some((e) => get(e, 'dstport') === 3389 && get(e, 'action') === 'REJECT')).toBe(true);
    expect(plain.some((e) => get(e, 'protocol') === 17 && get(e, 'dstport') === 53)).toBe(true);
    expect(plain.some((e) => get(e, 'dstport') === 443)).toBe(true);
    expect(plain.some((e) => get(e, 'log-status') === 'NODATA')).toBe(true);
    const { NetworkInterfaces } = await ec2.send(new DescribeNetworkInterfacesCommand({}));
    const enis = new Map(NetworkInterfaces!.map((eni) => [eni.NetworkInterfaceId!, eni]));
    expect(new Set(plain.map((e) => get(e, 'interface-id')))).toEqual(new Set(enis.keys()));

    // Subnet flow log, every field v2–v8, ACCEPT only: ids consistent with the interface.
    const hive = all('hive');
    expect(new Set(hive.map((e) => get(e, 'version')))).toEqual(new Set([8]));
    expect(hive.every((e) => get(e, 'action') === 'ACCEPT' || get(e, 'log-status') !== 'OK')).toBe(true);
    for (const e of hive) {
      const eni = enis.get(get(e, 'interface-id') as string)!;
      expect(get(e, 'subnet-id')).toBe(eni.SubnetId);
      expect(get(e, 'vpc-id')).toBe(eni.VpcId);
      expect(get(e, 'az-id')).toBe(eni.AvailabilityZoneId);
      expect(get(e, 'region')).toBe('us-east-1');
      expect(get(e, 'instance-id')).toBe(eni.Attachment?.InstanceId ?? null);
      expect(get(e, 'ecs-cluster-arn')).toBeNull();
      if (get(e, 'log-status') === 'OK') {
        expect(['ingress', 'egress']).toContain(get(e, 'flow-direction'));
        if (get(e, 'flow-direction') === 'ingress') expect(get(e, 'traffic-path')).toBeNull();
        expect([eni.PrivateIpAddress, ...(eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address)]).toContain(
          get(e, 'flow-direction') === 'ingress' ? get(e, 'dstaddr') : get(e, 'srcaddr'),
        );
      }
    }
    expect(hive.some((e) => get(e, 'pkt-dst-aws-service') === 'S3' || get(e, 'pkt-dst-aws-service') === 'DYNAMODB' || get(e, 'pkt-dst-aws-service') === 'AMAZON')).toBe(true);

    // ENI flow log, REJECT only, 1-minute aggregation: every flow starts and ends in one minute.
    const rejects = all('hourlyParquet');
    expect(new Set(rejects.map((e) => get(e, 'interface-id')))).toEqual(new Set([NetworkInterfaces!.find((eni) => eni.PrivateIpAddress === '10.0.0.20')!.NetworkInterfaceId]));
    for (const e of rejects) {
      if (get(e, 'log-status') !== 'OK') continue;
      expect(get(e, 'action')).toBe('REJECT');
      expect(Math.floor((get(e, 'start') as number) / 60)).toBe(Math.floor((get(e, 'end') as number) / 60));
    }
    expect(rejects.some((e) => get(e, 'log-status') === 'OK')).toBe(true);

    const v5 = all('hiveHourlyParquet');
    expect(v5.some((e) => get(e, 'type') === 'IPv6')).toBe(true);
    expect(v5.some((e) => get(e, 'protocol') === 1)).toBe(true);
    expect(v5.some((e) => get(e, 'instance-id') === null && get(e, 'log-status') === 'OK')).toBe(true); // NAT gateway
    expect(v5.some((e) => get(e, 'pkt-srcaddr') !== get(e, 'srcaddr'))).toBe(true); // NAT gateway hop
    expect(Math.max(...v5.map((e) => (get(e, 'bytes') as number) ?? 0))).toBeGreaterThan(10_000_000); // heavy talkers
  });

  it('neither repeats nor loses a window across a restart', async () => {
    const before = new Map<string, number>();
    for (const files of Object.values(delivered)) for (const file of files) before.set(file.key, file.lastModified.getTime());
    ec2.destroy();
    s3.destroy();
    localAws = await localAws.restart();
    connect();
    const idle = await waitForDeliveryIdle(localAws.endpoint);
    let fresh = 0;
    for (const [name, flowLog] of Object.entries(flowLogs)) {
      const objects = (await listAll(basePrefix(flowLog))).filter((object) => object.Key!.includes(flowLog.FlowLogId!));
      const windows = objects.map((object) => windowStartOf(object.Key!));
      expect(new Set(windows).size, name).toBe(windows.length);
      expect(windows.length, name).toBeGreaterThanOrEqual(delivered[name].length);
      for (const object of objects) {
        // Files from before the restart are untouched; only windows that ended since are new.
        if (before.has(object.Key!)) expect(object.LastModified!.getTime()).toBe(before.get(object.Key!));
        else {
          fresh += 1;
          expect(windowStartOf(object.Key!)).toBeGreaterThan(Math.max(...delivered[name].map((f) => f.windowStart)));
        }
      }
    }
    // The restarted process wrote exactly the new windows: none of the old ones a second time.
    expect(idle.windows).toBe(fresh);
    expect(localAws.output()).not.toMatch(/\[flow-logs\] delivering .* failed/);
  });

  it('stops delivering a deleted flow log', async () => {
    const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0].VpcId!;
    const flowLog = await createFlowLog({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogDestination: `arn:aws:s3:::${BUCKET}/deleted/`, LogFormat: DEFAULT_LOG_FORMAT });
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [flowLog.FlowLogId!] }));
    await waitForDeliveryIdle(localAws.endpoint);
    const afterDelete = (await listAll('deleted/')).length;
    expect(afterDelete).toBeLessThan(13);
    // Another flow log makes delivery plan again; the deleted one gets nothing more.
    await createFlowLog({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'REJECT', LogDestination: `arn:aws:s3:::${BUCKET}/other/` });
    await waitForDeliveryIdle(localAws.endpoint);
    expect((await listAll('deleted/')).length).toBe(afterDelete);
    // REJECT-only: a window without a rejected record gets no file (as AWS writes none), so the
    // count of the hour's windows varies with the generated traffic; that delivery ran is the point.
    expect((await listAll('other/')).length).toBeGreaterThan(0);
  });
});
