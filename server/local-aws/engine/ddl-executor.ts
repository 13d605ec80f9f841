import { AwsError } from '../errors';
import type { GlueStore, GlueTable, GlueTableInput } from '../services/glue/glue-store';
import { stringColumnInfo, type ColumnInfo } from './column-info';
import { parseHiveDdl, type ColumnDef, type DdlCommand, type PartitionSpec, type TableName } from './hive-ddl';
import { QueryFailure } from './query-errors';
import { glueColumnType, hiveTypeName } from './sql-types';
import { catalogTable, parseS3Location, type TableCatalog } from './table-scan';

/**
 * Runs Hive DDL, SHOW and DESCRIBE against the Glue catalog, so that what a statement changes is what
 * the Glue API (and the console) sees. Output is what Athena writes to `<id>.txt`: one line per row,
 * SHOW COLUMNS / DESCRIBE padded to 20 characters the Hive way.
 */

export interface DdlResult {
  lines: string[];
  columns: ColumnInfo[];
  /** Athena returns UpdateCount 0 for SHOW statements and leaves it out for DDL and DESCRIBE. */
  updateCount?: number;
}

export interface DdlContext {
  region: string;
  database?: string;
}

const LAZY_SIMPLE_SERDE = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe';
const TEXT_INPUT = 'org.apache.hadoop.mapred.TextInputFormat';
const TEXT_OUTPUT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';

function failed(message: string, type = 1301): QueryFailure {
  return new QueryFailure('FAILED', `FAILED: ${message}`, { raw: true, category: 2, type });
}

export class DdlExecutor {
  constructor(
    private readonly glue: GlueStore,
    private readonly tables: TableCatalog,
  ) {}

  run(sql: string, context: DdlContext): DdlResult {
    const command = parseHiveDdl(sql);
    try {
      return this.execute(command, context);
    } catch (error) {
      if (error instanceof AwsError) throw failed(`${error.code}: ${error.message}`, 1000);
      throw error;
    }
  }

  private database(name: string | undefined, context: DdlContext): string {
    return (name ?? context.database ?? 'default').toLowerCase();
  }

  /** Athena accounts always have `default`; it is created in Glue the first time a statement needs it. */
  private requireDatabase(region: string, database: string) {
    if (this.glue.getDatabase(region, database)) return;
    if (database === 'default') {
      this.glue.createDatabase(region, { Name: 'default', Description: 'Default Hive database', Parameters: {} });
      return;
    }
    throw failed(`SemanticException [Error 10072]: Database does not exist: ${database}`);
  }

  private requireTable(region: string, name: TableName, context: DdlContext): GlueTable {
    const database = this.database(name.database, context);
    const table = this.glue.getTable(region, database, name.table);
    if (!table) {
      this.requireDatabase(region, database);
      throw failed(`SemanticException [Error 10001]: Table not found ${database}.${name.table.toLowerCase()}`);
    }
    return table;
  }

  private execute(command: DdlCommand, context: DdlContext): DdlResult {
    const region = context.region;
    const none: DdlResult = { lines: [], columns: [] };
    switch (command.kind) {
      case 'createTable': {
        const database = this.database(command.name.database, context);
        this.requireDatabase(region, database);
        const tableName = command.name.table.toLowerCase();
        if (this.glue.getTable(region, database, tableName)) {
          if (command.ifNotExists) return none;
          throw failed(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Table ${tableName} already exists)`, 1000);
        }
        const icebergRequested = Object.entries(command.tblProperties).some(([k, v]) => k.toLowerCase() === 'table_type' && v.toLowerCase() === 'iceberg');
        if (icebergRequested) throw new QueryFailure('NOT_SUPPORTED', 'Iceberg tables are not supported by local Athena');
        if (!command.external) throw failed('SemanticException Only external table creation is supported. Use CREATE EXTERNAL TABLE.', 1200);
        if (!command.location) throw failed('SemanticException No location was specified for table. An S3 location must be specified', 1100);
        if (!parseS3Location(command.location)) throw failed(`SemanticException Invalid S3 location: ${command.location}`, 1100);
        const serde = command.serde ?? LAZY_SIMPLE_SERDE;
        const serdeParameters = { ...command.serdeProperties };
        if (serde === LAZY_SIMPLE_SERDE && serdeParameters['serialization.format'] === undefined) serdeParameters['serialization.format'] = serdeParameters['field.delim'] ?? '1';
        const input: GlueTableInput = {
          Name: tableName,
          ...(command.comment ? { Description: command.comment } : {}),
          TableType: 'EXTERNAL_TABLE',
          Parameters: {
            EXTERNAL: 'TRUE',
            ...command.tblProperties,
            ...(command.comment ? { comment: command.comment } : {}),
            transient_lastDdlTime: String(Math.floor(Date.now() / 1000)),
          },
          PartitionKeys: command.partitionKeys.map(glueColumn),
          StorageDescriptor: {
            Columns: command.columns.map(glueColumn),
            Location: command.location,
            InputFormat: command.inputFormat ?? TEXT_INPUT,
            OutputFormat: command.outputFormat ?? TEXT_OUTPUT,
            Compressed: false,
            NumberOfBuckets: -1,
            SerdeInfo: { SerializationLibrary: serde, Parameters: serdeParameters },
            BucketColumns: [],
            SortColumns: [],
            Parameters: {},
            StoredAsSubDirectories: false,
          },
        };
        this.glue.createTable(region, database, input);
        return none;
      }
      case 'dropTable': {
        const database = this.database(command.name.database, context);
        const table = this.glue.getTable(region, database, command.name.table);
        if (!table) {
          if (command.ifExists) return none;
          this.requireDatabase(region, database);
          throw failed(`SemanticException [Error 10001]: Table not found ${database}.${command.name.table.toLowerCase()}`);
        }
        this.glue.deleteTable(region, database, table.Name);
        return none;
      }
      case 'createDatabase': {
        const name = command.name.toLowerCase();
        if (this.glue.getDatabase(region, name)) {
          if (command.ifNotExists) return none;
          throw failed(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. Database ${name} already exists`, 1000);
        }
        this.glue.createDatabase(region, {
          Name: name,
          ...(command.comment ? { Description: command.comment } : {}),
          ...(command.location ? { LocationUri: command.location } : {}),
          Parameters: command.properties,
        });
        return none;
      }
      case 'dropDatabase': {
        const name = command.name.toLowerCase();
        if (!this.glue.getDatabase(region, name)) {
          if (command.ifExists) return none;
          throw failed(`SemanticException [Error 10072]: Database does not exist: ${name}`);
        }
        if (!command.cascade && this.glue.listTables(region, name).length > 0) {
          throw failed(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. InvalidOperationException(message:Database ${name} is not empty. One or more tables exist.)`, 1000);
        }
        this.glue.deleteDatabase(region, name);
        return none;
      }
      case 'addPartitions': {
        const table = this.requireTable(region, command.name, context);
        const keys = (table.PartitionKeys ?? []).map((k) => k.Name.toLowerCase());
        if (keys.length === 0) throw failed(`SemanticException [Error 10241]: Table is not partitioned but partition spec exists: ${JSON.stringify(command.partitions[0].spec)}`, 1000);
        for (const partition of command.partitions) {
          const values = fullSpecValues(partition.spec, keys);
          if (this.glue.getPartition(region, table.DatabaseName, table.Name, values)) {
            if (command.ifNotExists) continue;
            throw failed(
              `Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Partition already exists: ${specText(keys, values)})`,
              1000,
            );
          }
          const location = partition.location ?? `${withSlash(table.StorageDescriptor?.Location ?? '')}${keys.map((k, i) => `${k}=${escapePathValue(values[i])}`).join('/')}/`;
          this.glue.createPartition(region, table.DatabaseName, table.Name, {
            Values: values,
            StorageDescriptor: { ...(table.StorageDescriptor ?? {}), Location: location },
            Parameters: {},
          });
        }
        return none;
      }
      case 'dropPartitions': {
        const table = this.requireTable(region, command.name, context);
        const keys = (table.PartitionKeys ?? []).map((k) => k.Name.toLowerCase());
        for (const spec of command.specs) {
          for (const [key] of spec) if (!keys.includes(key)) throw failed(`SemanticException [Error 10006]: Partition not found ${specDisplay(spec)}`, 1000);
          const matching = this.glue
            .getPartitions(region, table.DatabaseName, table.Name)
            .filter((p) => spec.every(([key, value]) => p.Values[keys.indexOf(key)] === value));
          if (matching.length === 0 && !command.ifExists) throw failed(`SemanticException [Error 10006]: Partition not found ${specDisplay(spec)}`, 1000);
          for (const p of matching) this.glue.deletePartition(region, table.DatabaseName, table.Name, p.Values);
        }
        return none;
      }
      case 'setLocation': {
        const table = this.requireTable(region, command.name, context);
        this.glue.updateTable(region, table.DatabaseName, { ...tableInput(table), StorageDescriptor: { ...(table.StorageDescriptor ?? {}), Location: command.location } });
        return none;
      }
      case 'setTblProperties': {
        const table = this.requireTable(region, command.name, context);
        this.glue.updateTable(region, table.DatabaseName, { ...tableInput(table), Parameters: { ...(table.Parameters ?? {}), ...command.properties } });
        return none;
      }
      case 'addColumns': {
        const table = this.requireTable(region, command.name, context);
        const existing = table.StorageDescriptor?.Columns ?? [];
        const added = command.columns.map(glueColumn);
        if (!command.replace) {
          for (const column of added) {
            if (existing.some((c) => c.Name.toLowerCase() === column.Name)) throw failed(`SemanticException [Error 10036]: Duplicate column name: ${column.Name}`, 1000);
          }
        }
        const columns = command.replace ? added : [...existing, ...added];
        this.glue.updateTable(region, table.DatabaseName, { ...tableInput(table), StorageDescriptor: { ...(table.StorageDescriptor ?? {}), Columns: columns } });
        return none;
      }
      case 'msck':
        return this.repair(region, this.requireTable(region, command.name, context));
      case 'showTables': {
        const database = this.database(command.database, context);
        this.requireDatabase(region, database);
        const tables = this.glue.listTables(region, database, { expression: command.pattern }).filter((t) => t.TableType !== 'VIRTUAL_VIEW');
        return { lines: tables.map((t) => t.Name), columns: [stringColumnInfo('tab_name')], updateCount: 0 };
      }
      case 'showViews': {
        const database = this.database(command.database, context);
        this.requireDatabase(region, database);
        const views = this.glue.listTables(region, database).filter((t) => t.TableType === 'VIRTUAL_VIEW');
        return { lines: views.map((t) => t.Name), columns: [stringColumnInfo('views')], updateCount: 0 };
      }
      case 'showDatabases': {
        const matcher = hivePattern(command.pattern);
        const names = [...new Set(['default', ...this.glue.listDatabases(region).map((d) => d.Name)])].sort().filter((n) => !matcher || matcher.test(n));
        return { lines: names, columns: [stringColumnInfo('database_name')], updateCount: 0 };
      }
      case 'showPartitions': {
        const table = this.requireTable(region, command.name, context);
        const keys = (table.PartitionKeys ?? []).map((k) => k.Name);
        if (keys.length === 0) throw failed(`SemanticException [Error 10241]: Table ${table.Name} is not a partitioned table`, 1000);
        const partitions = this.glue.getPartitions(region, table.DatabaseName, table.Name);
        return { lines: partitions.map((p) => specText(keys, p.Values)), columns: [stringColumnInfo('partition')], updateCount: 0 };
      }
      case 'showColumns': {
        const table = this.requireTable(region, command.name, context);
        const names = [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])].map((c) => pad20(c.Name));
        return { lines: names, columns: [stringColumnInfo('field')], updateCount: 0 };
      }
      case 'showTblProperties': {
        const table = this.requireTable(region, command.name, context);
        const parameters = table.Parameters ?? {};
        if (command.key !== undefined) {
          const value = parameters[command.key];
          return {
            lines: [value ?? `Table ${table.DatabaseName}.${table.Name} does not have property: ${command.key}`],
            columns: [stringColumnInfo('prpt_name'), stringColumnInfo('prpt_value')],
            updateCount: 0,
          };
        }
        return {
          lines: Object.keys(parameters)
            .sort()
            .map((k) => `${k}\t${parameters[k]}`),
          columns: [stringColumnInfo('prpt_name'), stringColumnInfo('prpt_value')],
          updateCount: 0,
        };
      }
      case 'showCreateTable': {
        const table = this.requireTable(region, command.name, context);
        return { lines: showCreateTable(table).split('\n'), columns: [stringColumnInfo('createtab_stmt')] };
      }
      case 'describe': {
        const table = this.requireTable(region, command.name, context);
        const columns = table.StorageDescriptor?.Columns ?? [];
        const partitionKeys = table.PartitionKeys ?? [];
        const row = (c: { Name: string; Type?: string; Comment?: string }) =>
          `${pad20(c.Name)}\t${pad20(hiveTypeName(glueColumnType(c.Type)))}\t${pad20(c.Comment ?? '').split('\t')[0]}`;
        const describeColumns = [stringColumnInfo('col_name'), stringColumnInfo('data_type'), stringColumnInfo('comment')];
        if (command.column) {
          const found = [...columns, ...partitionKeys].find((c) => c.Name.toLowerCase() === command.column!.toLowerCase());
          if (!found) throw failed(`SemanticException [Error 10002]: Invalid column reference ${command.column}`, 1006);
          return { lines: [row(found)], columns: describeColumns };
        }
        const lines = [...columns, ...partitionKeys].map(row);
        if (partitionKeys.length) {
          lines.push('\t \t ', '# Partition Information\t \t ', `${pad20('# col_name')}\t${pad20('data_type')}\t${pad20('comment')}`, '\t \t ');
          lines.push(...partitionKeys.map(row));
        }
        return { lines, columns: describeColumns };
      }
    }
  }

  /** MSCK REPAIR TABLE: registers every Hive-style `key=value/…` directory under the location that Glue lacks. */
  private repair(region: string, table: GlueTable): DdlResult {
    const keys = (table.PartitionKeys ?? []).map((k) => k.Name.toLowerCase());
    const location = table.StorageDescriptor?.Location;
    if (keys.length === 0 || !location) return { lines: [], columns: [] };
    const base = withSlash(location);
    const found = new Map<string, string[]>();
    for (const object of this.tables.objectsUnder(base)) {
      const relative = object.key.slice((parseS3Location(base)?.key ?? '').length);
      const parts = relative.split('/').slice(0, -1);
      if (parts.length < keys.length) continue;
      const values: string[] = [];
      let ok = true;
      for (let i = 0; i < keys.length; i++) {
        const eq = parts[i].indexOf('=');
        if (eq < 0 || parts[i].slice(0, eq).toLowerCase() !== keys[i]) {
          ok = false;
          break;
        }
        values.push(unescapePathValue(parts[i].slice(eq + 1)));
      }
      if (ok) found.set(JSON.stringify(values), values);
    }
    const missing = [...found.values()]
      .filter((values) => !this.glue.getPartition(region, table.DatabaseName, table.Name, values))
      .sort((a, b) => (a.join('/') < b.join('/') ? -1 : 1));
    if (missing.length === 0) return { lines: [], columns: [] };
    this.glue.batchCreatePartition(
      region,
      table.DatabaseName,
      table.Name,
      missing.map((values) => ({
        Values: values,
        StorageDescriptor: { ...(table.StorageDescriptor ?? {}), Location: `${base}${keys.map((k, i) => `${k}=${escapePathValue(values[i])}`).join('/')}/` },
        Parameters: {},
      })),
    );
    const specs = missing.map((values) => `${table.Name}:${specText(keys, values)}`);
    return {
      lines: [`Partitions not in metastore:\t${specs.join('\t')}`, ...specs.map((s) => `Repair: Added partition to metastore ${s}`)],
      columns: [],
    };
  }
}

function glueColumn(column: ColumnDef) {
  return { Name: column.name, Type: column.type, ...(column.comment !== undefined ? { Comment: column.comment } : {}) };
}

function tableInput(table: GlueTable): GlueTableInput {
  const { DatabaseName: _d, CreateTime: _c, UpdateTime: _u, IsRegisteredWithLakeFormation: _l, CatalogId: _i, VersionId: _v, ...input } = table;
  void _d;
  void _c;
  void _u;
  void _l;
  void _i;
  void _v;
  return input as GlueTableInput;
}

function fullSpecValues(spec: PartitionSpec, keys: string[]): string[] {
  const map = new Map(spec);
  for (const [key] of spec) {
    if (!keys.includes(key)) throw failed(`SemanticException [Error 10098]: Non-Partition column appears in the partition specification:  ${key}`, 1000);
  }
  return keys.map((key) => {
    const value = map.get(key);
    if (value === undefined) throw failed(`SemanticException [Error 10006]: Partition spec is incomplete: missing ${key}`, 1000);
    return value;
  });
}

function specText(keys: string[], values: string[]): string {
  return keys.map((k, i) => `${k}=${values[i]}`).join('/');
}

function specDisplay(spec: PartitionSpec): string {
  return `(${spec.map(([k, v]) => `${k} = '${v}'`).join(', ')})`;
}

function withSlash(location: string): string {
  return location.endsWith('/') ? location : `${location}/`;
}

/** Hive escapes a few characters in partition directory names as %XX. */
function escapePathValue(value: string): string {
  return value.replace(/[%/:=#\\\u0000-\u001f"'*?[\]^{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function unescapePathValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function pad20(text: string): string {
  return text.length >= 20 ? text : text.padEnd(20, ' ');
}

function hivePattern(pattern: string | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  const alternatives = pattern.split('|').map((p) => p.trim().replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
}

/** SHOW CREATE TABLE: the table as Hive DDL. */
function showCreateTable(glueTable: GlueTable): string {
  const table = catalogTable(glueTable);
  const sd = glueTable.StorageDescriptor ?? {};
  const columnLines = (sd.Columns ?? []).map((c) => `  \`${c.Name}\` ${hiveTypeName(glueColumnType(c.Type))}${c.Comment ? ` COMMENT '${c.Comment.replace(/'/g, "\\'")}'` : ''}`);
  const lines = [`CREATE EXTERNAL TABLE \`${table.database}\`.\`${table.name}\`(`, columnLines.join(',\n') + ')'];
  if (table.partitionKeys.length) {
    lines.push('PARTITIONED BY ( ', (glueTable.PartitionKeys ?? []).map((k) => `  \`${k.Name}\` ${hiveTypeName(glueColumnType(k.Type))}`).join(', \n') + ')');
  }
  lines.push('ROW FORMAT SERDE ', `  '${sd.SerdeInfo?.SerializationLibrary ?? LAZY_SIMPLE_SERDE}' `);
  const serdeParams = sd.SerdeInfo?.Parameters ?? {};
  if (Object.keys(serdeParams).length) {
    lines.push('WITH SERDEPROPERTIES ( ', Object.entries(serdeParams).map(([k, v]) => `  '${k}'='${v}'`).join(', \n') + ') ');
  }
  lines.push('STORED AS INPUTFORMAT ', `  '${sd.InputFormat ?? TEXT_INPUT}' `, 'OUTPUTFORMAT ', `  '${sd.OutputFormat ?? TEXT_OUTPUT}'`);
  lines.push('LOCATION', `  '${sd.Location ?? ''}'`);
  const params = glueTable.Parameters ?? {};
  if (Object.keys(params).length) {
    lines.push('TBLPROPERTIES (', Object.entries(params).map(([k, v]) => `  '${k}'='${v}'`).join(', \n') + ')');
  }
  return lines.join('\n');
}
