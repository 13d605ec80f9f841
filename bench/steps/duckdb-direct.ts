import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { findFlowLogField, flowLogColumnName, logFormatFields } from '../../lib/flow-logs';

/**
 * DuckDB run directly by the benchmark, outside local AWS: the yardsticks the Athena figures stand
 * beside. The reference reads a Parquet copy of the delivered data; the naive path reads the raw
 * gzip text files as delivered. Both expose a view with the integration table's name and columns
 * (Glue's types, then the year/month/day partition columns), so the saved queries run unchanged but
 * for the one Trino function DuckDB spells differently.
 */

export interface DirectSettings {
  threads: number;
  memoryLimit: string;
}

const SQL_TYPE = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR' } as const;

function columns(logFormat: string) {
  return logFormatFields(logFormat).map((field) => ({ name: flowLogColumnName(field), type: SQL_TYPE[findFlowLogField(field)!.athenaType] }));
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The text files as DuckDB's CSV reader sees them: typed columns, '-' as NULL, one header line per file. */
function textScan(logFormat: string, glob: string): string {
  const cols = columns(logFormat);
  const spec = `{${cols.map((c) => `${quote(c.name)}: ${quote(c.type)}`).join(', ')}}`;
  // The plain layout: …/<yyyy>/<MM>/<dd>/<file>; the partition columns come from the path, as in Athena.
  return `SELECT ${cols.map((c) => `"${c.name}"`).join(', ')},
      regexp_extract(filename, '/(\\d{4})/(\\d{2})/(\\d{2})/[^/]*$', 1) AS "year",
      regexp_extract(filename, '/(\\d{4})/(\\d{2})/(\\d{2})/[^/]*$', 2) AS "month",
      regexp_extract(filename, '/(\\d{4})/(\\d{2})/(\\d{2})/[^/]*$', 3) AS "day"
    FROM read_csv(${quote(glob)}, delim = ' ', header = true, quote = '', escape = '', nullstr = '-', auto_detect = false,
      columns = ${spec}, filename = true, compression = 'gzip')`;
}

export async function openDirect(settings: DirectSettings): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(settings.threads), memory_limit: settings.memoryLimit });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return { instance, connection };
}

/** Writes the Parquet copy of every text file under `rawDir` to `parquetDir`; returns its size. */
export async function writeParquetCopy(settings: DirectSettings, logFormat: string, rawDir: string, parquetDir: string): Promise<{ bytes: number; seconds: number }> {
  const started = performance.now();
  fs.mkdirSync(parquetDir, { recursive: true });
  const target = path.join(parquetDir, 'flow-logs.parquet');
  const { instance, connection } = await openDirect(settings);
  try {
    await connection.run(`COPY (${textScan(logFormat, path.join(rawDir, '**', '*.log.gz'))}) TO ${quote(target)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { bytes: fs.statSync(target).size, seconds: (performance.now() - started) / 1000 };
}

export type DirectKind = 'reference' | 'naive';

/** A DuckDB with the table view over either form of the data. */
export async function openTable(kind: DirectKind, settings: DirectSettings, table: string, logFormat: string, rawDir: string, parquetDir: string) {
  const db = await openDirect(settings);
  const source =
    kind === 'reference'
      ? `SELECT * FROM read_parquet(${quote(path.join(parquetDir, '*.parquet'))})`
      : textScan(logFormat, path.join(rawDir, '**', '*.log.gz'));
  await db.connection.run(`CREATE VIEW "${table}" AS ${source}`);
  return {
    ...db,
    /** Runs the saved query's SQL; milliseconds and row count. */
    async run(sql: string): Promise<{ ms: number; rows: number }> {
      const started = performance.now();
      const reader = await db.connection.runAndReadAll(duckdbSql(sql));
      return { ms: performance.now() - started, rows: reader.currentRowCount };
    },
    close() {
      db.connection.closeSync();
      db.instance.closeSync();
    },
  };
}
export type DirectTable = Awaited<ReturnType<typeof openTable>>;

/** Trino's from_unixtime is DuckDB's to_timestamp; the rest of the saved queries is common SQL. */
export function duckdbSql(trino: string): string {
  return trino.replace(/\bfrom_unixtime\s*\(/gi, 'to_timestamp(');
}
