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
 * Writes Parquet files through an in-memory DuckDB: rows go in through an appender, `COPY … TO`
 * writes the file (gzip-compressed pages, as AWS does) on DuckDB's own threads. Column names are
 * the field names with `-` → `_`; '-' values become NULL. One window at a time.
 */
export class ParquetEncoder {
  private connection?: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }>;
  private queue: Promise<unknown> = Promise.resolve();

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
    fs.mkdirSync(this.tmpDir, { recursive: true });
    const file = path.join(this.tmpDir, `flow-log-${randomUUID()}.parquet`);
    const types = window.fields.map((name) => findFlowLogField(name)!.parquetType);
    // Repeated fields in a format would collide as columns; suffix repeats the way DuckDB would.
    const seen = new Map<string, number>();
    const columns = window.fields.map((name) => {
      const base = flowLogColumnName(name);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      return count === 0 ? base : `${base}_${count}`;
    });
    await connection.run('DROP TABLE IF EXISTS flow_log_window');
    await connection.run(
      `CREATE TABLE flow_log_window (${columns.map((column, i) => `"${column}" ${DUCKDB_TYPE[types[i]]}`).join(', ')})`,
    );
    const appender = await connection.createAppender('flow_log_window');
    for (const record of window.records) {
      for (let i = 0; i < record.length; i += 1) {
        const value = record[i];
        if (value === null) appender.appendNull();
        else if (types[i] === 'INT_32') appender.appendInteger(value as number);
        else if (types[i] === 'INT_64') appender.appendBigInt(BigInt(value));
        else appender.appendVarchar(String(value));
      }
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`COPY flow_log_window TO '${file.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION gzip)`);
    await connection.run('DROP TABLE flow_log_window');
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
