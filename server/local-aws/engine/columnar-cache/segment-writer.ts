import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { quoteString } from '../trino-lexer';
import { readText, type TextFormat } from '../table-scan';

/**
 * Writes segment files with a DuckDB of its own: few threads, a small memory limit, file access
 * cut down to the object files, the segment folder and its spill folder. Text objects are read with
 * exactly the reader and casts a query's text scan uses (the `projection` and `readText` of
 * table-scan.ts), so a segment holds the very rows — values, types, NULLs and order — that reading
 * its objects as text would give. Each file is written under a temporary name, fsynced and renamed.
 */

export interface WriterSettings {
  threads: number;
  memoryLimit: string;
  objectsDir: string;
  segmentsDir: string;
  spillDir: string;
}

export interface TextSource {
  path: string;
  compression: 'gzip' | 'zstd' | 'none';
}

export class SegmentWriter {
  private db?: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }>;

  constructor(private readonly settings: WriterSettings) {}

  private open() {
    this.db ??= (async () => {
      for (const dir of [this.settings.segmentsDir, this.settings.spillDir]) fs.mkdirSync(dir, { recursive: true });
      const instance = await DuckDBInstance.create(':memory:', {
        threads: String(this.settings.threads),
        memory_limit: this.settings.memoryLimit,
        temp_directory: this.settings.spillDir,
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
      const connection = await instance.connect();
      const dirs = [this.settings.objectsDir, this.settings.segmentsDir, this.settings.spillDir].map((d) => quoteString(`${d}/`));
      await connection.run("SET TimeZone = 'UTC'");
      await connection.run(`SET allowed_directories = [${dirs.join(', ')}]`);
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
      return { instance, connection };
    })();
    return this.db;
  }

  /**
   * One segment from text objects, in the order given. `projection` is the select list over the raw
   * columns c0…cN (the text scan's casts); consecutive objects with the same compression share a reader.
   */
  async fromText(format: TextFormat, columnCount: number, projection: string, sources: TextSource[]): Promise<{ path: string; rows: number; bytes: number }> {
    const raw = Array.from({ length: columnCount }, (_, i) => `c${i}`);
    const runs: TextSource[][] = [];
    for (const source of sources) {
      const last = runs[runs.length - 1];
      if (last && last[0].compression === source.compression) last.push(source);
      else runs.push([source]);
    }
    const selects = runs.map((run) => `SELECT ${projection} FROM ${readText(format, run.map((s) => s.path), raw, run[0].compression)}`);
    return this.write(selects.join('\nUNION ALL\n'));
  }

  /** One segment from several, rows in the order of the list. */
  async merge(paths: string[]): Promise<{ path: string; rows: number; bytes: number }> {
    return this.write(`SELECT * FROM read_parquet([${paths.map(quoteString).join(', ')}])`);
  }

  private async write(select: string): Promise<{ path: string; rows: number; bytes: number }> {
    const { connection } = await this.open();
    const id = randomBytes(12).toString('hex');
    const tmp = path.join(this.settings.segmentsDir, `${id}.parquet.tmp`);
    const final = path.join(this.settings.segmentsDir, `${id}.parquet`);
    try {
      // preserve_insertion_order (DuckDB's default) keeps the rows in source order across threads.
      await connection.run(`COPY (${select}) TO ${quoteString(tmp)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)`);
      const counted = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet(${quoteString(tmp)})`);
      const rows = Number(counted.getRows()[0][0]);
      const fd = fs.openSync(tmp, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, final);
      return { path: final, rows, bytes: fs.statSync(final).size };
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw error;
    }
  }

  close() {
    const db = this.db;
    this.db = undefined;
    void db
      ?.then(({ instance, connection }) => {
        connection.closeSync();
        instance.closeSync();
      })
      .catch(() => undefined);
  }
}
