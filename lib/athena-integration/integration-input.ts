import type { FlowLogFileFormat } from '../flow-logs';

/** `PartitionLoadFrequency` of the EC2 API, lower case as on the wire. */
export const PARTITION_LOAD_FREQUENCIES = ['none', 'daily', 'weekly', 'monthly'] as const;
export type PartitionLoadFrequency = (typeof PARTITION_LOAD_FREQUENCIES)[number];

export function isPartitionLoadFrequency(value: string): value is PartitionLoadFrequency {
  return (PARTITION_LOAD_FREQUENCIES as readonly string[]).includes(value);
}

/** One `AthenaIntegration` entry of `GetFlowLogsIntegrationTemplate` (1–10 per request). */
export interface AthenaIntegration {
  /** Where Athena writes query results: `arn:aws:s3:::bucket[/prefix]`. */
  integrationResultS3DestinationArn: string;
  partitionLoadFrequency: PartitionLoadFrequency;
  partitionStartDate?: Date;
  partitionEndDate?: Date;
}

/**
 * What the template needs to know about the flow log: its id, record format and where (and how)
 * it writes to S3. Structurally a subset of a stored flow log, so local AWS passes its record and
 * the console passes what DescribeFlowLogs returned.
 */
export interface IntegrationFlowLog {
  flowLogId: string;
  /** The `${field}` LogFormat; undefined means the AWS default format. */
  logFormat?: string;
  /** The flow log's S3 destination ARN, `arn:aws:s3:::bucket[/folder/]`. */
  logDestination: string;
  destinationOptions?: {
    fileFormat?: FlowLogFileFormat;
    hiveCompatiblePartitions?: boolean;
    perHourPartition?: boolean;
  };
  /** The account and Region whose flow logs the table reads (they are part of the S3 path). */
  accountId: string;
  region: string;
}
