import {
  athenaIntegrationIneligibility,
  buildIntegrationTemplate,
  checkPartitionDates,
  clashingTableNames,
  isPartitionLoadFrequency,
  parseS3Arn,
  planIntegrations,
  renderTemplateYaml,
  templateObjectKey,
  templateObjectUrl,
  PARTITION_LOAD_FREQUENCIES,
  type AthenaIntegration,
  type IntegrationFlowLog,
  type PartitionDateIssue,
  type S3Location,
} from '../../../../lib/athena-integration';
import { AwsError } from '../../errors';
import type { QueryParams } from '../../protocols/query-params';
import type { QueryOperation } from '../../protocols/service-definition';
import { MissingBucketError, type S3Store } from '../s3/s3-store';
import { checkDryRun } from './ec2-common';
import type { FlowLogRecord } from './ec2-store';

/**
 * EC2 GetFlowLogsIntegrationTemplate: renders the Athena integration template of an S3 flow log, writes
 * it to the ConfigDeliveryS3DestinationArn location and answers with its URL (team reference §1).
 *
 * Wire keys as the SDKs send them: `IntegrateService.AthenaIntegration.N.{IntegrationResultS3DestinationArn,
 * PartitionLoadFrequency, PartitionStartDate, PartitionEndDate}` (`IntegrateServices.AthenaIntegrations.N`
 * from naive clients is accepted too). AWS documents no errors for the operation; the codes follow EC2's
 * conventions: MissingParameter for absent parameters, InvalidParameterValue for malformed values,
 * InvalidParameter for well-formed values that name something unusable, InvalidFlowLogId.NotFound.
 */

export const MAX_ATHENA_INTEGRATIONS = 10;

export interface IntegrationTemplateDeps {
  flowLogs: { getFlowLog(flowLogId: string): FlowLogRecord | undefined };
  s3: S3Store;
  now?: () => Date;
}

interface WireIntegration {
  /** `IntegrateService.AthenaIntegration.2`: how errors name the entry. */
  name: string;
  integration: AthenaIntegration;
  result: S3Location;
}

export function getFlowLogsIntegrationTemplate(deps: IntegrationTemplateDeps): QueryOperation {
  const now = deps.now ?? (() => new Date());
  return async (params, ctx) => {
    const time = now();
    const flowLogId = params.require('FlowLogId');
    const configArn = params.require('ConfigDeliveryS3DestinationArn');
    const config = s3Location(configArn, 'ConfigDeliveryS3DestinationArn');
    const integrations = readIntegrations(params, time);

    const clashes = clashingTableNames(
      planIntegrations({ flowLog: { flowLogId, logDestination: '', accountId: '', region: '' }, integrations: integrations.map((i) => i.integration) }),
    );
    if (clashes.length > 0) {
      throw new AwsError(
        'InvalidParameterValue',
        `Two Athena integrations would create the same table ${clashes[0]}. Give each integration a different PartitionLoadFrequency or partition dates.`,
      );
    }

    const flowLog = deps.flowLogs.getFlowLog(flowLogId);
    if (!flowLog || flowLog.region !== ctx.region) {
      throw new AwsError('InvalidFlowLogId.NotFound', `The flow log ID '${flowLogId}' does not exist`);
    }
    const ineligible = athenaIntegrationIneligibility(flowLog);
    if (ineligible || !flowLog.logDestination) throw new AwsError('InvalidParameter', ineligible ?? `Flow log ${flowLogId} has no S3 destination.`);

    requireBucket(deps.s3, config.bucket, 'ConfigDeliveryS3DestinationArn', ctx.region);
    for (const entry of integrations) requireBucket(deps.s3, entry.result.bucket, `${entry.name}.IntegrationResultS3DestinationArn`, ctx.region);

    checkDryRun(params);

    const source: IntegrationFlowLog = {
      flowLogId: flowLog.flowLogId,
      logFormat: flowLog.logFormat,
      logDestination: flowLog.logDestination,
      destinationOptions: flowLog.destinationOptions,
      accountId: flowLog.accountId,
      region: flowLog.region,
    };
    const yaml = renderTemplateYaml(buildIntegrationTemplate({ flowLog: source, integrations: integrations.map((i) => i.integration) }));
    const key = templateObjectKey(config, flowLogId, time);
    const file = await deps.s3.files.write(Buffer.from(yaml, 'utf8'));
    try {
      await deps.s3.commitObject(config.bucket, key, file, { contentType: 'application/yaml' }, {}, {});
    } catch (error) {
      if (error instanceof MissingBucketError) throw missingBucket(config.bucket, 'ConfigDeliveryS3DestinationArn');
      throw error;
    }
    return { result: templateObjectUrl(config.bucket, ctx.region, key) };
  };
}

function readIntegrations(params: QueryParams, now: Date): WireIntegration[] {
  let entries = params.struct('IntegrateService').structs('AthenaIntegration');
  let prefix = 'IntegrateService.AthenaIntegration';
  if (entries.length === 0 && params.has('IntegrateServices')) {
    entries = params.struct('IntegrateServices').structs('AthenaIntegrations');
    prefix = 'IntegrateServices.AthenaIntegrations';
  }
  if (entries.length === 0) {
    if (params.has('IntegrateService') || params.has('IntegrateServices')) {
      throw new AwsError(
        'InvalidParameterValue',
        `IntegrateService.AthenaIntegration must contain between 1 and ${MAX_ATHENA_INTEGRATIONS} Athena integrations; the request has none.`,
      );
    }
    throw new AwsError('MissingParameter', 'The request must contain the parameter IntegrateService');
  }
  if (entries.length > MAX_ATHENA_INTEGRATIONS) {
    throw new AwsError(
      'InvalidParameterValue',
      `IntegrateService.AthenaIntegration must contain between 1 and ${MAX_ATHENA_INTEGRATIONS} Athena integrations; the request has ${entries.length}.`,
    );
  }
  return entries.map((entry, index) => {
    // SDKs number entries 1..N; errors name an entry the way the request did.
    const name = `${prefix}.${index + 1}`;
    const resultArn = entry.require('IntegrationResultS3DestinationArn');
    const frequency = entry.require('PartitionLoadFrequency');
    if (!isPartitionLoadFrequency(frequency)) {
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${frequency}) for parameter ${name}.PartitionLoadFrequency is invalid. Valid values: ${PARTITION_LOAD_FREQUENCIES.join(', ')}.`,
      );
    }
    const start = timestamp(entry, `${name}.PartitionStartDate`, 'PartitionStartDate');
    const end = timestamp(entry, `${name}.PartitionEndDate`, 'PartitionEndDate');
    const [issue] = checkPartitionDates(frequency, start, end, now);
    if (issue) throw dateError(issue, name, start, end);
    return {
      name,
      result: s3Location(resultArn, `${name}.IntegrationResultS3DestinationArn`),
      integration: { integrationResultS3DestinationArn: resultArn, partitionLoadFrequency: frequency, partitionStartDate: start, partitionEndDate: end },
    };
  });
}

/**
 * ISO-8601 timestamps as the SDKs send them (`2021-07-21T00:40:00Z`, `…00.000Z`), without a zone
 * (the CLI's `2021-07-21T00:40:00`, read as UTC), with an offset, or a bare date.
 */
export function parseWireTimestamp(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (match) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
    const date = new Date(iso);
    // Reject calendar dates JavaScript would roll over (2021-02-30 → March 2).
    const calendar = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    const real = calendar.getUTCMonth() === Number(mo) - 1 && calendar.getUTCDate() === Number(d);
    return real && !Number.isNaN(date.getTime()) ? date : undefined;
  }
  // Epoch seconds, as some serializers send timestamps.
  if (/^\d{9,10}(\.\d+)?$/.test(text.trim())) return new Date(Number(text.trim()) * 1000);
  return undefined;
}

function timestamp(entry: QueryParams, fullName: string, name: string): Date | undefined {
  const raw = entry.get(name);
  if (raw === undefined || raw === '') return undefined;
  const date = parseWireTimestamp(raw);
  if (!date) {
    throw new AwsError('InvalidParameterValue', `Value (${raw}) for parameter ${fullName} is invalid. Expected an ISO 8601 timestamp such as 2021-07-21T00:40:00Z.`);
  }
  return date;
}

function dateError(issue: PartitionDateIssue, name: string, start: Date | undefined, end: Date | undefined): AwsError {
  const param = `${name}.${issue.field === 'partitionStartDate' ? 'PartitionStartDate' : 'PartitionEndDate'}`;
  const value = issue.field === 'partitionStartDate' ? start : end;
  switch (issue.rule) {
    case 'requiredForNone':
      return new AwsError('MissingParameter', `The request must contain the parameter ${param} when PartitionLoadFrequency is none`);
    case 'requiredWithEnd':
      return new AwsError('MissingParameter', `The request must contain the parameter ${param} when ${name}.PartitionEndDate is given`);
    case 'notInPast':
      return new AwsError(
        'InvalidParameterValue',
        `Value (${value?.toISOString()}) for parameter ${param} is invalid. With PartitionLoadFrequency none the partition dates must be in the past.`,
      );
    case 'endBeforeStart':
      return new AwsError(
        'InvalidParameterValue',
        `Value (${end?.toISOString()}) for parameter ${param} is invalid. The partition end date is before the partition start date (${start?.toISOString()}).`,
      );
  }
}

function s3Location(arn: string, param: string): S3Location {
  const parsed = parseS3Arn(arn);
  if (!parsed.ok) throw new AwsError('InvalidParameterValue', `Value (${arn}) for parameter ${param} is invalid. ${parsed.message}`);
  return parsed.value;
}

function missingBucket(bucket: string, param: string): AwsError {
  return new AwsError('InvalidParameter', `${param}: the S3 bucket ${bucket} does not exist.`);
}

function requireBucket(s3: S3Store, bucket: string, param: string, region: string) {
  const record = s3.getBucket(bucket);
  if (!record) throw missingBucket(bucket, param);
  if (record.region !== region) {
    throw new AwsError('InvalidParameter', `${param}: the S3 bucket ${bucket} is in ${record.region}; it must be in ${region}, the Region of the flow log.`);
  }
}
