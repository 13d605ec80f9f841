import { DEFAULT_LOG_FORMAT, logFormatUpToVersion } from '../flow-logs';
import type { AthenaIntegration, IntegrationFlowLog } from './integration-input';

/** Flow logs and integrations shared by this folder's tests. */

export const V3_FORMAT =
  '${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start} ${end} ${action} ${tcp-flags} ${log-status}';

/** The custom version 5 format of AWS's record examples. */
export const V5_FORMAT =
  '${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${start} ${end} ${type} ${packets} ${bytes} ${account-id} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${region} ${az-id} ${sublocation-type} ${sublocation-id} ${action} ${tcp-flags} ${pkt-srcaddr} ${pkt-dstaddr} ${pkt-src-aws-service} ${pkt-dst-aws-service} ${traffic-path} ${flow-direction} ${log-status}';

export const EVERY_FIELD_FORMAT = logFormatUpToVersion(8);

/** A NAT-gateway style format: addresses only, no bytes. */
export const NAT_FORMAT = '${instance-id} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr}';

export const FORMATS: Record<string, string | undefined> = {
  default: undefined,
  'default (explicit)': DEFAULT_LOG_FORMAT,
  v3: V3_FORMAT,
  v5: V5_FORMAT,
  'every field': EVERY_FIELD_FORMAT,
  nat: NAT_FORMAT,
};

export const FLOW_LOG_ID = 'fl-0af0b31dcb7649c1d';

export function flowLog(overrides: Partial<IntegrationFlowLog> = {}): IntegrationFlowLog {
  return {
    flowLogId: FLOW_LOG_ID,
    logDestination: 'arn:aws:s3:::my-flow-logs',
    accountId: '000000000000',
    region: 'us-east-1',
    ...overrides,
  };
}

export const RESULTS_ARN = 'arn:aws:s3:::my-flow-logs-analysis/athena-query-results/';

export function integration(overrides: Partial<AthenaIntegration> = {}): AthenaIntegration {
  return { integrationResultS3DestinationArn: RESULTS_ARN, partitionLoadFrequency: 'daily', ...overrides };
}

export const APRIL_15 = new Date('2021-04-15T00:00:00Z');
export const APRIL_20 = new Date('2021-04-20T00:00:00Z');
