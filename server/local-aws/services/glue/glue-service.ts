import { createHash } from 'node:crypto';
import { AwsError } from '../../errors';
import type { Json11Service } from '../../protocols/service-definition';
import type { GlueDatabaseInput, GluePartitionInput, GlueStore, GlueTableInput } from './glue-store';

/**
 * Glue (awsJson1.1, `X-Amz-Target: AWSGlue.<Operation>`) over the local Data Catalog: databases,
 * tables and partitions, with Glue's error codes and its partition-predicate filtering.
 */
export function createGlueService(store: GlueStore): Json11Service {
  return {
    name: 'Glue',
    signingName: 'glue',
    protocol: 'json-1.1',
    targetPrefix: 'AWSGlue',
    operations: {
      CreateDatabase: (input, ctx) => {
        store.createDatabase(ctx.region, structure<GlueDatabaseInput>(input, 'DatabaseInput'));
        return {};
      },
      GetDatabase: (input, ctx) => ({ Database: store.requireDatabase(ctx.region, requireString(input, 'Name')) }),
      GetDatabases: (input, ctx) => {
        const page = paginate(store.listDatabases(ctx.region), input, 100);
        return { DatabaseList: page.items, NextToken: page.nextToken };
      },
      UpdateDatabase: (input, ctx) => {
        store.updateDatabase(ctx.region, requireString(input, 'Name'), structure<GlueDatabaseInput>(input, 'DatabaseInput'));
        return {};
      },
      DeleteDatabase: (input, ctx) => {
        store.deleteDatabase(ctx.region, requireString(input, 'Name'));
        return {};
      },

      CreateTable: (input, ctx) => {
        store.createTable(ctx.region, requireString(input, 'DatabaseName'), structure<GlueTableInput>(input, 'TableInput'));
        return {};
      },
      GetTable: (input, ctx) => ({
        Table: store.requireTable(ctx.region, requireString(input, 'DatabaseName'), requireString(input, 'Name')),
      }),
      GetTables: (input, ctx) => {
        const tables = store.listTables(ctx.region, requireString(input, 'DatabaseName'), {
          expression: optionalString(input, 'Expression'),
        });
        const page = paginate(tables, input, 100);
        return { TableList: page.items, NextToken: page.nextToken };
      },
      UpdateTable: (input, ctx) => {
        store.updateTable(ctx.region, requireString(input, 'DatabaseName'), structure<GlueTableInput>(input, 'TableInput'));
        return {};
      },
      DeleteTable: (input, ctx) => {
        store.deleteTable(ctx.region, requireString(input, 'DatabaseName'), requireString(input, 'Name'));
        return {};
      },
      BatchDeleteTable: (input, ctx) => {
        const databaseName = requireString(input, 'DatabaseName');
        const errors: unknown[] = [];
        for (const name of stringList(input, 'TablesToDelete')) {
          try {
            store.deleteTable(ctx.region, databaseName, name);
          } catch (error) {
            if (!(error instanceof AwsError)) throw error;
            errors.push({ TableName: name, ErrorDetail: { ErrorCode: error.code, ErrorMessage: error.message } });
          }
        }
        return { Errors: errors };
      },

      GetPartition: (input, ctx) => ({
        Partition: store.requirePartition(
          ctx.region,
          requireString(input, 'DatabaseName'),
          requireString(input, 'TableName'),
          stringList(input, 'PartitionValues'),
        ),
      }),
      GetPartitions: (input, ctx) => {
        const segment = readSegment(input.Segment);
        const all = store.getPartitions(
          ctx.region,
          requireString(input, 'DatabaseName'),
          requireString(input, 'TableName'),
          optionalString(input, 'Expression'),
        );
        // Segments split the partitions into disjoint sets that together hold every one, so parallel
        // readers (Spark, Glue ETL) see each partition exactly once. A partition's segment follows
        // from its values alone, so one added between two readers' calls moves no other.
        const partitions = segment
          ? all.filter((partition) => segmentOf((partition as { Values?: string[] }).Values ?? [], segment.total) === segment.number)
          : all;
        const page = paginate(partitions, input, 1000);
        return { Partitions: page.items, NextToken: page.nextToken };
      },
      BatchGetPartition: (input, ctx) => {
        const databaseName = requireString(input, 'DatabaseName');
        const tableName = requireString(input, 'TableName');
        const wanted = list(input, 'PartitionsToGet') as { Values?: string[] }[];
        const partitions = [];
        const unprocessed = [];
        for (const entry of wanted) {
          const found = store.getPartition(ctx.region, databaseName, tableName, entry?.Values ?? []);
          if (found) partitions.push(found);
          else unprocessed.push(entry);
        }
        return { Partitions: partitions, UnprocessedKeys: unprocessed };
      },
      CreatePartition: (input, ctx) => {
        store.createPartition(
          ctx.region,
          requireString(input, 'DatabaseName'),
          requireString(input, 'TableName'),
          structure<GluePartitionInput>(input, 'PartitionInput'),
        );
        return {};
      },
      BatchCreatePartition: (input, ctx) => {
        const inputs = list(input, 'PartitionInputList') as GluePartitionInput[];
        if (inputs.length > 100) {
          throw invalidInput(`1 validation error detected: Value at 'partitionInputList' failed to satisfy constraint: Member must have length less than or equal to 100`);
        }
        const { errors } = store.batchCreatePartition(ctx.region, requireString(input, 'DatabaseName'), requireString(input, 'TableName'), inputs);
        return { Errors: errors };
      },
      UpdatePartition: (input, ctx) => {
        store.updatePartition(
          ctx.region,
          requireString(input, 'DatabaseName'),
          requireString(input, 'TableName'),
          stringList(input, 'PartitionValueList'),
          structure<GluePartitionInput>(input, 'PartitionInput'),
        );
        return {};
      },
      DeletePartition: (input, ctx) => {
        store.deletePartition(
          ctx.region,
          requireString(input, 'DatabaseName'),
          requireString(input, 'TableName'),
          stringList(input, 'PartitionValues'),
        );
        return {};
      },
      BatchDeletePartition: (input, ctx) => {
        const entries = list(input, 'PartitionsToDelete') as { Values?: string[] }[];
        if (entries.length > 25) {
          throw invalidInput(`1 validation error detected: Value at 'partitionsToDelete' failed to satisfy constraint: Member must have length less than or equal to 25`);
        }
        const { errors } = store.batchDeletePartition(
          ctx.region,
          requireString(input, 'DatabaseName'),
          requireString(input, 'TableName'),
          entries.map((entry) => (Array.isArray(entry?.Values) ? entry.Values.map(String) : [])),
        );
        return { Errors: errors };
      },
    },
  };
}

function invalidInput(message: string) {
  return new AwsError('InvalidInputException', message);
}

function lowerFirst(name: string) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function requireString(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw invalidInput(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidInput(`${name} must be a string.`);
  return value;
}

function structure<T>(input: Record<string, unknown>, name: string): T {
  const value = input[name];
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidInput(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return value as T;
}

function list(input: Record<string, unknown>, name: string): unknown[] {
  const value = input[name];
  if (!Array.isArray(value)) {
    throw invalidInput(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function stringList(input: Record<string, unknown>, name: string): string[] {
  return list(input, name).map((value) => String(value));
}

/** Offset pagination with an opaque token; MaxResults defaults to the operation's page size. */
function paginate<T>(items: T[], input: Record<string, unknown>, defaultPageSize: number): { items: T[]; nextToken?: string } {
  const max = input.MaxResults === undefined || input.MaxResults === null ? defaultPageSize : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1) {
    throw invalidInput(`1 validation error detected: Value '${String(input.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  let offset = 0;
  const token = input.NextToken;
  if (typeof token === 'string' && token !== '') {
    const decoded = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw invalidInput('Invalid pagination token.');
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + max);
  const next = offset + max < items.length ? Buffer.from(`o${offset + max}`).toString('base64url') : undefined;
  return { items: slice, nextToken: next };
}

/** GetPartitions `Segment`: TotalSegments 1–10, SegmentNumber 0 to TotalSegments − 1, as Glue allows. */
function readSegment(raw: unknown): { number: number; total: number } | undefined {
  if (raw === undefined || raw === null) return undefined;
  const segment = raw as { SegmentNumber?: unknown; TotalSegments?: unknown };
  const total = segment.TotalSegments;
  const number = segment.SegmentNumber;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 1 || total > 10) {
    throw new AwsError('InvalidInputException', 'Segment.TotalSegments must be an integer from 1 to 10');
  }
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number >= total) {
    throw new AwsError('InvalidInputException', `Segment.SegmentNumber must be an integer from 0 to ${total - 1}`);
  }
  return { number, total };
}

/** A partition's segment: from a hash of its values, so it is stable and evenly spread. */
function segmentOf(values: string[], total: number): number {
  return createHash('md5').update(values.join('\u0001')).digest().readUInt32BE(0) % total;
}
