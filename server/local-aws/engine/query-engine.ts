import type { DuckDBConnection } from '@duckdb/node-api';
import type { GlueStore } from '../services/glue/glue-store';
import type { S3Store } from '../services/s3/s3-store';
import { columnInfo, type ColumnInfo } from './column-info';
import { DdlExecutor } from './ddl-executor';
import { DuckDbParser, SandboxFactory, type AstNode, type DuckDbSettings, type Sandbox } from './duckdb-sandbox';
import { QueryAnalyzer, UNNAMED_COLUMN_PREFIX } from './query-analyzer';
import { at, MalformedQuery, QueryFailure } from './query-errors';
import { classify, type Classification } from './statement';
import { TableCatalog, type CatalogTable, type PlannedScan, type ScanAccelerator } from './table-scan';
import { positionOf, SqlSyntaxError, type Token } from './trino-lexer';
import { INTERNAL_PREFIX, rewriteQueryTokens, type RewrittenSql } from './trino-rewrite';
import { formatterFor, sqlTypeOf } from './value-format';

/**
 * Local Athena's query engine: Trino-dialect SQL over Glue tables, run by DuckDB.
 *
 *   SQL ─ classify ─┬─ query: Trino lexer + token rewrite → DuckDB parse → syntax-tree checks and
 *                   │         rewrite (allow-listed functions, tables resolved through Glue, partition
 *                   │         predicates) → per-table scan views over exactly the pruned partitions'
 *                   │         object files → run in a locked, per-query DuckDB → rows in Athena's text
 *                   └─ ddl:   Hive DDL / SHOW / DESCRIBE against the Glue catalog
 *
 * See trino-rewrite.ts, query-analyzer.ts, table-scan.ts and duckdb-sandbox.ts for the layers.
 */

export interface QueryRequest {
  queryId: string;
  sql: string;
  parameters?: string[];
  region: string;
  catalog?: string;
  database?: string;
  /** Fails the query before it reads anything when its scan would exceed this (workgroup cutoff). */
  maxScanBytes?: number;
}

export interface ResultSink {
  columns(columns: ColumnInfo[]): void | Promise<void>;
  rows(rows: (string | null)[][]): void | Promise<void>;
}

export interface QueryControl {
  cancelled: boolean;
  /** Set by the engine while a DuckDB statement runs; interrupts it. */
  interrupt?: () => void;
}

export interface QueryOutcome {
  classification: Classification;
  columns: ColumnInfo[];
  updateCount?: number;
  rowCount: number;
  dataScannedBytes: number;
  planningMs: number;
  executionMs: number;
}

export class QueryCancelled extends Error {}

export class QueryEngine {
  readonly parser = new DuckDbParser();
  private readonly catalog: TableCatalog;
  private readonly ddl: DdlExecutor;
  private readonly sandboxes: SandboxFactory;
  /** Parsed function templates, shared by all queries. */
  private readonly templates = new Map<string, Promise<AstNode>>();

  constructor(
    private readonly glue: GlueStore,
    s3: S3Store,
    settings: DuckDbSettings,
    /** Columnar copies of text objects, read where current (engine/columnar-cache). */
    accelerator?: ScanAccelerator,
  ) {
    this.catalog = new TableCatalog(glue, s3, accelerator);
    this.ddl = new DdlExecutor(glue, this.catalog);
    this.sandboxes = new SandboxFactory(settings);
  }

  close() {
    this.sandboxes.close();
    this.parser.close();
  }

  /**
   * What StartQueryExecution checks before it creates an execution: the statement kind, and for
   * queries Athena's grammar. Grammar errors throw MalformedQuery (Athena answers MALFORMED_QUERY and
   * creates no execution); everything else is left for the run, where it makes the query FAILED.
   */
  async prepare(sql: string, parameters: string[] | undefined): Promise<Classification> {
    const classification = classify(sql);
    if (classification.engine !== 'query') return classification;
    let rewritten: RewrittenSql;
    try {
      rewritten = rewriteQueryTokens(sql, parameters);
    } catch (error) {
      if (error instanceof SqlSyntaxError) throw new MalformedQuery(error.message);
      if (error instanceof QueryFailure) return classification;
      throw error;
    }
    const tree = await this.parser.serialize(rewritten.sql);
    if (tree.error) throw new MalformedQuery(syntaxMessage(sql, rewritten, tree.error_message, tree.position));
    return classification;
  }

  async run(request: QueryRequest, sink: ResultSink, control: QueryControl): Promise<QueryOutcome> {
    const started = Date.now();
    const classification = classify(request.sql);
    if (classification.engine === 'unsupported') {
      const [name, ...rest] = (classification.reason ?? 'NOT_SUPPORTED: not supported').split(': ');
      throw new QueryFailure(name, rest.join(': '));
    }
    if (classification.engine === 'ddl') {
      const result = this.ddl.run(request.sql, { region: request.region, database: request.database });
      await sink.columns(result.columns);
      if (result.lines.length) await sink.rows(result.lines.map((line) => [line]));
      return {
        classification,
        columns: result.columns,
        updateCount: result.updateCount,
        rowCount: result.lines.length,
        dataScannedBytes: 0,
        planningMs: 0,
        executionMs: Date.now() - started,
      };
    }
    return this.runQuery(request, classification, sink, control, started);
  }

  private async runQuery(request: QueryRequest, classification: Classification, sink: ResultSink, control: QueryControl, started: number): Promise<QueryOutcome> {
    const scans: { view: string; scan: PlannedScan }[] = [];
    try {
      return await this.runPlannedQuery(request, classification, sink, control, started, scans);
    } finally {
      // Columnar copies the scans read may be replaced or removed once the query no longer needs them.
      for (const { scan } of scans) scan.release();
    }
  }

  private async runPlannedQuery(
    request: QueryRequest,
    classification: Classification,
    sink: ResultSink,
    control: QueryControl,
    started: number,
    scans: { view: string; scan: PlannedScan }[],
  ): Promise<QueryOutcome> {
    const rewritten = rewriteQueryTokens(request.sql, request.parameters);
    const tree = await this.parser.serialize(rewritten.sql);
    if (tree.error) throw new QueryFailure('SYNTAX_ERROR', syntaxMessage(request.sql, rewritten, tree.error_message, tree.position));
    if (tree.statements.length !== 1) throw new QueryFailure('SYNTAX_ERROR', 'line 1:1: Multiple statements are not supported');
    const root = tree.statements[0].node;
    const position = (location: number | undefined) =>
      location === undefined || !Number.isFinite(location) ? undefined : positionOf(request.sql, rewritten.originalOffset(location));

    const analyzer = new QueryAnalyzer<CatalogTable>(
      {
        resolveTable: (name, location) => this.catalog.resolve(request.region, name, { catalog: request.catalog, database: request.database }, position(location)),
        columnsOf: (table) => [...table.columns, ...table.partitionKeys].map((c) => c.name),
        partitionKeysOf: (table) => table.partitionKeys.map((c) => c.name),
        position,
      },
      this.parser,
      this.templates,
    );
    await analyzer.analyzeRoot(root);
    checkCancelled(control);

    // One scan view per table reference, over the partitions its predicates leave.
    // Each query has a DuckDB of its own, so the names need not differ between queries; that they do
    // not lets a repeated query's final SQL come from the parser's cache.
    const viewPrefix = `${INTERNAL_PREFIX}_scan_`;
    for (const [index, ref] of analyzer.tables.entries()) {
      const all = this.catalog.partitions(request.region, ref.table);
      const chosen = await this.catalog.prune(this.parser, ref.table, all, ref.partitionPredicates);
      const scan = this.catalog.plan(ref.table, chosen);
      const view = `${viewPrefix}${index}`;
      ref.node.alias = ref.node.alias || ref.table.name;
      ref.node.table_name = view;
      ref.node.schema_name = '';
      ref.node.catalog_name = '';
      scans.push({ view, scan });
    }
    const uniqueFiles = new Map<string, number>();
    for (const { scan } of scans) for (const f of scan.files) uniqueFiles.set(f.path, f.size);
    const dataScannedBytes = [...uniqueFiles.values()].reduce((a, b) => a + b, 0);
    if (request.maxScanBytes !== undefined && dataScannedBytes > request.maxScanBytes) {
      throw new QueryFailure('EXCEEDED_SCAN_LIMIT', 'Query cancelled! : Bytes scanned limit was exceeded', { category: 2, type: 1000 });
    }
    const finalSql = await this.parser.deserialize(tree);
    checkCancelled(control);

    let sandbox: Sandbox | undefined;
    try {
      const readable = new Set(scans.flatMap(({ scan }) => scan.readPaths));
      sandbox = await this.sandboxes.open(request.queryId, [...readable]);
      const connection = sandbox.connection;
      control.interrupt = () => connection.interrupt();
      for (const { view, scan } of scans) {
        const schemas = new ParquetSchemas(connection, scan.files.map((f) => f.path));
        const sql = await scan.build((files) => schemas.columns(files));
        await connection.run(`CREATE TEMP VIEW "${view}" AS ${sql}`);
        checkCancelled(control);
      }
      const planningMs = Date.now() - started;
      const executionStarted = Date.now();
      const result = await connection.stream(finalSql);
      checkCancelled(control);
      const names = result.columnNames().map((name, i) => (name.startsWith(UNNAMED_COLUMN_PREFIX) ? `_col${i}` : name));
      const types = result.columnTypes();
      const columns = names.map((name, i) => columnInfo(name, sqlTypeOf(types[i])));
      await sink.columns(columns);
      const formatters = types.map(formatterFor);
      let rowCount = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        checkCancelled(control);
        if (!chunk || chunk.rowCount === 0) break;
        const data = chunk.getColumns();
        const rows: (string | null)[][] = new Array(chunk.rowCount);
        for (let r = 0; r < chunk.rowCount; r++) {
          const row = new Array<string | null>(data.length);
          for (let c = 0; c < data.length; c++) row[c] = formatters[c](data[c][r]);
          rows[r] = row;
        }
        rowCount += rows.length;
        await sink.rows(rows);
      }
      return {
        classification,
        columns,
        updateCount: 0,
        rowCount,
        dataScannedBytes,
        planningMs,
        executionMs: Date.now() - executionStarted,
      };
    } catch (error) {
      if (error instanceof QueryFailure || error instanceof QueryCancelled) throw error;
      if (control.cancelled) throw new QueryCancelled();
      throw translateDuckDbError(error, request.sql, rewritten.tokens);
    } finally {
      control.interrupt = undefined;
      sandbox?.close();
    }
  }
}

function checkCancelled(control: QueryControl) {
  if (control.cancelled) throw new QueryCancelled();
}

/**
 * Top-level column names of Parquet files, read for all of a scan's files in one parquet_schema()
 * call the first time any group of them is asked for (a table with hundreds of partitions would
 * otherwise cost one footer pass per partition).
 */
class ParquetSchemas {
  private byFile?: Promise<Map<string, string[]>>;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly files: string[],
  ) {}

  async columns(files: string[]): Promise<string[]> {
    this.byFile ??= this.load();
    const byFile = await this.byFile;
    const names = new Set<string>();
    for (const file of files) for (const name of byFile.get(file) ?? []) names.add(name);
    return [...names];
  }

  private async load(): Promise<Map<string, string[]>> {
    const list = `[${this.files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
    const reader = await this.connection.runAndReadAll(`SELECT file_name, name, num_children FROM parquet_schema(${list})`);
    // Rows come depth-first per file: the root (its children are the columns), then each column
    // followed by its own descendants, which are skipped.
    const byFile = new Map<string, string[]>();
    let file = '';
    let pendingTop = 0;
    let skip = 0;
    for (const [fileName, name, children] of reader.getRows() as [string, string, bigint | number | null][]) {
      const childCount = Number(children ?? 0);
      if (fileName !== file) {
        file = fileName;
        byFile.set(file, []);
        pendingTop = childCount;
        skip = 0;
        continue;
      }
      if (skip > 0) {
        skip += childCount - 1;
        continue;
      }
      if (pendingTop > 0) {
        byFile.get(file)!.push(name);
        pendingTop--;
        skip = childCount;
      }
    }
    return byFile;
  }
}

/** DuckDB's parse error as Trino words it: `line L:C: mismatched input 'x'`. */
function syntaxMessage(sql: string, rewritten: RewrittenSql, message: string, position: string | undefined): string {
  const offset = position === undefined ? undefined : Number(position);
  if (offset === undefined || !Number.isFinite(offset)) return `line 1:1: ${message}`;
  const original = rewritten.originalOffset(offset);
  const token = rewritten.tokens.find((t) => t.kind !== 'eof' && t.start <= original && original < t.end) ?? rewritten.tokens.find((t) => t.start >= original);
  const where = positionOf(sql, token && token.kind !== 'eof' ? token.start : original);
  const text = !token || token.kind === 'eof' || /end of input/.test(message) ? '<EOF>' : token.text;
  return `line ${where.line}:${where.column}: mismatched input '${text}'`;
}

const DUCKDB_TYPE_NAMES: Record<string, string> = {
  INTEGER: 'integer',
  INT32: 'integer',
  BIGINT: 'bigint',
  INT64: 'bigint',
  HUGEINT: 'bigint',
  VARCHAR: 'varchar',
  DOUBLE: 'double',
  FLOAT: 'real',
  BOOLEAN: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp with time zone',
  SMALLINT: 'smallint',
  TINYINT: 'tinyint',
  BLOB: 'varbinary',
};

const trinoType = (duck: string) => DUCKDB_TYPE_NAMES[duck.trim().toUpperCase()] ?? duck.trim().toLowerCase();

/** Maps DuckDB's binder and runtime errors onto Trino's error names and wording. */
export function translateDuckDbError(error: unknown, sql: string, tokens: Token[]): QueryFailure {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.split('\n')[0];
  const find = (name: string) => {
    const lower = name.toLowerCase();
    const token = tokens.find((t) => (t.kind === 'word' && t.text.toLowerCase() === lower) || (t.kind === 'quoted' && t.value.toLowerCase() === lower));
    return token ? { line: token.line, column: token.column } : undefined;
  };
  let m: RegExpExecArray | null;
  if ((m = /Referenced column "([^"]+)" not found/.exec(message)) || (m = /does not have a column named "([^"]+)"/.exec(message))) {
    return new QueryFailure('COLUMN_NOT_FOUND', at(find(m[1]), `Column '${m[1]}' cannot be resolved`));
  }
  if ((m = /Referenced table "([^"]+)" not found/.exec(message))) {
    return new QueryFailure('COLUMN_NOT_FOUND', at(find(m[1]), `Column '${m[1]}' cannot be resolved`));
  }
  if ((m = /column "([^"]+)" must appear in the GROUP BY clause/.exec(message))) {
    return new QueryFailure('EXPRESSION_NOT_AGGREGATE', at(find(m[1]), `'${m[1]}' must be an aggregate expression or appear in GROUP BY clause`));
  }
  if ((m = /No function matches the given name and argument types '([^(]+)\(([^)]*)\)'/.exec(message))) {
    const args = m[2] ? m[2].split(',').map(trinoType).join(', ') : '';
    return new QueryFailure('FUNCTION_NOT_FOUND', at(find(m[1]), `Unexpected parameters (${args}) for function ${m[1]}`));
  }
  if ((m = /Cannot compare values of type (.+?) and (?:type )?(.+?)(?: -|$)/.exec(message)) || (m = /Cannot mix values of type (.+?) and (.+?)(?: -| in|$)/.exec(message))) {
    return new QueryFailure('TYPE_MISMATCH', `Cannot apply operator: ${trinoType(m[1])} = ${trinoType(m[2])}`);
  }
  if ((m = /Could not convert string '(.*)' to (\w+)/.exec(message))) {
    return new QueryFailure('INVALID_CAST_ARGUMENT', `Cannot cast '${m[1]}' to ${trinoType(m[2]).toUpperCase()}`);
  }
  if ((m = /Ambiguous reference to column name "([^"]+)"/.exec(message))) {
    return new QueryFailure('AMBIGUOUS_NAME', at(find(m[1]), `Column '${m[1]}' is ambiguous`));
  }
  if (/Out of Memory Error/.test(message)) {
    return new QueryFailure('EXCEEDED_LOCAL_MEMORY_LIMIT', 'Query exceeded local memory limit. Set LOCAL_AWS_DUCKDB_MEMORY_LIMIT higher or scan less data.', { category: 2, type: 1000 });
  }
  if (/Permission Error/.test(message)) {
    return new QueryFailure('PERMISSION_DENIED', message.replace(/^Permission Error: /, ''), { category: 2, type: 1000 });
  }
  if (/IO Error|Invalid Input Error: .*(CSV|Parquet|gzip|file)/i.test(message)) {
    return new QueryFailure('HIVE_BAD_DATA', message.replace(/^[A-Za-z ]+ Error: /, ''), { category: 2, type: 1000 });
  }
  const userError = /^(Binder|Conversion|Invalid Input|Out of Range|Parser|Catalog|Not implemented) Error/.test(message);
  void sql;
  return new QueryFailure(userError ? 'GENERIC_USER_ERROR' : 'GENERIC_INTERNAL_ERROR', message.replace(/^[A-Za-z ]+ Error: /, ''), {
    category: userError ? 2 : 1,
    type: userError ? 1000 : 200,
  });
}

export type { AstNode };
