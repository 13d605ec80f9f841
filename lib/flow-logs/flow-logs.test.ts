import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FLOW_LOG_FIELDS,
  DEFAULT_LOG_FORMAT,
  FLOW_LOG_FIELDS,
  findFlowLogField,
  flowLogBasePrefix,
  flowLogColumnName,
  flowLogFileName,
  flowLogObjectKey,
  logFormatUpToVersion,
  parseLogFormat,
  parseS3DestinationArn,
  recordVersion,
} from './index';

describe('field catalog', () => {
  it('lists the 40 fields of versions 2–8 in AWS table order', () => {
    expect(FLOW_LOG_FIELDS).toHaveLength(40);
    expect(FLOW_LOG_FIELDS.slice(0, 3).map((field) => field.name)).toEqual(['version', 'account-id', 'interface-id']);
    expect(FLOW_LOG_FIELDS.map((field) => field.name).slice(13, 16)).toEqual(['log-status', 'vpc-id', 'subnet-id']);
    expect(FLOW_LOG_FIELDS.at(-1)?.name).toBe('reject-reason');
    expect(new Set(FLOW_LOG_FIELDS.map((field) => field.version))).toEqual(new Set([2, 3, 4, 5, 7, 8]));
    // Versions never decrease along the table.
    const versions = FLOW_LOG_FIELDS.map((field) => field.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('types fields as Parquet writes them', () => {
    expect(findFlowLogField('version')?.parquetType).toBe('INT_32');
    expect(findFlowLogField('bytes')?.parquetType).toBe('INT_64');
    expect(findFlowLogField('start')?.parquetType).toBe('INT_64');
    expect(findFlowLogField('srcaddr')?.parquetType).toBe('STRING');
    expect(findFlowLogField('traffic-path')?.parquetType).toBe('INT_32');
    expect(flowLogColumnName('pkt-src-aws-service')).toBe('pkt_src_aws_service');
  });

  it('has the AWS default format of the version 2 fields', () => {
    expect(DEFAULT_LOG_FORMAT).toBe(
      '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}',
    );
    expect(DEFAULT_FLOW_LOG_FIELDS).toHaveLength(14);
    expect(logFormatUpToVersion(5).split(' ')).toHaveLength(29);
  });
});

describe('parseLogFormat', () => {
  it('accepts the default format and custom orders, with the record version of the highest field', () => {
    expect(parseLogFormat(DEFAULT_LOG_FORMAT)).toMatchObject({ ok: true, version: 2 });
    const custom = parseLogFormat('${vpc-id} ${srcaddr} ${region}');
    expect(custom).toEqual({ ok: true, fields: ['vpc-id', 'srcaddr', 'region'], version: 4 });
    expect(parseLogFormat('${ecs-task-id}')).toMatchObject({ ok: true, version: 7 });
    expect(parseLogFormat('${reject-reason} ${version}')).toMatchObject({ ok: true, version: 8 });
  });

  it.each([
    ['', 'empty'],
    [`${DEFAULT_LOG_FORMAT} `, 'trailing space'],
    [' ${version}', 'leading space'],
    ['${version}  ${srcaddr}', 'double space'],
    ['${version},${srcaddr}', 'comma separator'],
    ['version srcaddr', 'bare names'],
    ['${version', 'unclosed token'],
  ])('rejects %j (%s) as an invalid format', (format) => {
    const result = parseLogFormat(format);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.kind).toBe('invalid-format');
      expect(result.problem.message).toBe(`1 validation error detected: Value '${format}' at 'logFormat' has an invalid format`);
    }
  });

  it('names unknown fields', () => {
    const result = parseLogFormat('${version} ${src-addr} ${bogus} ${bogus}');
    expect(result).toEqual({
      ok: false,
      problem: { kind: 'unknown-fields', fields: ['src-addr', 'bogus', 'bogus'], message: 'Unknown fields provided in LogFormat: ${src-addr}, ${bogus}' },
    });
  });

  it('computes record versions', () => {
    expect(recordVersion(['srcaddr'])).toBe(2);
    expect(recordVersion(['srcaddr', 'tcp-flags', 'az-id'])).toBe(4);
    expect(recordVersion(['flow-direction'])).toBe(5);
  });
});

describe('parseS3DestinationArn', () => {
  it('reads the bucket and the optional folder', () => {
    expect(parseS3DestinationArn('arn:aws:s3:::my-bucket')).toEqual({ ok: true, value: { bucket: 'my-bucket', folder: '' } });
    expect(parseS3DestinationArn('arn:aws:s3:::my-bucket/')).toEqual({ ok: true, value: { bucket: 'my-bucket', folder: '' } });
    expect(parseS3DestinationArn('arn:aws:s3:::my-bucket/my-logs/')).toEqual({ ok: true, value: { bucket: 'my-bucket', folder: 'my-logs/' } });
    expect(parseS3DestinationArn('arn:aws:s3:::my-bucket/a/b')).toEqual({ ok: true, value: { bucket: 'my-bucket', folder: 'a/b/' } });
  });

  it('rejects non-S3 ARNs and the reserved AWSLogs folder', () => {
    expect(parseS3DestinationArn('s3://my-bucket')).toMatchObject({ ok: false, reason: 'not-an-s3-arn' });
    expect(parseS3DestinationArn('arn:aws:logs:us-east-1:1:log-group:x')).toMatchObject({ ok: false, reason: 'not-an-s3-arn' });
    expect(parseS3DestinationArn('arn:aws:s3:::My_Bucket')).toMatchObject({ ok: false, reason: 'not-an-s3-arn' });
    expect(parseS3DestinationArn('arn:aws:s3:::my-bucket/AWSLogs/')).toMatchObject({ ok: false, reason: 'reserved-folder' });
    expect(parseS3DestinationArn('arn:aws:s3:::my-bucket/x/AWSLogs')).toMatchObject({ ok: false, reason: 'reserved-folder' });
  });
});

describe('S3 key layout', () => {
  const time = new Date(Date.UTC(2021, 3, 5, 7, 20));
  const base = { accountId: '123456789012', region: 'us-east-1', flowLogId: 'fl-1234abcd', time, hash: 'fe123456' };

  it('builds AWS file names for text and Parquet', () => {
    expect(flowLogFileName({ ...base, time: new Date(Date.UTC(2018, 5, 20, 16, 20)), fileFormat: 'plain-text' })).toBe(
      '123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz',
    );
    expect(flowLogFileName({ ...base, fileFormat: 'parquet' })).toBe('123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20210405T0720Z_fe123456.log.parquet');
  });

  it.each([
    [false, false, '', 'AWSLogs/123456789012/vpcflowlogs/us-east-1/2021/04/05/'],
    [false, true, 'logs/', 'logs/AWSLogs/123456789012/vpcflowlogs/us-east-1/2021/04/05/07/'],
    [true, false, '', 'AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2021/month=04/day=05/'],
    [true, true, 'a/b/', 'a/b/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2021/month=04/day=05/hour=07/'],
  ])('hive=%s perHour=%s folder=%j → %s', (hive, perHour, folder, prefix) => {
    const key = flowLogObjectKey({ ...base, folder, hiveCompatiblePartitions: hive, perHourPartition: perHour, fileFormat: 'plain-text' });
    expect(key).toBe(`${prefix}123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20210405T0720Z_fe123456.log.gz`);
    expect(key.startsWith(flowLogBasePrefix({ ...base, folder, hiveCompatiblePartitions: hive }))).toBe(true);
  });
});
