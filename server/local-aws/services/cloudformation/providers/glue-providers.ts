import { AwsError } from '../../../errors';
import type { GlueDatabaseInput, GluePartitionInput, GlueStore, GlueTableInput } from '../../glue/glue-store';
import { requireProperty, ResourceFailure, stringMap, type ResourceProvider, type ResourceRequest } from '../resource-provider';

/** AWS::Glue::Database, AWS::Glue::Table and AWS::Glue::Partition, written through the Glue catalog. */
export function glueProviders(glue: GlueStore): Record<string, ResourceProvider> {
  return {
    'AWS::Glue::Database': {
      create(request) {
        checkCatalog(request);
        const input = objectProperty(request, 'DatabaseInput');
        const name = typeof input.Name === 'string' && input.Name !== '' ? input.Name : request.physicalName({ maxLength: 255, lowercase: true });
        const database = glue.createDatabase(request.region, {
          ...(input as Partial<GlueDatabaseInput>),
          Name: name,
          Parameters: stringMap(input.Parameters),
        });
        return { physicalId: database.Name };
      },
      delete(request) {
        ignoreMissing(() => glue.deleteDatabase(request.region, request.physicalId));
      },
    },
    'AWS::Glue::Table': {
      create(request) {
        checkCatalog(request);
        const databaseName = String(requireProperty(request, 'DatabaseName'));
        const input = normalizeTableInput(objectProperty(request, 'TableInput'));
        const name = typeof input.Name === 'string' && input.Name !== '' ? input.Name : request.physicalName({ maxLength: 255, lowercase: true });
        const table = glue.createTable(request.region, databaseName, { ...input, Name: name });
        return { physicalId: table.Name, attributes: { DatabaseName: table.DatabaseName } };
      },
      delete(request) {
        const databaseName = String(request.properties.DatabaseName ?? request.attributes.DatabaseName ?? '');
        ignoreMissing(() => glue.deleteTable(request.region, databaseName, request.physicalId));
      },
    },
    'AWS::Glue::Partition': {
      create(request) {
        checkCatalog(request);
        const databaseName = String(requireProperty(request, 'DatabaseName'));
        const tableName = String(requireProperty(request, 'TableName'));
        const input = objectProperty(request, 'PartitionInput');
        const values = Array.isArray(input.Values) ? input.Values.map(String) : [];
        const partition = glue.createPartition(request.region, databaseName, tableName, {
          ...(input as Partial<GluePartitionInput>),
          Values: values,
          Parameters: stringMap(input.Parameters),
          StorageDescriptor: input.StorageDescriptor ? normalizeStorage(input.StorageDescriptor as Record<string, unknown>) : undefined,
        });
        return {
          physicalId: [partition.DatabaseName, partition.TableName, ...partition.Values].join('|'),
          attributes: { DatabaseName: partition.DatabaseName, TableName: partition.TableName, Values: partition.Values },
        };
      },
      delete(request) {
        const { DatabaseName, TableName, Values } = request.attributes as { DatabaseName: string; TableName: string; Values: string[] };
        ignoreMissing(() => glue.deletePartition(request.region, DatabaseName, TableName, Values));
      },
    },
  };
}

function checkCatalog(request: ResourceRequest) {
  const catalogId = request.properties.CatalogId;
  if (catalogId !== undefined && String(catalogId) !== request.accountId) {
    throw new ResourceFailure(`Catalog ${String(catalogId)} is not this account's Data Catalog (${request.accountId}); local AWS has one catalog per account.`);
  }
}

function objectProperty(request: ResourceRequest, name: string): Record<string, unknown> {
  const value = requireProperty(request, name);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message: #/${name}: expected type: JSONObject, found: ${typeof value}`);
  }
  return value as Record<string, unknown>;
}

function bool(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  return String(value).toLowerCase() === 'true';
}

function normalizeColumns(columns: unknown) {
  if (!Array.isArray(columns)) return columns as undefined;
  return columns.map((column) => ({ ...column, ...(column?.Parameters ? { Parameters: stringMap(column.Parameters) } : {}) }));
}

function normalizeStorage(storage: Record<string, unknown>) {
  const serde = storage.SerdeInfo as Record<string, unknown> | undefined;
  return {
    ...storage,
    Columns: normalizeColumns(storage.Columns),
    ...(storage.Compressed !== undefined ? { Compressed: bool(storage.Compressed) } : {}),
    ...(storage.StoredAsSubDirectories !== undefined ? { StoredAsSubDirectories: bool(storage.StoredAsSubDirectories) } : {}),
    ...(storage.NumberOfBuckets !== undefined ? { NumberOfBuckets: Number(storage.NumberOfBuckets) } : {}),
    ...(storage.Parameters ? { Parameters: stringMap(storage.Parameters) } : {}),
    ...(serde ? { SerdeInfo: { ...serde, ...(serde.Parameters ? { Parameters: stringMap(serde.Parameters) } : {}) } } : {}),
  };
}

/** CloudFormation hands over YAML numbers and booleans; Glue stores string maps and typed flags. */
function normalizeTableInput(input: Record<string, unknown>): GlueTableInput {
  return {
    ...(input as Partial<GlueTableInput>),
    Name: input.Name as string,
    ...(input.Parameters ? { Parameters: stringMap(input.Parameters) } : {}),
    ...(input.PartitionKeys ? { PartitionKeys: normalizeColumns(input.PartitionKeys) } : {}),
    ...(input.StorageDescriptor ? { StorageDescriptor: normalizeStorage(input.StorageDescriptor as Record<string, unknown>) } : {}),
    ...(input.Retention !== undefined ? { Retention: Number(input.Retention) } : {}),
  };
}

function ignoreMissing(action: () => void) {
  try {
    action();
  } catch (error) {
    if (error instanceof AwsError && error.code === 'EntityNotFoundException') return;
    throw error;
  }
}
