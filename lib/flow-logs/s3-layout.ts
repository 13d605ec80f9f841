/**
 * Where VPC flow logs land in S3, as AWS writes them:
 *
 *   [folder/]AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<MM>/<dd>/[<HH>/]<file>
 *   [folder/]AWSLogs/aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/year=<yyyy>/month=<MM>/day=<dd>/[hour=<HH>/]<file>
 *
 * <file> = <account>_vpcflowlogs_<region>_<flow-log-id>_<yyyyMMddTHHmmZ>_<hash>.log.gz (.log.parquet for Parquet).
 * All dates are UTC and zero-padded.
 */

export type FlowLogFileFormat = 'plain-text' | 'parquet';

export interface FlowLogS3Destination {
  bucket: string;
  /** '' or a folder path ending in '/', e.g. 'my-logs/'. */
  folder: string;
}

export type ParsedS3Destination = { ok: true; value: FlowLogS3Destination } | { ok: false; reason: 'not-an-s3-arn' | 'reserved-folder'; message: string };

const S3_ARN = /^arn:aws[a-z-]*:s3:::([^/]+)(?:\/(.*))?$/;

/** Parses `arn:aws:s3:::bucket`, `arn:aws:s3:::bucket/` or `arn:aws:s3:::bucket/folder[/sub]/`. */
export function parseS3DestinationArn(arn: string): ParsedS3Destination {
  const match = S3_ARN.exec(arn.trim());
  if (!match || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(match[1])) {
    return {
      ok: false,
      reason: 'not-an-s3-arn',
      message: `LogDestination: ${arn} is not a valid S3 bucket ARN. Use arn:aws:s3:::bucket-name or arn:aws:s3:::bucket-name/folder/.`,
    };
  }
  const segments = (match[2] ?? '').split('/').filter((segment) => segment !== '');
  if (segments.includes('AWSLogs')) {
    return {
      ok: false,
      reason: 'reserved-folder',
      message: `LogDestination: ${arn} uses AWSLogs as a folder name. AWSLogs is a reserved term; choose another folder name.`,
    };
  }
  return { ok: true, value: { bucket: match[1], folder: segments.length ? `${segments.join('/')}/` : '' } };
}

export interface FlowLogPartitioning {
  accountId: string;
  region: string;
  /** From parseS3DestinationArn: '' or 'folder/'. */
  folder: string;
  hiveCompatiblePartitions: boolean;
  perHourPartition: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The part of the prefix that never changes: up to and including the region level. */
export function flowLogBasePrefix(p: Pick<FlowLogPartitioning, 'accountId' | 'region' | 'folder' | 'hiveCompatiblePartitions'>): string {
  return p.hiveCompatiblePartitions
    ? `${p.folder}AWSLogs/aws-account-id=${p.accountId}/aws-service=vpcflowlogs/aws-region=${p.region}/`
    : `${p.folder}AWSLogs/${p.accountId}/vpcflowlogs/${p.region}/`;
}

/** The date (and hour) folder for files whose timestamp is `time`. */
export function flowLogPartitionPrefix(p: FlowLogPartitioning, time: Date): string {
  const y = pad(time.getUTCFullYear(), 4);
  const m = pad(time.getUTCMonth() + 1);
  const d = pad(time.getUTCDate());
  const h = pad(time.getUTCHours());
  const datePart = p.hiveCompatiblePartitions
    ? `year=${y}/month=${m}/day=${d}/${p.perHourPartition ? `hour=${h}/` : ''}`
    : `${y}/${m}/${d}/${p.perHourPartition ? `${h}/` : ''}`;
  return flowLogBasePrefix(p) + datePart;
}

/** `20180620T1620Z`: the start of the 5-minute window whose records' end times the file holds. */
export function flowLogFileTimestamp(time: Date): string {
  return `${pad(time.getUTCFullYear(), 4)}${pad(time.getUTCMonth() + 1)}${pad(time.getUTCDate())}T${pad(time.getUTCHours())}${pad(time.getUTCMinutes())}Z`;
}

export function flowLogFileName(p: {
  accountId: string;
  region: string;
  flowLogId: string;
  time: Date;
  /** Eight lowercase hex characters. */
  hash: string;
  fileFormat: FlowLogFileFormat;
}): string {
  const extension = p.fileFormat === 'parquet' ? 'log.parquet' : 'log.gz';
  return `${p.accountId}_vpcflowlogs_${p.region}_${p.flowLogId}_${flowLogFileTimestamp(p.time)}_${p.hash}.${extension}`;
}

export function flowLogObjectKey(
  p: FlowLogPartitioning & { flowLogId: string; time: Date; hash: string; fileFormat: FlowLogFileFormat },
): string {
  return flowLogPartitionPrefix(p, p.time) + flowLogFileName(p);
}
