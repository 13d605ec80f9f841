import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { findFlowLogField, flowLogColumnName } from '../../../lib/flow-logs';
import type { GeneratedWindow } from './generate-records';

const gzipAsync = promisify(gzip);

/** A text flow log file: a header line of the field names, then one space-separated record per line. */
export function textLines(window: GeneratedWindow): string {
  let out = `${window.fields.join(' ')}\n`;
  for (const record of window.records) {
    out += `${record.map((value) => (value === null ? '-' : String(value))).join(' ')}\n`;
  }
  return out;
}

/** Gzip runs on libuv's thread pool, so compressing never stalls requests. */
export async function encodeText(window: GeneratedWindow): Promise<Buffer> {
  return gzipAsync(Buffer.from(textLines(window), 'utf8'));
}

const DUCKDB_TYPE = { INT_32: 'INTEGER', INT_64: 'BIGINT', STRING: 'VARCHAR' } as const;

/**
 * Writes Parquet files through an in-memory DuckDB. The window goes to a temporary text file (the
 * same lines as a text flow log), and one `COPY (SELECT … FROM read_csv(…)) TO … (FORMAT parquet,
 * COMPRESSION gzip)` turns it into Parquet on DuckDB's own threads, so the main thread only builds
 * a string. Column names are the field names with `-` → `_`, types per the field table (INT_32 →
 * INTEGER, INT_64 → BIGINT, STRING → VARCHAR); '-' values become NULL. One window at a time.
 */
export class ParquetEncoder {
  private connection?: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }>;
  private queue: Promise<unknown> = Promise.resolve();
  private tmpReady?: Promise<unknown>;

  constructor(private readonly tmpDir: string) {}

  /** Writes the window to a temporary Parquet file and returns its path; the caller removes it. */
  encode(window: GeneratedWindow): Promise<string> {
    const run = this.queue.then(() => this.write(window));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async open() {
    this.connection ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
      return { instance, connection: await instance.connect() };
    })();
    return this.connection;
  }

  private async write(window: GeneratedWindow): Promise<string> {
    const { connection } = await this.open();
    this.tmpReady ??= fs.promises.mkdir(this.tmpDir, { recursive: true });
    await this.tmpReady;
    const id = randomUUID();
    const text = path.join(this.tmpDir, `flow-log-${id}.txt`);
    const file = path.join(this.tmpDir, `flow-log-${id}.parquet`);
    const types = window.fields.map((name) => findFlowLogField(name)!.parquetType);
    // A format may repeat a field; repeated columns get a suffix so the Parquet schema stays valid.
    const seen = new Map<string, number>();
    const columns = window.fields.map((name, i) => {
      const base = flowLogColumnName(name);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      return `'${count === 0 ? base : `${base}_${count}`}': '${DUCKDB_TYPE[types[i]]}'`;
    });
    await fs.promises.writeFile(text, textLines(window));
    try {
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(text)}, delim = ' ', header = true, nullstr = '-', quote = '', escape = '',
           auto_detect = false, columns = {${columns.join(', ')}}))
         TO ${sqlString(file)} (FORMAT parquet, COMPRESSION gzip)`,
      );
    } finally {
      await fs.promises.rm(text, { force: true });
    }
    return file;
  }

  close() {
    const pending = this.connection;
    this.connection = undefined;
    void pending?.then(({ connection, instance }) => {
      connection.closeSync();
      instance.closeSync();
    });
  }
}

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;
