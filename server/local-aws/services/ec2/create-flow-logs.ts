import { createHash } from 'node:crypto';
import { DEFAULT_LOG_FORMAT, parseLogFormat, parseS3DestinationArn, type FlowLogFileFormat } from '../../../../lib/flow-logs';
import { AwsError } from '../../errors';
import type { QueryOperation } from '../../protocols/service-definition';
import type { XmlTree } from '../../protocols/xml-writer';
import type { S3Store } from '../s3/s3-store';
import { checkDryRun, readTags } from './ec2-common';
import { randomId } from './ec2-ids';
import type { Ec2Store, FlowLogRecord, LogDestinationType, Tag, TrafficType } from './ec2-store';

export interface FlowLogHooks {
  /** How far back a new S3 flow log's delivery starts (local AWS backfills history). */
  backfillSeconds(): number;
  /** Called after flow logs were created or deleted, so delivery can start or stop. */
  changed(): void;
}

/** Why a CloudWatch Logs / Firehose flow log never delivers on local AWS (shown as DeliverLogsErrorMessage). */
export const NO_DESTINATION_SERVICE_MESSAGE: Record<Exclude<LogDestinationType, 's3'>, string> = {
  'cloud-watch-logs': 'Local AWS has no CloudWatch Logs: records for this flow log are not delivered. Use an S3 destination.',
  'kinesis-data-firehose': 'Local AWS has no Kinesis Data Firehose: records for this flow log are not delivered. Use an S3 destination.',
};

const RESOURCE_TYPES = ['VPC', 'Subnet', 'NetworkInterface', 'TransitGateway', 'TransitGatewayAttachment'] as const;
type ResourceType = (typeof RESOURCE_TYPES)[number];
const TRAFFIC_TYPES: TrafficType[] = ['ACCEPT', 'REJECT', 'ALL'];
const DESTINATION_TYPES: LogDestinationType[] = ['cloud-watch-logs', 's3', 'kinesis-data-firehose'];
const WINDOW_SECONDS = 300;

interface CreateRequest {
  resourceType: ResourceType;
  resourceIds: string[];
  trafficType: TrafficType;
  logDestinationType: LogDestinationType;
  logDestination?: string;
  logGroupName?: string;
  deliverLogsPermissionArn?: string;
  deliverCrossAccountRole?: string;
  logFormat: string;
  maxAggregationInterval: 60 | 600;
  destinationOptions?: { fileFormat: FlowLogFileFormat; hiveCompatiblePartitions: boolean; perHourPartition: boolean };
  tags: Tag[];
}

interface Unsuccessful {
  resourceId: string;
  code: string;
  message: string;
}

const invalid = (message: string) => new AwsError('InvalidParameter', message);

export function createFlowLogs(store: Ec2Store, s3: S3Store, hooks: FlowLogHooks): QueryOperation {
  return (params, ctx) => {
    checkDryRun(params);
    const request = readRequest(params);

    const clientToken = params.get('ClientToken');
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    if (clientToken) {
      const previous = store.findClientToken(ctx.region, 'CreateFlowLogs', clientToken);
      if (previous) {
        if (previous.requestHash !== requestHash) {
          throw new AwsError(
            'IdempotentParameterMismatch',
            `The client token '${clientToken}' was already used for a CreateFlowLogs request with different parameters.`,
          );
        }
        return JSON.parse(previous.response) as XmlTree;
      }
    }

    const destinationProblem = checkDestination(request, s3);
    const topology = store.topology(ctx.region);
    const existing = store.listFlowLogs(ctx.region);
    const created: FlowLogRecord[] = [];
    const unsuccessful: Unsuccessful[] = [];
    const now = new Date();
    const deliverFrom = Math.floor((now.getTime() / 1000 - hooks.backfillSeconds()) / WINDOW_SECONDS) * WINDOW_SECONDS;

    for (const resourceId of request.resourceIds) {
      const missing = resourceMissing(request.resourceType, resourceId, topology);
      if (missing) {
        unsuccessful.push({ resourceId, ...missing });
        continue;
      }
      if (destinationProblem) {
        unsuccessful.push({ resourceId, code: '400', message: destinationProblem });
        continue;
      }
      const duplicate = [...existing, ...created].some(
        (flowLog) =>
          flowLog.resourceId === resourceId &&
          flowLog.trafficType === request.trafficType &&
          flowLog.logDestinationType === request.logDestinationType &&
          (flowLog.logDestination ?? '') === (request.logDestination ?? '') &&
          (flowLog.logGroupName ?? '') === (request.logGroupName ?? ''),
      );
      if (duplicate) {
        unsuccessful.push({
          resourceId,
          code: 'FlowLogAlreadyExists',
          message: 'Error. There is an existing Flow Log with the same configuration and log destination.',
        });
        continue;
      }
      const delivers = request.logDestinationType === 's3';
      created.push({
        flowLogId: randomId('fl'),
        region: ctx.region,
        accountId: store.accountId,
        resourceId,
        trafficType: request.trafficType,
        logDestinationType: request.logDestinationType,
        logDestination:
          request.logDestination ??
          (request.logGroupName ? `arn:aws:logs:${ctx.region}:${store.accountId}:log-group:${request.logGroupName}` : undefined),
        logGroupName: request.logGroupName,
        deliverLogsPermissionArn: request.deliverLogsPermissionArn,
        deliverCrossAccountRole: request.deliverCrossAccountRole,
        logFormat: request.logFormat,
        maxAggregationInterval: request.maxAggregationInterval,
        destinationOptions: request.destinationOptions,
        deliverLogsStatus: delivers ? 'SUCCESS' : 'FAILED',
        deliverLogsErrorMessage: delivers ? undefined : NO_DESTINATION_SERVICE_MESSAGE[request.logDestinationType as Exclude<LogDestinationType, 's3'>],
        creationTime: now,
        deliverFrom,
      });
    }

    store.insertFlowLogs(created.map((record) => ({ record, tags: request.tags })));
    const response: XmlTree = {
      clientToken,
      flowLogIdSet: created.map((flowLog) => flowLog.flowLogId),
      unsuccessful: unsuccessful.map((item) => ({ error: { code: item.code, message: item.message }, resourceId: item.resourceId })),
    };
    if (clientToken) store.saveClientToken(ctx.region, 'CreateFlowLogs', clientToken, requestHash, JSON.stringify(response));
    if (created.length > 0) hooks.changed();
    return response;
  };
}

function readRequest(params: import('../../protocols/query-params').QueryParams): CreateRequest {
  const resourceType = params.require('ResourceType') as ResourceType;
  if (!RESOURCE_TYPES.includes(resourceType)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${resourceType}) for parameter ResourceType is invalid. Valid values: ${RESOURCE_TYPES.join(', ')}.`,
    );
  }
  const resourceIds = params.list('ResourceId');
  if (resourceIds.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter ResourceId');

  const trafficTypeRaw = params.get('TrafficType');
  if (trafficTypeRaw === undefined && !resourceType.startsWith('TransitGateway')) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter TrafficType');
  }
  const trafficType = (trafficTypeRaw ?? 'ALL') as TrafficType;
  if (!TRAFFIC_TYPES.includes(trafficType)) {
    throw new AwsError('InvalidParameterValue', `Value (${trafficType}) for parameter TrafficType is invalid. Valid values: ACCEPT, REJECT, ALL.`);
  }

  const logDestinationType = (params.get('LogDestinationType') ?? 'cloud-watch-logs') as LogDestinationType;
  if (!DESTINATION_TYPES.includes(logDestinationType)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${logDestinationType}) for parameter LogDestinationType is invalid. Valid values: cloud-watch-logs, s3, kinesis-data-firehose.`,
    );
  }

  const maxAggregationInterval = params.int('MaxAggregationInterval') ?? 600;
  if (maxAggregationInterval !== 60 && maxAggregationInterval !== 600) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${maxAggregationInterval}) for parameter MaxAggregationInterval is invalid. Valid values: 60, 600.`,
    );
  }

  const rawFormat = params.get('LogFormat');
  let logFormat = DEFAULT_LOG_FORMAT;
  if (rawFormat !== undefined) {
    const parsed = parseLogFormat(rawFormat);
    if (!parsed.ok) {
      throw new AwsError(parsed.problem.kind === 'invalid-format' ? 'InvalidParameterValue' : 'InvalidParameter', parsed.problem.message);
    }
    logFormat = rawFormat;
  }

  const logDestination = params.get('LogDestination') || undefined;
  const logGroupName = params.get('LogGroupName') || undefined;
  const deliverLogsPermissionArn = params.get('DeliverLogsPermissionArn') || undefined;
  const deliverCrossAccountRole = params.get('DeliverCrossAccountRole') || undefined;

  let destinationOptions: CreateRequest['destinationOptions'];
  const options = params.struct('DestinationOptions');
  if (params.has('DestinationOptions') && logDestinationType !== 's3') {
    throw invalid('DestinationOptions is only supported for the s3 log destination type.');
  }
  if (logDestinationType === 's3') {
    const fileFormat = (options.get('FileFormat') ?? 'plain-text') as FlowLogFileFormat;
    if (fileFormat !== 'plain-text' && fileFormat !== 'parquet') {
      throw new AwsError('InvalidParameterValue', `Value (${fileFormat}) for parameter DestinationOptions.FileFormat is invalid. Valid values: plain-text, parquet.`);
    }
    destinationOptions = {
      fileFormat,
      hiveCompatiblePartitions: options.bool('HiveCompatiblePartitions') ?? false,
      perHourPartition: options.bool('PerHourPartition') ?? false,
    };
    if (!logDestination) throw invalid('LogDestination is required for the s3 log destination type.');
    if (deliverLogsPermissionArn) throw invalid('DeliverLogsPermissionArn is not applicable for s3 delivery');
    if (logGroupName) throw invalid('LogGroupName is not applicable for s3 delivery');
    const parsed = parseS3DestinationArn(logDestination);
    if (!parsed.ok) throw invalid(parsed.message);
  } else if (logDestinationType === 'cloud-watch-logs') {
    if (!logGroupName && !logDestination) throw invalid('Either LogGroupName or LogDestination is required for the cloud-watch-logs log destination type.');
    if (logGroupName && logDestination) throw invalid('Specify either LogGroupName or LogDestination, not both.');
    if (!deliverLogsPermissionArn) throw invalid('DeliverLogsPermissionArn is required for the cloud-watch-logs log destination type.');
  } else {
    if (!logDestination) throw invalid('LogDestination is required for the kinesis-data-firehose log destination type.');
    if (logGroupName) throw invalid('LogGroupName is not applicable for kinesis-data-firehose delivery');
  }

  const tags: Tag[] = [];
  for (const spec of params.structs('TagSpecification')) {
    const type = spec.get('ResourceType');
    if (type !== 'vpc-flow-log') {
      throw new AwsError('InvalidParameterValue', `'${type ?? ''}' is not a valid taggable resource type for this operation.`);
    }
    tags.push(...readTags(spec));
  }
  if (tags.length > 50) throw new AwsError('TagLimitExceeded', 'The maximum number of tags for a resource is 50.');

  return {
    resourceType,
    resourceIds,
    trafficType,
    logDestinationType,
    logDestination,
    logGroupName,
    deliverLogsPermissionArn,
    deliverCrossAccountRole,
    logFormat,
    maxAggregationInterval,
    destinationOptions,
    tags,
  };
}

/** EC2 checks the destination per resource and reports it in Unsuccessful with code "400". */
function checkDestination(request: CreateRequest, s3: S3Store): string | undefined {
  if (request.logDestinationType !== 's3') return undefined;
  const parsed = parseS3DestinationArn(request.logDestination!);
  if (!parsed.ok) return parsed.message;
  if (!s3.getBucket(parsed.value.bucket)) return `LogDestination: ${parsed.value.bucket} does not exist`;
  return undefined;
}

function resourceMissing(
  type: ResourceType,
  resourceId: string,
  topology: import('./demo-topology').DemoTopology,
): { code: string; message: string } | undefined {
  switch (type) {
    case 'VPC':
      return topology.vpcs.some((vpc) => vpc.vpcId === resourceId)
        ? undefined
        : { code: 'InvalidVpcID.NotFound', message: `The vpc ID '${resourceId}' does not exist` };
    case 'Subnet':
      return topology.subnets.some((subnet) => subnet.subnetId === resourceId)
        ? undefined
        : { code: 'InvalidSubnetID.NotFound', message: `The subnet ID '${resourceId}' does not exist` };
    case 'NetworkInterface':
      return topology.interfaces.some((eni) => eni.networkInterfaceId === resourceId)
        ? undefined
        : { code: 'InvalidNetworkInterfaceID.NotFound', message: `The networkInterface ID '${resourceId}' does not exist` };
    case 'TransitGateway':
      return { code: 'InvalidTransitGatewayID.NotFound', message: `Transit Gateway ${resourceId} was deleted or does not exist.` };
    case 'TransitGatewayAttachment':
      return {
        code: 'InvalidTransitGatewayAttachmentID.NotFound',
        message: `Transit Gateway Attachment ${resourceId} was deleted or does not exist.`,
      };
  }
}
