import { describe, expect, it } from 'vitest';
import { flowLogLanding } from './landing';

const time = new Date(Date.UTC(2024, 0, 5, 7, 30));

describe('flowLogLanding', () => {
  it('gives the plain layout under the folder', () => {
    expect(flowLogLanding({ flowLogId: 'fl-1', logDestinationType: 's3', logDestination: 'arn:aws:s3:::bkt/logs/' }, '123456789012', 'us-east-1', time)).toEqual({
      bucket: 'bkt',
      folder: 'logs/',
      basePrefix: 'logs/AWSLogs/123456789012/vpcflowlogs/us-east-1/',
      currentPrefix: 'logs/AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/01/05/',
      fileNamePattern: '123456789012_vpcflowlogs_us-east-1_fl-1_<yyyyMMddTHHmmZ>_<hash>.log.gz',
    });
  });
  it('gives the Hive-compatible hourly layout for Parquet', () => {
    const landing = flowLogLanding(
      { flowLogId: 'fl-2', logDestinationType: 's3', logDestination: 'arn:aws:s3:::bkt', fileFormat: 'parquet', hiveCompatiblePartitions: true, perHourPartition: true },
      '000000000000',
      'eu-west-1',
      time,
    );
    expect(landing?.currentPrefix).toBe('AWSLogs/aws-account-id=000000000000/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2024/month=01/day=05/hour=07/');
    expect(landing?.fileNamePattern.endsWith('.log.parquet')).toBe(true);
  });
  it('is undefined for other destinations', () => {
    expect(flowLogLanding({ flowLogId: 'fl-3', logDestinationType: 'cloud-watch-logs', logDestination: 'arn:aws:logs:us-east-1:1:log-group:x' }, '1', 'us-east-1')).toBeUndefined();
  });
});
