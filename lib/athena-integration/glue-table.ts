import {
  findFlowLogField,
  flowLogBasePrefix,
  flowLogColumnName,
  logFormatFields,
  parseS3DestinationArn,
  type FlowLogFileFormat,
} from '../flow-logs';
import type { IntegrationFlowLog, PartitionLoadFrequency } from './integration-input';

/**
 * The Glue table of one integration, derived from the flow log: a column per LogFormat field, partition
 * keys that follow the S3 layout, and the SerDe of the file format (team reference §2.5).
 */

export interface GlueColumn {
  Name: string;
  Type: 'int' | 'bigint' | 'string';
}

/** How much time one partition covers. */
export type PartitionGranularity = 'month' | 'day' | 'hour';

/**
 * Monthly loading makes month partitions (`…/2021/04/`, which Athena reads with every day beneath it);
 * the other frequencies make day partitions, or hour partitions when the flow log writes an hour level.
 */
export function partitionGranularity(frequency: PartitionLoadFrequency, perHourPartition: boolean): PartitionGranularity {
  if (frequency === 'monthly') return 'month';
  return perHourPartition ? 'hour' : 'day';
}

/**
 * One column per field of the format, in order, named as AWS's Athena DDL names them (`-` → `_`).
 * AWS lets a format repeat a field; a table cannot repeat a column, so repeats get `_2`, `_3`, ….
 */
export function glueColumns(fields: readonly string[]): GlueColumn[] {
  const seen = new Map<string, number>();
  return fields.map((field) => {
    const base = flowLogColumnName(field);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const type = findFlowLogField(field)?.athenaType ?? 'string';
    return { Name: count === 1 ? base : `${base}_${count}`, Type: type };
  });
}

/** The Hive-compatible layout's leading levels, named as in Athena's own DDL for such flow logs. */
export const HIVE_PREFIX_PARTITION_KEYS = ['aws-account-id', 'aws-service', 'aws-region'] as const;

export function partitionKeys(hiveCompatiblePartitions: boolean, granularity: PartitionGranularity): GlueColumn[] {
  const time = granularity === 'month' ? ['year', 'month'] : granularity === 'day' ? ['year', 'month', 'day'] : ['year', 'month', 'day', 'hour'];
  const names = hiveCompatiblePartitions ? [...HIVE_PREFIX_PARTITION_KEYS, ...time] : time;
  return names.map((Name) => ({ Name, Type: 'string' as const }));
}

/**
 * The table location: the level above the first partition key. Plain layout:
 * `s3://bucket/[folder/]AWSLogs/<account>/vpcflowlogs/<region>/`; Hive-compatible: `s3://bucket/[folder/]AWSLogs/`.
 */
export function tableLocation(flowLog: Pick<IntegrationFlowLog, 'logDestination' | 'accountId' | 'region' | 'destinationOptions'>): string {
  const destination = parseS3DestinationArn(flowLog.logDestination);
  if (!destination.ok) throw new Error(destination.message);
  const { bucket, folder } = destination.value;
  if (flowLog.destinationOptions?.hiveCompatiblePartitions) return `s3://${bucket}/${folder}AWSLogs/`;
  return `s3://${bucket}/${flowLogBasePrefix({ folder, accountId: flowLog.accountId, region: flowLog.region, hiveCompatiblePartitions: false })}`;
}

const TEXT_STORAGE = {
  InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
  SerdeInfo: {
    SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
    Parameters: { 'field.delim': ' ', 'serialization.format': ' ' },
  },
};

const PARQUET_STORAGE = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  SerdeInfo: {
    SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    Parameters: { 'serialization.format': '1' },
  },
};

/** Table parameters: text files are gzip with a header line of field names; Parquet is self-describing. */
function tableParameters(fileFormat: FlowLogFileFormat): Record<string, string> {
  return fileFormat === 'parquet'
    ? { EXTERNAL: 'true' }
    : { EXTERNAL: 'true', 'skip.header.line.count': '1', compressionType: 'gzip' };
}

export interface GlueTableInput {
  Name: string;
  Description: string;
  TableType: 'EXTERNAL_TABLE';
  Parameters: Record<string, string>;
  PartitionKeys: GlueColumn[];
  StorageDescriptor: {
    Location: string;
    InputFormat: string;
    OutputFormat: string;
    SerdeInfo: { SerializationLibrary: string; Parameters: Record<string, string> };
    Columns: GlueColumn[];
  };
}

/** The `TableInput` of the `AWS::Glue::Table` for one integration. */
export function glueTableInput(flowLog: IntegrationFlowLog, frequency: PartitionLoadFrequency, tableName: string): GlueTableInput {
  const fileFormat = flowLog.destinationOptions?.fileFormat ?? 'plain-text';
  const hive = flowLog.destinationOptions?.hiveCompatiblePartitions ?? false;
  const granularity = partitionGranularity(frequency, flowLog.destinationOptions?.perHourPartition ?? false);
  const storage = fileFormat === 'parquet' ? PARQUET_STORAGE : TEXT_STORAGE;
  return {
    Name: tableName,
    Description: 'This table has the schema for vpc flow logs information.',
    TableType: 'EXTERNAL_TABLE',
    Parameters: tableParameters(fileFormat),
    PartitionKeys: partitionKeys(hive, granularity),
    StorageDescriptor: {
      Location: tableLocation(flowLog),
      InputFormat: storage.InputFormat,
      OutputFormat: storage.OutputFormat,
      SerdeInfo: { SerializationLibrary: storage.SerdeInfo.SerializationLibrary, Parameters: { ...storage.SerdeInfo.Parameters } },
      Columns: glueColumns(logFormatFields(flowLog.logFormat)),
    },
  };
}
