import { flowLogBasePrefix, flowLogPartitionPrefix, parseS3DestinationArn, type FlowLogFileFormat } from './s3-layout';

/**
 * Where a flow log's files land, for the console's details panel: the bucket, the fixed prefix up
 * to the Region level, the folder of a given day (and hour), and an example file name pattern.
 */
export interface FlowLogLanding {
  bucket: string;
  /** '' or 'folder/'. */
  folder: string;
  /** `[folder/]AWSLogs/<account>/vpcflowlogs/<region>/` (or its Hive-compatible form). */
  basePrefix: string;
  /** The folder the files of `time` land in (the day, and the hour with per-hour partitions). */
  currentPrefix: string;
  /** `<account>_vpcflowlogs_<region>_<flow-log-id>_<yyyyMMddTHHmmZ>_<hash>.log.gz` as a pattern. */
  fileNamePattern: string;
}

export function flowLogLanding(
  flowLog: {
    flowLogId: string;
    logDestinationType?: string;
    logDestination?: string | null;
    fileFormat?: FlowLogFileFormat | null;
    hiveCompatiblePartitions?: boolean;
    perHourPartition?: boolean;
  },
  accountId: string,
  region: string,
  time: Date = new Date(),
): FlowLogLanding | undefined {
  if (flowLog.logDestinationType !== 's3' || !flowLog.logDestination) return undefined;
  const parsed = parseS3DestinationArn(flowLog.logDestination);
  if (!parsed.ok) return undefined;
  const partitioning = {
    accountId,
    region,
    folder: parsed.value.folder,
    hiveCompatiblePartitions: Boolean(flowLog.hiveCompatiblePartitions),
    perHourPartition: Boolean(flowLog.perHourPartition),
  };
  const extension = flowLog.fileFormat === 'parquet' ? 'log.parquet' : 'log.gz';
  return {
    bucket: parsed.value.bucket,
    folder: parsed.value.folder,
    basePrefix: flowLogBasePrefix(partitioning),
    currentPrefix: flowLogPartitionPrefix(partitioning, time),
    fileNamePattern: `${accountId}_vpcflowlogs_${region}_${flowLog.flowLogId}_<yyyyMMddTHHmmZ>_<hash>.${extension}`,
  };
}
