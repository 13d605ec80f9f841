import { describe, expect, it } from 'vitest';
import { checkCreateFlowLog, checkFolder, logFormatOf, normalizeFolder, s3DestinationArn, type CreateFlowLogValues } from './create-flow-log-input';
import { parseLogFormat } from './log-format';

const base: CreateFlowLogValues = {
  resourceType: 'VPC',
  resourceIds: ['vpc-0123456789abcdef0'],
  trafficType: 'ALL',
  maxAggregationInterval: '600',
  bucket: 'my-bucket',
  folder: '',
  logFormat: 'default',
  fields: [],
  fileFormat: 'plain-text',
  hiveCompatiblePartitions: false,
  perHourPartition: false,
  tags: [{ key: 'Name', value: 'my-flow-log' }],
};

describe('folders and destinations', () => {
  it('normalizes folders and builds the ARN', () => {
    expect(normalizeFolder('')).toBe('');
    expect(normalizeFolder('/logs//vpc/')).toBe('logs/vpc/');
    expect(s3DestinationArn('b', '')).toBe('arn:aws:s3:::b');
    expect(s3DestinationArn('b', 'logs')).toBe('arn:aws:s3:::b/logs/');
  });
  it('rejects AWSLogs anywhere in the folder path', () => {
    expect(checkFolder('AWSLogs')).toBe('folderReserved');
    expect(checkFolder('a/AWSLogs/b')).toBe('folderReserved');
    expect(checkFolder('awslogs')).toBeUndefined();
    expect(checkFolder('with space')).toBe('folderInvalid');
  });
});

describe('checkCreateFlowLog', () => {
  it('builds a default-format request with tags', () => {
    const result = checkCreateFlowLog(base);
    expect(result).toEqual({
      ok: true,
      input: {
        ResourceType: 'VPC',
        ResourceIds: ['vpc-0123456789abcdef0'],
        TrafficType: 'ALL',
        MaxAggregationInterval: 600,
        LogDestinationType: 's3',
        LogDestination: 'arn:aws:s3:::my-bucket',
        DestinationOptions: { FileFormat: 'plain-text', HiveCompatiblePartitions: false, PerHourPartition: false },
        TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'Name', Value: 'my-flow-log' }] }],
      },
    });
  });
  it('keeps the custom field order in LogFormat, and the format parses back', () => {
    const result = checkCreateFlowLog({ ...base, logFormat: 'custom', fields: ['vpc-id', 'srcaddr', 'version'], folder: 'logs', maxAggregationInterval: '60', fileFormat: 'parquet', hiveCompatiblePartitions: true, perHourPartition: true, tags: [] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.LogFormat).toBe('${vpc-id} ${srcaddr} ${version}');
    expect(parseLogFormat(result.input.LogFormat!)).toMatchObject({ ok: true, fields: ['vpc-id', 'srcaddr', 'version'], version: 3 });
    expect(result.input.LogDestination).toBe('arn:aws:s3:::my-bucket/logs/');
    expect(result.input.MaxAggregationInterval).toBe(60);
    expect(result.input.TagSpecifications).toBeUndefined();
    expect(result.input.DestinationOptions).toEqual({ FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true });
  });
  it('reports each problem on its field', () => {
    const result = checkCreateFlowLog({
      ...base,
      resourceIds: [],
      trafficType: 'SOME',
      maxAggregationInterval: '300',
      bucket: '',
      folder: 'AWSLogs/',
      logFormat: 'custom',
      fields: [],
      fileFormat: 'csv',
      tags: [{ key: '', value: 'orphan' }],
    });
    expect(result).toEqual({
      ok: false,
      issues: {
        resourceIds: 'resourcesRequired',
        trafficType: 'trafficTypeInvalid',
        maxAggregationInterval: 'intervalInvalid',
        bucket: 'bucketRequired',
        folder: 'folderReserved',
        fields: 'fieldsRequired',
        fileFormat: 'fileFormatInvalid',
      },
      tagIssues: ['keyRequired'],
    });
  });
  it('rejects ids of another resource type, unknown fields and bad bucket names', () => {
    const result = checkCreateFlowLog({ ...base, resourceType: 'Subnet', logFormat: 'custom', fields: ['srcaddr', 'nope'], bucket: 'Bad_Bucket' });
    expect(result).toMatchObject({ ok: false, issues: { resourceIds: 'resourceIdInvalid', fields: 'fieldUnknown', bucket: 'bucketInvalid' } });
  });
  it('formats fields', () => {
    expect(logFormatOf(['a', 'b-c'])).toBe('${a} ${b-c}');
  });
});
