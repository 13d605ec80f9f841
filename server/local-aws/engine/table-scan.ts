import fs from 'node:fs';
import type { GlueColumn, GluePartition, GlueStore, GlueTable } from '../services/glue/glue-store';
import type { ObjectSummary, S3Store } from '../services/s3/s3-store';
import type { AstNode, DuckDbParser } from './duckdb-sandbox';
import { at, QueryFailure } from './query-errors';
import { duckdbType, glueColumnType, type SqlType } from './sql-types';
import { quoteIdentifier, quoteString } from './trino-lexer';

/**
 * How a Glue table becomes rows: its columns and partition keys from the catalog, its files from the
 * table or partition locations in local S3, read through the table's SerDe:
 *
 * - LazySimpleSerDe / TextInputFormat (flow-log text): delimited lines (`field.delim`, Hive's \001 by
 *   default), `skip.header.line.count` lines skipped per file, `serialization.null.format` (\N) as
 *   NULL, a value that does not parse as the column's type (`-` in a numeric column) as NULL, missing
 *   trailing fields as NULL and extra ones ignored — Hive's rules. gzip/zstd files are recognised
 *   by their bytes, since flow-log object files carry no file name.
 * - OpenCSVSerde: quoted CSV, every column a string as Athena reads it.
 * - ParquetHiveSerDe: columns matched by name, case-insensitively; a column missing from a file is NULL.
 *
 * Files are found recursively under each location, skipping names Hive treats as hidden (`_…`, `.…`)
 * and folder markers. Partitioned tables read only the registered partitions that survive pruning.
 */

export interface TableColumn {
  name: string;
  type: SqlType;
  glueType: string;
}

export interface CatalogTable {
  database: string;
  name: string;
  glue: GlueTable;
  columns: TableColumn[];
  partitionKeys: TableColumn[];
}

export interface PartitionSource {
  values: string[];
  location: string;
}

export interface ScanFile {
  path: string;
  size: number;
  compression: 'gzip' | 'zstd' | 'none';
}

export interface PlannedScan {
  table: CatalogTable;
  /** SQL of the scan (a SELECT producing the table's columns then its partition keys). */
  build(parquetColumns: (files: string[]) => Promise<string[]>): Promise<string>;
  /** The table's object files the query covers: what Athena reports as scanned. */
  files: ScanFile[];
  /** The files the scan actually opens: object files, or columnar copies standing in for them. */
  readPaths: string[];
  bytes: number;
  /** Lets go of the columnar copies the scan reads; call once the query is over. */
  release(): void;
}

/**
 * Columnar copies of text objects (engine/columnar-cache). For one partition's objects it returns the
 * copies that are current for them — Parquet files holding exactly the rows the text scan would
 * produce, with the table's column names and types — and the objects no current copy covers, which
 * are read as text. The copies stay on disk until `release`.
 */
export interface ScanAccelerator {
  cover(table: CatalogTable, format: TextFormat, objects: readonly ObjectSummary[]): { files: string[]; rest: readonly ObjectSummary[]; release(): void };
}

export type TextFormat = Exclude<Format, { kind: 'parquet' }>;

export type Format = { kind: 'text'; delimiter: string; skipHeader: number; nullFormat: string } | { kind: 'csv'; separator: string; quote: string; escape: string; skipHeader: number } | { kind: 'parquet' };

export class TableCatalog {
  /** Listings by location, kept while the bucket's listing version is unchanged (see S3Store). */
  private readonly listings = new Map<string, { version: number; objects: readonly ObjectSummary[] }>();
  /** Object file paths of listed objects, worked out once per listing. */
  private readonly paths = new WeakMap<ObjectSummary, string>();

  private pathOf(object: ObjectSummary): string {
    let path = this.paths.get(object);
    if (path === undefined) this.paths.set(object, (path = this.s3.files.pathOf(object.fileId)));
    return path;
  }

  constructor(
    private readonly glue: GlueStore,
    private readonly s3: S3Store,
    private readonly accelerator?: ScanAccelerator,
  ) {}

  /**
   * `[catalog.][schema.]table`, resolved as Athena resolves names against the Glue catalog.
   * Messages follow Athena (`Table 'awsdatacatalog.db.x' does not exist`).
   */
  resolve(
    region: string,
    name: { catalog?: string; schema?: string; table: string },
    context: { catalog?: string; database?: string },
    position: { line: number; column: number } | undefined,
  ): CatalogTable {
    const catalog = (name.catalog ?? context.catalog ?? 'awsdatacatalog').toLowerCase();
    if (catalog !== 'awsdatacatalog') throw new QueryFailure('CATALOG_NOT_FOUND', at(position, `Catalog '${catalog}' does not exist`));
    const database = (name.schema ?? context.database ?? 'default').toLowerCase();
    const tableName = name.table.toLowerCase();
    const glueTable = this.glue.getTable(region, database, tableName);
    if (!glueTable) {
      // Athena always has a `default` database, even before anything was created in it.
      if (database !== 'default' && !this.glue.getDatabase(region, database)) {
        throw new QueryFailure('SCHEMA_NOT_FOUND', at(position, `Schema '${database}' does not exist`));
      }
      throw new QueryFailure('TABLE_NOT_FOUND', at(position, `Table '${catalog}.${database}.${tableName}' does not exist`));
    }
    if (glueTable.TableType === 'VIRTUAL_VIEW') throw new QueryFailure('NOT_SUPPORTED', at(position, `Views are not supported by local Athena: ${database}.${tableName}`));
    return catalogTable(glueTable);
  }

  /** The table's data locations: its own for an unpartitioned table, else its registered partitions. */
  partitions(region: string, table: CatalogTable): PartitionSource[] {
    const location = table.glue.StorageDescriptor?.Location;
    if (table.partitionKeys.length === 0) return location ? [{ values: [], location }] : [];
    const partitions = this.glue.getPartitions(region, table.database, table.name);
    return partitions.map((p: GluePartition) => ({
      values: p.Values,
      location: p.StorageDescriptor?.Location ?? `${withSlash(location ?? '')}${table.partitionKeys.map((k, i) => `${k.name}=${p.Values[i]}`).join('/')}/`,
    }));
  }

  /** The partitions for which every predicate holds; all of them when a predicate cannot be evaluated. */
  async prune(parser: DuckDbParser, table: CatalogTable, partitions: PartitionSource[], predicates: AstNode[]): Promise<PartitionSource[]> {
    if (predicates.length === 0 || table.partitionKeys.length === 0 || partitions.length === 0) return partitions;
    const where: AstNode = predicates.length === 1 ? predicates[0] : { class: 'CONJUNCTION', type: 'CONJUNCTION_AND', alias: '', children: predicates };
    let condition: string;
    try {
      const text = await parser.deserialize({
        error: false,
        statements: [
          {
            node: {
              type: 'SELECT_NODE',
              modifiers: [],
              cte_map: { map: [] },
              select_list: [{ class: 'CONSTANT', type: 'VALUE_CONSTANT', alias: '', value: { type: { id: 'INTEGER', type_info: null }, is_null: false, value: 1 } }],
              from_table: { type: 'EMPTY', alias: '', sample: null },
              where_clause: where,
              group_expressions: [],
              group_sets: [],
              aggregate_handling: 'STANDARD_HANDLING',
              having: null,
              sample: null,
              qualify: null,
            },
          },
        ],
      });
      const prefix = 'SELECT 1 WHERE ';
      if (!text.startsWith(prefix)) return partitions;
      condition = text.slice(prefix.length);
    } catch {
      return partitions;
    }
    const columns = ['__i', ...table.partitionKeys.map((k) => quoteIdentifier(k.name))].join(', ');
    const rows = partitions
      .map((p, i) => `(${i}, ${table.partitionKeys.map((k, j) => partitionValueSql(p.values[j], k.type)).join(', ')})`)
      .join(', ');
    try {
      const result = await parser.rows(`SELECT __i FROM (VALUES ${rows}) AS __p(${columns}) WHERE ${condition}`);
      const keep = new Set(result.map((row) => Number(row[0])));
      return partitions.filter((_, i) => keep.has(i));
    } catch {
      return partitions;
    }
  }

  /** Lists the object files of the chosen partitions and prepares the scan. */
  plan(table: CatalogTable, partitions: PartitionSource[]): PlannedScan {
    const format = tableFormat(table);
    const groups: { partition: PartitionSource; files: ScanFile[]; columnar: string[] }[] = [];
    const files: ScanFile[] = [];
    const readPaths: string[] = [];
    const releases: (() => void)[] = [];
    let bytes = 0;
    for (const partition of partitions) {
      const objects = this.objectsUnder(partition.location);
      if (objects.length === 0) continue;
      for (const o of objects) {
        files.push({ path: this.pathOf(o), size: o.size, compression: 'none' });
        bytes += o.size;
      }
      let textObjects = objects;
      let columnar: string[] = [];
      if (format.kind !== 'parquet' && this.accelerator) {
        const covered = this.accelerator.cover(table, format, objects);
        releases.push(covered.release);
        columnar = covered.files;
        textObjects = covered.rest;
      }
      const partFiles = textObjects.map((o) => {
        const path = this.pathOf(o);
        return { path, size: o.size, compression: format.kind === 'parquet' ? ('none' as const) : sniffCompression(path, o.key) };
      });
      groups.push({ partition, files: partFiles, columnar });
      readPaths.push(...columnar, ...partFiles.map((f) => f.path));
    }
    return {
      table,
      files,
      readPaths,
      bytes,
      release: () => {
        for (const release of releases.splice(0)) release();
      },
      build: async (parquetColumns) => {
        const selects: string[] = [];
        const columnar = columnarScan(table, groups);
        if (columnar) selects.push(columnar);
        for (const group of groups) {
          const partitionColumns = table.partitionKeys.map((k, i) => `${partitionValueSql(group.partition.values[i], k.type)} AS ${quoteIdentifier(k.name)}`);
          if (group.files.length === 0) continue;
          if (format.kind === 'parquet') {
            const paths = group.files.map((f) => f.path);
            const present = new Map((await parquetColumns(paths)).map((c) => [c.toLowerCase(), c]));
            const projections = table.columns.map((c) => {
              const actual = present.get(c.name.toLowerCase());
              return actual === undefined
                ? `CAST(NULL AS ${duckdbType(c.type)}) AS ${quoteIdentifier(c.name)}`
                : `TRY_CAST(${quoteIdentifier(actual)} AS ${duckdbType(c.type)}) AS ${quoteIdentifier(c.name)}`;
            });
            selects.push(`SELECT ${[...projections, ...partitionColumns].join(', ')} FROM read_parquet(${sqlList(paths)}, union_by_name = true)`);
            continue;
          }
          const byCompression = new Map<string, string[]>();
          for (const f of group.files) byCompression.set(f.compression, [...(byCompression.get(f.compression) ?? []), f.path]);
          for (const [compression, paths] of byCompression) {
            const raw = table.columns.map((_, i) => `c${i}`);
            const projections = table.columns.map((c, i) => `${castText(`c${i}`, c.type)} AS ${quoteIdentifier(c.name)}`);
            selects.push(`SELECT ${[...projections, ...partitionColumns].join(', ')} FROM ${readText(format, paths, raw, compression)}`);
          }
        }
        if (selects.length === 0) {
          const columns = [...table.columns, ...table.partitionKeys].map((c) => `CAST(NULL AS ${duckdbType(c.type)}) AS ${quoteIdentifier(c.name)}`);
          return `SELECT ${columns.join(', ')} WHERE false`;
        }
        return selects.join('\nUNION ALL\n');
      },
    };
  }

  /** Objects under an s3:// location, recursively, without Hive-hidden files and folder markers. */
  objectsUnder(location: string): readonly ObjectSummary[] {
    const parsed = parseS3Location(location);
    if (!parsed || !this.s3.getBucket(parsed.bucket)) return [];
    const prefix = parsed.key === '' || parsed.key.endsWith('/') ? parsed.key : `${parsed.key}/`;
    const version = this.s3.listingVersion(parsed.bucket);
    const cacheKey = `${parsed.bucket}/${prefix}`;
    const cached = this.listings.get(cacheKey);
    if (cached && cached.version === version) {
      this.listings.delete(cacheKey);
      this.listings.set(cacheKey, cached);
      return cached.objects;
    }
    const objects = Object.freeze(this.listObjectsUnder(parsed.bucket, prefix));
    this.listings.delete(cacheKey);
    this.listings.set(cacheKey, { version, objects });
    // A small LRU: the least recently used listing goes once 256 locations are kept.
    if (this.listings.size > 256) this.listings.delete(this.listings.keys().next().value!);
    return objects;
  }

  private listObjectsUnder(bucket: string, prefix: string): ObjectSummary[] {
    const out: ObjectSummary[] = [];
    let after: string | undefined;
    for (;;) {
      const page = this.s3.scanSummaries(bucket, { ...(after === undefined ? { from: prefix } : { after }), limit: 1000 });
      if (page.length === 0) break;
      for (const object of page) {
        if (!object.key.startsWith(prefix)) return out;
        const rest = object.key.slice(prefix.length);
        if (rest === '' || rest.endsWith('/') || rest.endsWith('_$folder$')) continue;
        if (rest.split('/').some((part) => part.startsWith('_') || part.startsWith('.'))) continue;
        if (object.size === 0) continue;
        out.push(object);
      }
      after = page[page.length - 1].key;
      if (page.length < 1000) break;
    }
    return out;
  }
}

/** The read_parquet virtual column naming each row's file; no table column can be called this. */
const FILE_COLUMN = '__athena_file';

/**
 * One scan over the columnar copies of every chosen partition. Their files hold the table's columns
 * already typed, so plain column references let DuckDB push projections and filters into the
 * Parquet scan; and one read_parquet (rather than a UNION ALL per partition) keeps DuckDB's late
 * materialization for ORDER BY … LIMIT. Each file's partition values come from its name.
 */
function columnarScan(table: CatalogTable, groups: { partition: PartitionSource; columnar: string[] }[]): string | undefined {
  const withCopies = groups.filter((g) => g.columnar.length > 0);
  if (withCopies.length === 0) return undefined;
  const columns = table.columns.map((c) => quoteIdentifier(c.name));
  const files = withCopies.flatMap((g) => g.columnar);
  const single = withCopies.length === 1 || table.partitionKeys.length === 0;
  if (!single && new Set(files).size !== files.length) {
    // Overlapping partition locations share a file: each partition reads it with its own values.
    return withCopies
      .map((g) => {
        const partitionColumns = table.partitionKeys.map((k, i) => `${partitionValueSql(g.partition.values[i], k.type)} AS ${quoteIdentifier(k.name)}`);
        return `SELECT ${[...columns, ...partitionColumns].join(', ')} FROM read_parquet(${sqlList(g.columnar)})`;
      })
      .join('\nUNION ALL\n');
  }
  const partitionColumns = table.partitionKeys.map((k, i) => {
    if (single) return `${partitionValueSql(withCopies[0].partition.values[i], k.type)} AS ${quoteIdentifier(k.name)}`;
    const cases = withCopies.flatMap((g) => g.columnar.map((file) => `WHEN ${quoteString(file)} THEN ${partitionValueSql(g.partition.values[i], k.type)}`));
    return `CASE ${FILE_COLUMN} ${cases.join(' ')} END AS ${quoteIdentifier(k.name)}`;
  });
  return `SELECT ${[...columns, ...partitionColumns].join(', ')} FROM read_parquet(${sqlList(files)}${single ? '' : `, filename = '${FILE_COLUMN}'`})`;
}

export function catalogTable(glueTable: GlueTable): CatalogTable {
  const toColumn = (c: GlueColumn): TableColumn => ({ name: c.Name.toLowerCase(), type: glueColumnType(c.Type), glueType: c.Type ?? 'string' });
  return {
    database: glueTable.DatabaseName,
    name: glueTable.Name,
    glue: glueTable,
    columns: (glueTable.StorageDescriptor?.Columns ?? []).map(toColumn),
    partitionKeys: (glueTable.PartitionKeys ?? []).map(toColumn),
  };
}

export function parseS3Location(location: string): { bucket: string; key: string } | undefined {
  const m = /^s3[an]?:\/\/([^/]+)\/?(.*)$/.exec(location.trim());
  return m ? { bucket: m[1], key: m[2] } : undefined;
}

function withSlash(location: string): string {
  return location.endsWith('/') ? location : `${location}/`;
}

export function tableFormat(table: CatalogTable): Format {
  const sd = table.glue.StorageDescriptor ?? {};
  const serde = sd.SerdeInfo?.SerializationLibrary ?? '';
  const params = { ...(sd.SerdeInfo?.Parameters ?? {}) };
  const tableParams = table.glue.Parameters ?? {};
  const skipHeader = Number(tableParams['skip.header.line.count'] ?? params['skip.header.line.count'] ?? 0) || 0;
  const input = sd.InputFormat ?? '';
  if (/parquet/i.test(serde) || /parquet/i.test(input)) return { kind: 'parquet' };
  if (/OpenCSVSerde/i.test(serde)) {
    return { kind: 'csv', separator: params.separatorChar ?? ',', quote: params.quoteChar ?? '"', escape: params.escapeChar ?? '\\', skipHeader };
  }
  if (serde === '' || /LazySimpleSerDe|MetadataTypedColumnsetSerDe/i.test(serde)) {
    if (input && !/TextInputFormat/i.test(input)) unsupported(table, input);
    return {
      kind: 'text',
      delimiter: unescapeHive(params['field.delim'] ?? params['serialization.format'] ?? '\u0001'),
      skipHeader,
      nullFormat: params['serialization.null.format'] ?? '\\N',
    };
  }
  return unsupported(table, serde);
}

function unsupported(table: CatalogTable, what: string): never {
  throw new QueryFailure('HIVE_UNSUPPORTED_FORMAT', `Unable to create input format for table ${table.database}.${table.name}: ${what} is not supported by local Athena`);
}

/** Hive writes control characters in SerDe parameters as `\t`, `\001` or a decimal byte value ("1"). */
function unescapeHive(value: string): string {
  if (/^\d+$/.test(value) && value.length > 1) return String.fromCharCode(Number(value));
  if (value === '\\t') return '\t';
  const octal = /^\\(\d{3})$/.exec(value);
  if (octal) return String.fromCharCode(parseInt(octal[1], 8));
  const unicode = /^\\u([0-9a-fA-F]{4})$/.exec(value);
  if (unicode) return String.fromCharCode(parseInt(unicode[1], 16));
  return value === '' ? '\u0001' : value[0];
}

export function readText(format: TextFormat, paths: string[], raw: string[], compression: string): string {
  const columns = `{${raw.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
  if (format.kind === 'csv') {
    return `read_csv(${sqlList(paths)}, delim = ${quoteString(format.separator)}, quote = ${quoteString(format.quote)}, escape = ${quoteString(format.escape)}, header = false, skip = ${format.skipHeader}, auto_detect = false, columns = ${columns}, null_padding = true, strict_mode = false, nullstr = [], compression = '${compression}')`;
  }
  return `read_csv(${sqlList(paths)}, delim = ${quoteString(format.delimiter)}, quote = '', escape = '', header = false, skip = ${format.skipHeader}, auto_detect = false, columns = ${columns}, null_padding = true, strict_mode = false, nullstr = ${quoteString(format.nullFormat)}, compression = '${compression}')`;
}

/** Text fields become the column type the Hive way: unparsable → NULL. */
export function castText(column: string, type: SqlType): string {
  if (type.kind === 'varchar' || type.kind === 'char') return column;
  if (type.kind === 'boolean') return `CASE lower(${column}) WHEN 'true' THEN true WHEN 'false' THEN false END`;
  if (type.kind === 'integer' || type.kind === 'bigint' || type.kind === 'smallint' || type.kind === 'tinyint') {
    // Hive's integer parser takes an optional sign and digits only ("1.5" and " 1" are NULL).
    return `CASE WHEN regexp_full_match(${column}, '[+-]?[0-9]+') THEN TRY_CAST(${column} AS ${duckdbType(type)}) END`;
  }
  return `TRY_CAST(${column} AS ${duckdbType(type)})`;
}

function partitionValueSql(value: string | undefined, type: SqlType): string {
  if (value === undefined || value === '__HIVE_DEFAULT_PARTITION__') return `CAST(NULL AS ${duckdbType(type)})`;
  if (type.kind === 'varchar' || type.kind === 'char') return `CAST(${quoteString(value)} AS VARCHAR)`;
  return `TRY_CAST(${quoteString(value)} AS ${duckdbType(type)})`;
}

function sqlList(values: string[]): string {
  return `[${values.map(quoteString).join(', ')}]`;
}

/** gzip and zstd by magic bytes, else by the key's extension; everything else is plain text. */
export function sniffCompression(path: string, key: string): 'gzip' | 'zstd' | 'none' {
  let header = Buffer.alloc(0);
  try {
    const fd = fs.openSync(path, 'r');
    try {
      header = Buffer.alloc(4);
      const n = fs.readSync(fd, header, 0, 4, 0);
      header = header.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Unreadable now: let the scan report it.
  }
  if (header[0] === 0x1f && header[1] === 0x8b) return 'gzip';
  if (header[0] === 0x28 && header[1] === 0xb5 && header[2] === 0x2f && header[3] === 0xfd) return 'zstd';
  if (/\.gz$/i.test(key)) return 'gzip';
  if (/\.zst$/i.test(key)) return 'zstd';
  return 'none';
}
