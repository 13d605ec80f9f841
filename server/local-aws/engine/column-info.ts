import type { SqlType } from './sql-types';
import { trinoTypeName } from './sql-types';

/** Athena's ColumnInfo, as GetQueryResults returns it (and the .metadata sidecar carries it). */
export interface ColumnInfo {
  CatalogName: string;
  SchemaName: string;
  TableName: string;
  Name: string;
  Label: string;
  Type: string;
  Precision: number;
  Scale: number;
  Nullable: 'NOT_NULL' | 'NULLABLE' | 'UNKNOWN';
  CaseSensitive: boolean;
}

/**
 * ColumnInfo for a result column of a query, as real Athena fills it in (measured): catalog `hive`,
 * empty schema and table, Nullable UNKNOWN, Precision/Scale by type (`integer` 10, `bigint` 19,
 * `double`/`float` 17, unbounded `varchar` 2147483647, `timestamp` 3, `decimal` its digits…),
 * CaseSensitive only for varchar and char.
 */
export function columnInfo(name: string, type: SqlType): ColumnInfo {
  return {
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Name: name,
    Label: name,
    Type: type.kind === 'real' ? 'float' : trinoTypeName(type),
    Precision: precisionOf(type),
    Scale: type.kind === 'decimal' ? type.scale : 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: type.kind === 'varchar' || type.kind === 'char',
  };
}

/** The `string` columns of SHOW/DESCRIBE results (Hive's spelling, precision 0). */
export function stringColumnInfo(name: string): ColumnInfo {
  return {
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Name: name,
    Label: name,
    Type: 'string',
    Precision: 0,
    Scale: 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: false,
  };
}

function precisionOf(type: SqlType): number {
  switch (type.kind) {
    case 'tinyint':
      return 3;
    case 'smallint':
      return 5;
    case 'integer':
      return 10;
    case 'bigint':
      return 19;
    case 'real':
    case 'double':
      return 17;
    case 'decimal':
      return type.precision;
    case 'varchar':
      return type.length ?? 2147483647;
    case 'char':
      return type.length ?? 1;
    case 'varbinary':
      return 1073741824;
    case 'timestamp':
    case 'time':
      return 3;
    default:
      return 0;
  }
}

/**
 * Which optional fields the `.metadata` protobuf carries for a column of this Athena type (measured:
 * presence depends on the type, not on the value): 7 Precision, 8 Scale, 10 CaseSensitive.
 */
export function metadataFieldsPresent(type: string): { precision: boolean; scale: boolean; caseSensitive: boolean } {
  switch (type) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'double':
    case 'float':
    case 'decimal':
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'timestamp':
    case 'timestamp with time zone':
    case 'time':
    case 'time with time zone':
      return { precision: true, scale: true, caseSensitive: true };
    case 'boolean':
    case 'interval day to second':
    case 'interval year to month':
      return { precision: false, scale: false, caseSensitive: true };
    case 'date':
      return { precision: false, scale: true, caseSensitive: true };
    default:
      return { precision: false, scale: false, caseSensitive: false };
  }
}
