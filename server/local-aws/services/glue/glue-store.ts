import { AwsError } from '../../errors';
import type { Db } from '../../store/database';
import { compilePartitionExpression } from './partition-expression';

/**
 * The Glue Data Catalog of local AWS, shared by the Glue API, CloudFormation's AWS::Glue::*
 * providers and Athena (table metadata, DDL: CREATE EXTERNAL TABLE, ALTER TABLE ADD PARTITION,
 * MSCK REPAIR TABLE). Records use the Glue API's JSON shapes, keyed by region. Names are lower-cased
 * on write and matched case-insensitively, as Glue does. Failures are AwsErrors with Glue's codes
 * (EntityNotFoundException, AlreadyExistsException, InvalidInputException) so callers can pass them on.
 *
 * Timestamps are Date objects; the awsJson1.1 codec renders them as epoch seconds.
 */

export interface GlueColumn {
  Name: string;
  Type?: string;
  Comment?: string;
  Parameters?: Record<string, string>;
}

export interface GlueSerDeInfo {
  Name?: string;
  SerializationLibrary?: string;
  Parameters?: Record<string, string>;
}

export interface GlueStorageDescriptor {
  Columns?: GlueColumn[];
  Location?: string;
  InputFormat?: string;
  OutputFormat?: string;
  Compressed?: boolean;
  NumberOfBuckets?: number;
  SerdeInfo?: GlueSerDeInfo;
  BucketColumns?: string[];
  SortColumns?: { Column: string; SortOrder: number }[];
  Parameters?: Record<string, string>;
  StoredAsSubDirectories?: boolean;
  [extra: string]: unknown;
}

export interface GlueDatabaseInput {
  Name: string;
  Description?: string;
  LocationUri?: string;
  Parameters?: Record<string, string>;
  [extra: string]: unknown;
}

export interface GlueDatabase extends GlueDatabaseInput {
  CreateTime: Date;
  CatalogId: string;
}

export interface GlueTableInput {
  Name: string;
  Description?: string;
  Owner?: string;
  Retention?: number;
  StorageDescriptor?: GlueStorageDescriptor;
  PartitionKeys?: GlueColumn[];
  ViewOriginalText?: string;
  ViewExpandedText?: string;
  TableType?: string;
  Parameters?: Record<string, string>;
  [extra: string]: unknown;
}

export interface GlueTable extends GlueTableInput {
  DatabaseName: string;
  CreateTime: Date;
  UpdateTime: Date;
  IsRegisteredWithLakeFormation: boolean;
  CatalogId: string;
  VersionId: string;
}

export interface GluePartitionInput {
  Values: string[];
  StorageDescriptor?: GlueStorageDescriptor;
  Parameters?: Record<string, string>;
  LastAccessTime?: Date;
  [extra: string]: unknown;
}

export interface GluePartition extends GluePartitionInput {
  DatabaseName: string;
  TableName: string;
  CreationTime: Date;
  CatalogId: string;
}

/** One failed entry of BatchCreatePartition / BatchDeletePartition, in Glue's PartitionError shape. */
export interface GluePartitionError {
  PartitionValues: string[];
  ErrorDetail: { ErrorCode: string; ErrorMessage: string };
}

export type GlueChange =
  | { kind: 'database'; action: 'create' | 'update' | 'delete'; region: string; databaseName: string }
  | { kind: 'table'; action: 'create' | 'update' | 'delete'; region: string; databaseName: string; tableName: string }
  | {
      kind: 'partition';
      action: 'create' | 'update' | 'delete';
      region: string;
      databaseName: string;
      tableName: string;
      values: string[];
    };

export const glueErrors = {
  databaseNotFound: (name: string) => new AwsError('EntityNotFoundException', `Database ${name} not found.`),
  tableNotFound: (name: string) => new AwsError('EntityNotFoundException', `Table ${name} not found.`),
  partitionNotFound: () => new AwsError('EntityNotFoundException', 'Cannot find partition.'),
  databaseExists: () => new AwsError('AlreadyExistsException', 'Database already exists.'),
  tableExists: () => new AwsError('AlreadyExistsException', 'Table already exists.'),
  partitionExists: () => new AwsError('AlreadyExistsException', 'Partition already exists.'),
  invalidInput: (message: string) => new AwsError('InvalidInputException', message),
};

const DATE_FIELDS = new Set(['CreateTime', 'UpdateTime', 'LastAccessTime', 'CreationTime', 'LastAnalyzedTime']);
/** Glue's single-line string pattern for names: no control characters other than tab. */
const NAME_PATTERN = /^[\u0020-\uD7FF\uE000-\uFFFD\t\uD800-\uDFFF]{1,255}$/;

export class GlueStore {
  private readonly listeners: ((change: GlueChange) => void)[] = [];

  constructor(
    readonly db: Db,
    private readonly accountId = '000000000000',
  ) {}

  /** Observers notified after every committed catalog change (Athena caches, the console). */
  onChange(listener: (change: GlueChange) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  // ---------------------------------------------------------------- databases

  getDatabase(region: string, name: string): GlueDatabase | undefined {
    const raw = this.db
      .prepare('SELECT record FROM glue_databases WHERE region = ? AND name = ?')
      .pluck()
      .get(region, normalizeName(name)) as string | undefined;
    return raw === undefined ? undefined : revive<GlueDatabase>(raw);
  }

  requireDatabase(region: string, name: string): GlueDatabase {
    const database = this.getDatabase(region, name);
    if (!database) throw glueErrors.databaseNotFound(name);
    return database;
  }

  listDatabases(region: string): GlueDatabase[] {
    const rows = this.db.prepare('SELECT record FROM glue_databases WHERE region = ? ORDER BY name').pluck().all(region) as string[];
    return rows.map((raw) => revive<GlueDatabase>(raw));
  }

  createDatabase(region: string, input: GlueDatabaseInput): GlueDatabase {
    const name = validName(input?.Name, 'databaseInput.name');
    const record: GlueDatabase = {
      ...stripUndefined(input),
      Name: name,
      Parameters: input.Parameters ?? {},
      CreateTime: new Date(),
      CatalogId: this.accountId,
    };
    const inserted = this.db
      .prepare('INSERT OR IGNORE INTO glue_databases (region, name, record) VALUES (?, ?, ?)')
      .run(region, name, serialize(record));
    if (inserted.changes === 0) throw glueErrors.databaseExists();
    this.emit({ kind: 'database', action: 'create', region, databaseName: name });
    return record;
  }

  updateDatabase(region: string, name: string, input: GlueDatabaseInput): GlueDatabase {
    const existing = this.requireDatabase(region, name);
    const record: GlueDatabase = {
      ...stripUndefined(input),
      Name: existing.Name,
      Parameters: input.Parameters ?? {},
      CreateTime: existing.CreateTime,
      CatalogId: existing.CatalogId,
    };
    this.db.prepare('UPDATE glue_databases SET record = ? WHERE region = ? AND name = ?').run(serialize(record), region, existing.Name);
    this.emit({ kind: 'database', action: 'update', region, databaseName: existing.Name });
    return record;
  }

  /** Deletes the database with all its tables and partitions, as Glue does. */
  deleteDatabase(region: string, name: string): void {
    const normalized = normalizeName(name);
    const deleted = this.db.transaction(() => {
      const result = this.db.prepare('DELETE FROM glue_databases WHERE region = ? AND name = ?').run(region, normalized);
      if (result.changes === 0) return false;
      this.db.prepare('DELETE FROM glue_tables WHERE region = ? AND database_name = ?').run(region, normalized);
      this.db.prepare('DELETE FROM glue_partitions WHERE region = ? AND database_name = ?').run(region, normalized);
      return true;
    })();
    if (!deleted) throw glueErrors.databaseNotFound(name);
    this.emit({ kind: 'database', action: 'delete', region, databaseName: normalized });
  }

  // ---------------------------------------------------------------- tables

  getTable(region: string, databaseName: string, name: string): GlueTable | undefined {
    const raw = this.db
      .prepare('SELECT record FROM glue_tables WHERE region = ? AND database_name = ? AND name = ?')
      .pluck()
      .get(region, normalizeName(databaseName), normalizeName(name)) as string | undefined;
    return raw === undefined ? undefined : revive<GlueTable>(raw);
  }

  /** The table, or EntityNotFoundException naming the database or the table that is missing. */
  requireTable(region: string, databaseName: string, name: string): GlueTable {
    const table = this.getTable(region, databaseName, name);
    if (table) return table;
    this.requireDatabase(region, databaseName);
    throw glueErrors.tableNotFound(name);
  }

  /**
   * Tables of a database, by name. `expression` is GetTables' name pattern: `*` is a wildcard,
   * `|` separates alternatives, the rest is a case-insensitive regular expression over the name.
   */
  listTables(region: string, databaseName: string, options: { expression?: string } = {}): GlueTable[] {
    this.requireDatabase(region, databaseName);
    const rows = this.db
      .prepare('SELECT record FROM glue_tables WHERE region = ? AND database_name = ? ORDER BY name')
      .pluck()
      .all(region, normalizeName(databaseName)) as string[];
    const tables = rows.map((raw) => revive<GlueTable>(raw));
    const matcher = compileNamePattern(options.expression);
    return matcher ? tables.filter((table) => matcher.test(table.Name)) : tables;
  }

  createTable(region: string, databaseName: string, input: GlueTableInput): GlueTable {
    const name = validName(input?.Name, 'tableInput.name');
    const database = this.requireDatabase(region, databaseName);
    validateColumns(input.PartitionKeys, 'tableInput.partitionKeys');
    validateColumns(input.StorageDescriptor?.Columns, 'tableInput.storageDescriptor.columns');
    const now = new Date();
    const record: GlueTable = {
      ...stripUndefined(input),
      Name: name,
      DatabaseName: database.Name,
      CreateTime: now,
      UpdateTime: now,
      PartitionKeys: input.PartitionKeys ?? [],
      Retention: input.Retention ?? 0,
      IsRegisteredWithLakeFormation: false,
      CatalogId: this.accountId,
      VersionId: '0',
    };
    const inserted = this.db
      .prepare('INSERT OR IGNORE INTO glue_tables (region, database_name, name, record) VALUES (?, ?, ?, ?)')
      .run(region, database.Name, name, serialize(record));
    if (inserted.changes === 0) throw glueErrors.tableExists();
    this.emit({ kind: 'table', action: 'create', region, databaseName: database.Name, tableName: name });
    return record;
  }

  /** Replaces a table's definition (UpdateTable): CreateTime stays, UpdateTime and VersionId move on. */
  updateTable(region: string, databaseName: string, input: GlueTableInput): GlueTable {
    const name = validName(input?.Name, 'tableInput.name');
    const existing = this.requireTable(region, databaseName, name);
    validateColumns(input.PartitionKeys, 'tableInput.partitionKeys');
    validateColumns(input.StorageDescriptor?.Columns, 'tableInput.storageDescriptor.columns');
    const record: GlueTable = {
      ...stripUndefined(input),
      Name: existing.Name,
      DatabaseName: existing.DatabaseName,
      CreateTime: existing.CreateTime,
      UpdateTime: new Date(),
      PartitionKeys: input.PartitionKeys ?? [],
      Retention: input.Retention ?? 0,
      IsRegisteredWithLakeFormation: false,
      CatalogId: existing.CatalogId,
      VersionId: String(Number(existing.VersionId ?? '0') + 1),
    };
    this.db
      .prepare('UPDATE glue_tables SET record = ? WHERE region = ? AND database_name = ? AND name = ?')
      .run(serialize(record), region, existing.DatabaseName, existing.Name);
    this.emit({ kind: 'table', action: 'update', region, databaseName: existing.DatabaseName, tableName: existing.Name });
    return record;
  }

  /** Deletes the table and its partitions. */
  deleteTable(region: string, databaseName: string, name: string): void {
    const table = this.requireTable(region, databaseName, name);
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM glue_tables WHERE region = ? AND database_name = ? AND name = ?')
        .run(region, table.DatabaseName, table.Name);
      this.db
        .prepare('DELETE FROM glue_partitions WHERE region = ? AND database_name = ? AND table_name = ?')
        .run(region, table.DatabaseName, table.Name);
    })();
    this.emit({ kind: 'table', action: 'delete', region, databaseName: table.DatabaseName, tableName: table.Name });
  }

  // ---------------------------------------------------------------- partitions

  getPartition(region: string, databaseName: string, tableName: string, values: string[]): GluePartition | undefined {
    const table = this.requireTable(region, databaseName, tableName);
    const raw = this.db
      .prepare('SELECT record FROM glue_partitions WHERE region = ? AND database_name = ? AND table_name = ? AND values_key = ?')
      .pluck()
      .get(region, table.DatabaseName, table.Name, valuesKey(values)) as string | undefined;
    return raw === undefined ? undefined : revive<GluePartition>(raw);
  }

  requirePartition(region: string, databaseName: string, tableName: string, values: string[]): GluePartition {
    const partition = this.getPartition(region, databaseName, tableName, values);
    if (!partition) throw glueErrors.partitionNotFound();
    return partition;
  }

  /** Partitions of a table, filtered by a Glue partition predicate (see partition-expression.ts). */
  getPartitions(region: string, databaseName: string, tableName: string, expression?: string): GluePartition[] {
    const table = this.requireTable(region, databaseName, tableName);
    const predicate = compilePartitionExpression(expression, table.PartitionKeys ?? []);
    const rows = this.db
      .prepare('SELECT record FROM glue_partitions WHERE region = ? AND database_name = ? AND table_name = ? ORDER BY values_key')
      .pluck()
      .all(region, table.DatabaseName, table.Name) as string[];
    const partitions: GluePartition[] = [];
    for (const raw of rows) {
      const partition = revive<GluePartition>(raw);
      if (predicate(partition.Values)) partitions.push(partition);
    }
    return partitions;
  }

  createPartition(region: string, databaseName: string, tableName: string, input: GluePartitionInput): GluePartition {
    const table = this.requireTable(region, databaseName, tableName);
    const record = this.partitionRecord(table, input);
    if (!this.insertPartition(region, record)) throw glueErrors.partitionExists();
    this.emit({ kind: 'partition', action: 'create', region, databaseName: table.DatabaseName, tableName: table.Name, values: record.Values });
    return record;
  }

  /**
   * Creates many partitions in one transaction. Entries that fail (already there, bad values) are
   * reported per entry in Glue's PartitionError shape; the others are created.
   */
  batchCreatePartition(
    region: string,
    databaseName: string,
    tableName: string,
    inputs: GluePartitionInput[],
  ): { errors: GluePartitionError[]; created: GluePartition[] } {
    const table = this.requireTable(region, databaseName, tableName);
    const errors: GluePartitionError[] = [];
    const created: GluePartition[] = [];
    this.db.transaction(() => {
      for (const input of inputs) {
        try {
          const record = this.partitionRecord(table, input);
          if (!this.insertPartition(region, record)) throw glueErrors.partitionExists();
          created.push(record);
        } catch (error) {
          if (!(error instanceof AwsError)) throw error;
          errors.push({
            PartitionValues: Array.isArray(input?.Values) ? input.Values.map(String) : [],
            ErrorDetail: { ErrorCode: error.code, ErrorMessage: error.message },
          });
        }
      }
    })();
    for (const record of created) {
      this.emit({ kind: 'partition', action: 'create', region, databaseName: table.DatabaseName, tableName: table.Name, values: record.Values });
    }
    return { errors, created };
  }

  updatePartition(region: string, databaseName: string, tableName: string, values: string[], input: GluePartitionInput): GluePartition {
    const table = this.requireTable(region, databaseName, tableName);
    const existing = this.requirePartition(region, databaseName, tableName, values);
    const record = { ...this.partitionRecord(table, input), CreationTime: existing.CreationTime };
    this.db.transaction(() => {
      this.deletePartitionRow(region, table, existing.Values);
      if (!this.insertPartition(region, record)) throw glueErrors.partitionExists();
    })();
    this.emit({ kind: 'partition', action: 'update', region, databaseName: table.DatabaseName, tableName: table.Name, values: record.Values });
    return record;
  }

  deletePartition(region: string, databaseName: string, tableName: string, values: string[]): void {
    const table = this.requireTable(region, databaseName, tableName);
    if (!this.deletePartitionRow(region, table, values)) throw glueErrors.partitionNotFound();
    this.emit({ kind: 'partition', action: 'delete', region, databaseName: table.DatabaseName, tableName: table.Name, values });
  }

  batchDeletePartition(region: string, databaseName: string, tableName: string, valuesList: string[][]): { errors: GluePartitionError[] } {
    const table = this.requireTable(region, databaseName, tableName);
    const errors: GluePartitionError[] = [];
    const deleted: string[][] = [];
    this.db.transaction(() => {
      for (const values of valuesList) {
        if (this.deletePartitionRow(region, table, values)) deleted.push(values);
        else {
          const error = glueErrors.partitionNotFound();
          errors.push({ PartitionValues: values, ErrorDetail: { ErrorCode: error.code, ErrorMessage: error.message } });
        }
      }
    })();
    for (const values of deleted) {
      this.emit({ kind: 'partition', action: 'delete', region, databaseName: table.DatabaseName, tableName: table.Name, values });
    }
    return { errors };
  }

  // ---------------------------------------------------------------- internals

  private partitionRecord(table: GlueTable, input: GluePartitionInput): GluePartition {
    if (!input || !Array.isArray(input.Values) || input.Values.some((v) => typeof v !== 'string')) {
      throw glueErrors.invalidInput('Partition values must be a list of strings.');
    }
    const keyCount = table.PartitionKeys?.length ?? 0;
    if (input.Values.length !== keyCount) {
      throw glueErrors.invalidInput(
        `The number of partition keys do not match the number of partition values (table ${table.Name} has ${keyCount} partition keys, got ${input.Values.length} values).`,
      );
    }
    return {
      ...stripUndefined(input),
      Values: [...input.Values],
      DatabaseName: table.DatabaseName,
      TableName: table.Name,
      CreationTime: new Date(),
      CatalogId: this.accountId,
    };
  }

  private insertPartition(region: string, record: GluePartition): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO glue_partitions (region, database_name, table_name, values_key, record) VALUES (?, ?, ?, ?, ?)')
      .run(region, record.DatabaseName, record.TableName, valuesKey(record.Values), serialize(record));
    return result.changes === 1;
  }

  private deletePartitionRow(region: string, table: GlueTable, values: string[]): boolean {
    const result = this.db
      .prepare('DELETE FROM glue_partitions WHERE region = ? AND database_name = ? AND table_name = ? AND values_key = ?')
      .run(region, table.DatabaseName, table.Name, valuesKey(values));
    return result.changes === 1;
  }

  private emit(change: GlueChange) {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // An observer's failure must never fail the catalog change that triggered it.
      }
    }
  }
}

function normalizeName(name: string): string {
  return String(name ?? '').toLowerCase();
}

function validName(name: unknown, field: string): string {
  if (typeof name !== 'string' || name === '') {
    throw glueErrors.invalidInput(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  if (!NAME_PATTERN.test(name)) {
    throw glueErrors.invalidInput(
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]* and length 1-255`,
    );
  }
  return name.toLowerCase();
}

function validateColumns(columns: unknown, field: string) {
  if (columns === undefined || columns === null) return;
  if (!Array.isArray(columns)) throw glueErrors.invalidInput(`${field} must be a list of columns.`);
  columns.forEach((column, i) => {
    if (!column || typeof column !== 'object' || typeof (column as GlueColumn).Name !== 'string' || (column as GlueColumn).Name === '') {
      throw glueErrors.invalidInput(`1 validation error detected: Value null at '${field}.${i + 1}.member.name' failed to satisfy constraint: Member must not be null`);
    }
  });
}

function valuesKey(values: string[]): string {
  return JSON.stringify((values ?? []).map(String));
}

function compileNamePattern(expression: string | undefined): RegExp | undefined {
  if (expression === undefined || expression.trim() === '') return undefined;
  const alternatives = expression.split('|').map((part) => part.trim().replace(/(^|[^.\\])\*/g, '$1.*'));
  try {
    return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
  } catch {
    throw glueErrors.invalidInput(`Invalid table name pattern: ${expression}`);
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

function serialize(record: object): string {
  return JSON.stringify(record);
}

/** Parses a stored record, turning the timestamp fields back into Dates. */
function revive<T>(raw: string): T {
  return JSON.parse(raw, (key, value) => {
    if (!DATE_FIELDS.has(key)) return value;
    // Stored Dates are ISO strings; a number can only be an epoch-seconds input stored as sent.
    if (typeof value === 'string') return new Date(value);
    if (typeof value === 'number') return new Date(value * 1000);
    return value;
  }) as T;
}
