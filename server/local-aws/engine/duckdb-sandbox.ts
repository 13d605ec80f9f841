import fs from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseAstJson, stringifyAst } from './ast-json';

/**
 * DuckDB as the engine runs it. Every query gets its own in-memory DuckDB instance whose file access
 * is cut down to exactly the object files of the tables the query names (`allowed_paths`) plus a
 * private spill directory, with `enable_external_access=false` and the configuration locked before
 * any user SQL runs. That is the second fence of the sandbox: even SQL that got past the dialect
 * layer's allow-lists could not read another file, write one, attach a database, load an extension
 * or change a setting.
 *
 * A separate long-lived instance, equally locked and with no file access at all, parses SQL into
 * DuckDB's syntax tree (json_serialize_sql) and back, and evaluates partition predicates over values.
 */

export interface DuckDbSettings {
  /** Per query, e.g. '512MB'. */
  memoryLimit: string;
  threads: number;
  /** Directory under which each query gets its own spill directory. */
  tempRoot: string;
}

export const DEFAULT_DUCKDB_SETTINGS: Omit<DuckDbSettings, 'tempRoot'> = { memoryLimit: '512MB', threads: 2 };

const BASE_OPTIONS = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  // Trino divides integers as integers (5 / 2 = 2).
  integer_division: 'true',
};

/** The settings that fence a connection in, as one batch (one round trip to DuckDB's threads, not five). */
function lockDownSql(allowedPaths: string[], allowedDirectories: string[]): string {
  return [
    "SET TimeZone = 'UTC'",
    `SET allowed_paths = ${sqlList(allowedPaths)}`,
    `SET allowed_directories = ${sqlList(allowedDirectories)}`,
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ].join(';\n');
}

function sqlList(values: string[]): string {
  return `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
}

export interface Sandbox {
  connection: DuckDBConnection;
  close(): void;
}

/**
 * Opens query sandboxes. Creating a DuckDB instance costs tens of milliseconds, so one unlocked spare
 * is kept ready; a query takes it, points its spill directory and allowed paths at its own files and
 * locks it. A spare never runs user SQL before it is locked.
 */
export class SandboxFactory {
  private spare?: Promise<DuckDBInstance>;
  private closed = false;

  constructor(private readonly settings: DuckDbSettings) {}

  private create(): Promise<DuckDBInstance> {
    return DuckDBInstance.create(':memory:', {
      ...BASE_OPTIONS,
      threads: String(this.settings.threads),
      memory_limit: this.settings.memoryLimit,
    });
  }

  private take(): Promise<DuckDBInstance> {
    const instance = this.spare ?? this.create();
    this.spare = undefined;
    if (!this.closed) {
      // Ready the next one once this query is under way.
      setImmediate(() => {
        if (!this.closed && !this.spare) {
          this.spare = this.create();
          this.spare.catch(() => (this.spare = undefined));
        }
      });
    }
    return instance;
  }

  /** A locked DuckDB for one query that can read `allowedPaths` and nothing else. */
  async open(queryId: string, allowedPaths: string[]): Promise<Sandbox> {
    const spill = `${this.settings.tempRoot}/${queryId}`;
    fs.mkdirSync(spill, { recursive: true });
    let instance: DuckDBInstance | undefined;
    let connection: DuckDBConnection | undefined;
    try {
      instance = await this.take();
      connection = await instance.connect();
      await connection.run(`SET temp_directory = ${sqlList([spill]).slice(1, -1)};\n${lockDownSql(allowedPaths, [`${spill}/`])}`);
    } catch (error) {
      connection?.closeSync();
      instance?.closeSync();
      fs.rmSync(spill, { recursive: true, force: true });
      throw error;
    }
    const opened = connection;
    const owned = instance;
    return {
      connection: opened,
      close() {
        // Tearing an instance down frees its buffers, which takes milliseconds: not on the query's path.
        setImmediate(() => {
          try {
            opened.closeSync();
          } finally {
            owned.closeSync();
            fs.rmSync(spill, { recursive: true, force: true });
          }
        });
      },
    };
  }

  close() {
    this.closed = true;
    void this.spare?.then((instance) => instance.closeSync()).catch(() => undefined);
    this.spare = undefined;
  }
}

/** One sandbox without a factory (tests). */
export async function openSandbox(settings: DuckDbSettings, queryId: string, allowedPaths: string[]): Promise<Sandbox> {
  const factory = new SandboxFactory(settings);
  try {
    return await factory.open(queryId, allowedPaths);
  } finally {
    factory.close();
  }
}

/** The parser instance: json_serialize_sql / json_deserialize_sql and small constant evaluations. */
export class DuckDbParser {
  private instance?: Promise<DuckDBInstance>;
  /**
   * Both directions are pure functions of their text, and a console runs the same saved queries
   * over and over (StartQueryExecution parses once to check, the run once more): their answers are
   * kept as text, so every caller still gets a tree of its own to rewrite.
   */
  private readonly serialized = new TextCache(256);
  private readonly deserialized = new TextCache(256);

  private async connect(): Promise<DuckDBConnection> {
    this.instance ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', { ...BASE_OPTIONS, threads: '1', memory_limit: '128MB' });
      const connection = await instance.connect();
      await connection.run(lockDownSql([], []));
      connection.closeSync();
      return instance;
    })();
    return (await this.instance).connect();
  }

  private async scalar(sql: string, values: string[]): Promise<string> {
    const connection = await this.connect();
    try {
      const reader = await connection.runAndReadAll(sql, values);
      return reader.getRows()[0][0] as string;
    } finally {
      connection.closeSync();
    }
  }

  /** DuckDB's syntax tree of `sql` as JSON, or the parser's error. */
  async serialize(sql: string): Promise<SerializedSql> {
    let text = this.serialized.get(sql);
    if (text === undefined) {
      text = await this.scalar('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
      this.serialized.set(sql, text);
    }
    return parseAstJson<SerializedSql>(text);
  }

  /** SQL text back from a (rewritten) syntax tree. */
  async deserialize(tree: SerializedSql): Promise<string> {
    const json = stringifyAst(tree);
    let sql = this.deserialized.get(json);
    if (sql === undefined) {
      sql = await this.scalar('SELECT json_deserialize_sql($1::JSON)', [json]);
      this.deserialized.set(json, sql);
    }
    return sql;
  }

  /** Runs a query with no table access (partition predicates over VALUES); rows as JSON. */
  async rows(sql: string): Promise<unknown[][]> {
    const connection = await this.connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowsJson() as unknown[][];
    } finally {
      connection.closeSync();
    }
  }

  close() {
    void this.instance?.then((instance) => instance.closeSync()).catch(() => undefined);
  }
}

/** A small least-recently-used map of text to text. */
class TextCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: string) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

export type SerializedSql =
  | { error: false; statements: { node: AstNode; named_param_map?: unknown[] }[] }
  | { error: true; error_type: string; error_message: string; error_subtype?: string; position?: string };

// DuckDB's syntax-tree JSON is open-ended; nodes are plain objects walked by shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = Record<string, any>;
