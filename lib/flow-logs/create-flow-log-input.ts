import { findFlowLogField } from './fields';
import { parseS3DestinationArn } from './s3-layout';
import { checkTags, type TagIssue, type TagRow } from '../ec2-tags';

/**
 * The "Create flow log" form: its values as the form holds them, the checks the console runs before
 * it calls CreateFlowLogs (the same ones EC2 runs, with issue codes the console turns into words),
 * and the CreateFlowLogs input they make. Only S3 destinations: the console creates no others.
 */

export const FLOW_LOG_RESOURCE_TYPES = ['VPC', 'Subnet', 'NetworkInterface'] as const;
export type FlowLogResourceType = (typeof FLOW_LOG_RESOURCE_TYPES)[number];

export const FLOW_LOG_TRAFFIC_TYPES = ['ACCEPT', 'REJECT', 'ALL'] as const;
export type FlowLogTrafficType = (typeof FLOW_LOG_TRAFFIC_TYPES)[number];

export const MAX_AGGREGATION_INTERVALS = [600, 60] as const;

export interface CreateFlowLogValues {
  resourceType: string;
  resourceIds: string[];
  trafficType: string;
  /** Seconds, as the form posts them: '600' or '60'. */
  maxAggregationInterval: string;
  bucket: string;
  /** Optional folder inside the bucket, with or without slashes around it. */
  folder: string;
  logFormat: 'default' | 'custom';
  /** Custom format: the chosen field names, in record order. */
  fields: string[];
  fileFormat: string;
  hiveCompatiblePartitions: boolean;
  perHourPartition: boolean;
  tags: TagRow[];
}

export type CreateFlowLogField = 'resourceType' | 'resourceIds' | 'trafficType' | 'maxAggregationInterval' | 'bucket' | 'folder' | 'fields' | 'fileFormat';

export type CreateFlowLogIssue =
  | 'resourceTypeInvalid'
  | 'resourcesRequired'
  | 'resourceIdInvalid'
  | 'trafficTypeInvalid'
  | 'intervalInvalid'
  | 'bucketRequired'
  | 'bucketInvalid'
  | 'folderReserved'
  | 'folderInvalid'
  | 'fieldsRequired'
  | 'fieldUnknown'
  | 'fileFormatInvalid';

/** CreateFlowLogs input in the SDK's member names (kept free of SDK types, so lib stays pure). */
export interface CreateFlowLogsInput {
  ResourceType: FlowLogResourceType;
  ResourceIds: string[];
  TrafficType: FlowLogTrafficType;
  MaxAggregationInterval: number;
  LogDestinationType: 's3';
  LogDestination: string;
  LogFormat?: string;
  DestinationOptions: { FileFormat: 'plain-text' | 'parquet'; HiveCompatiblePartitions: boolean; PerHourPartition: boolean };
  TagSpecifications?: { ResourceType: 'vpc-flow-log'; Tags: { Key: string; Value: string }[] }[];
}

export type CreateFlowLogCheck =
  | { ok: true; input: CreateFlowLogsInput }
  | { ok: false; issues: Partial<Record<CreateFlowLogField, CreateFlowLogIssue>>; tagIssues: (TagIssue | undefined)[] };

const RESOURCE_ID_PREFIX: Record<FlowLogResourceType, string> = { VPC: 'vpc-', Subnet: 'subnet-', NetworkInterface: 'eni-' };

/** `${a} ${b}`: the LogFormat for fields in this order. */
export function logFormatOf(fields: readonly string[]): string {
  return fields.map((name) => `\${${name}}`).join(' ');
}

/** `logs`, `/logs/`, `a//b` → `logs/`, `a/b/`; '' stays ''. */
export function normalizeFolder(folder: string): string {
  const segments = folder.split('/').filter((segment) => segment !== '');
  return segments.length ? `${segments.join('/')}/` : '';
}

/** The LogDestination ARN: `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/folder/`. */
export function s3DestinationArn(bucket: string, folder: string): string {
  const normalized = normalizeFolder(folder);
  return normalized ? `arn:aws:s3:::${bucket}/${normalized}` : `arn:aws:s3:::${bucket}`;
}

export function checkFolder(folder: string): CreateFlowLogIssue | undefined {
  const segments = folder.split('/').filter((segment) => segment !== '');
  if (segments.includes('AWSLogs')) return 'folderReserved';
  // Object keys allow anything, but a folder that needs escaping in an ARN or a URL is surely a typo.
  if (segments.some((segment) => /[\\{}^%`\]"'<>[~#|\s]/.test(segment) || segment === '.' || segment === '..')) return 'folderInvalid';
  return undefined;
}

export function checkCreateFlowLog(values: CreateFlowLogValues): CreateFlowLogCheck {
  const issues: Partial<Record<CreateFlowLogField, CreateFlowLogIssue>> = {};
  const resourceType = (FLOW_LOG_RESOURCE_TYPES as readonly string[]).includes(values.resourceType) ? (values.resourceType as FlowLogResourceType) : undefined;
  if (!resourceType) issues.resourceType = 'resourceTypeInvalid';
  const resourceIds = [...new Set(values.resourceIds.map((id) => id.trim()).filter(Boolean))];
  if (resourceIds.length === 0) issues.resourceIds = 'resourcesRequired';
  else if (resourceType && resourceIds.some((id) => !id.startsWith(RESOURCE_ID_PREFIX[resourceType]))) issues.resourceIds = 'resourceIdInvalid';

  const trafficType = (FLOW_LOG_TRAFFIC_TYPES as readonly string[]).includes(values.trafficType) ? (values.trafficType as FlowLogTrafficType) : undefined;
  if (!trafficType) issues.trafficType = 'trafficTypeInvalid';
  const interval = Number(values.maxAggregationInterval);
  if (!(MAX_AGGREGATION_INTERVALS as readonly number[]).includes(interval)) issues.maxAggregationInterval = 'intervalInvalid';

  const bucket = values.bucket.trim();
  if (!bucket) issues.bucket = 'bucketRequired';
  const folderIssue = checkFolder(values.folder);
  if (folderIssue) issues.folder = folderIssue;
  const destination = bucket ? s3DestinationArn(bucket, values.folder) : '';
  if (bucket && !folderIssue && !parseS3DestinationArn(destination).ok) issues.bucket = 'bucketInvalid';

  let logFormat: string | undefined;
  if (values.logFormat === 'custom') {
    if (values.fields.length === 0) issues.fields = 'fieldsRequired';
    else if (values.fields.some((name) => !findFlowLogField(name))) issues.fields = 'fieldUnknown';
    else logFormat = logFormatOf(values.fields);
  }
  const fileFormat = values.fileFormat === 'plain-text' || values.fileFormat === 'parquet' ? values.fileFormat : undefined;
  if (!fileFormat) issues.fileFormat = 'fileFormatInvalid';

  const tagIssues = checkTags(values.tags);
  if (Object.keys(issues).length > 0 || tagIssues.some(Boolean) || !resourceType || !trafficType || !fileFormat) {
    return { ok: false, issues, tagIssues };
  }
  const tags = values.tags.filter((tag) => tag.key.trim() !== '').map((tag) => ({ Key: tag.key.trim(), Value: tag.value }));
  return {
    ok: true,
    input: {
      ResourceType: resourceType,
      ResourceIds: resourceIds,
      TrafficType: trafficType,
      MaxAggregationInterval: interval,
      LogDestinationType: 's3',
      LogDestination: destination,
      ...(logFormat ? { LogFormat: logFormat } : {}),
      DestinationOptions: { FileFormat: fileFormat, HiveCompatiblePartitions: values.hiveCompatiblePartitions, PerHourPartition: values.perHourPartition },
      ...(tags.length ? { TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: tags }] } : {}),
    },
  };
}
