import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { findFlowLogField } from '../../lib/flow-logs';
import type { FlowLogValue } from '../../server/local-aws/traffic/generate-records';

/** A delivered flow log file read back: its columns and records, '-' and NULL as null. */
export interface ParsedFlowLogFile {
  fields: string[];
  records: FlowLogValue[][];
  /** Parquet only: column name → DuckDB type. */
  columnTypes?: Record<string, string>;
}

/** Text files: gzip, a header line of field names, then space-separated values. */
export function parseTextFlowLog(body: Uint8Array): ParsedFlowLogFile {
  const text = gunzipSync(body).toString('utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const fields = lines[0].split(' ');
  const records = lines.slice(1).map((line) =>
    line.split(' ').map((value, i) => {
      if (value === '-') return null;
      return findFlowLogField(fields[i])!.parquetType === 'STRING' ? value : Number(value);
    }),
  );
  return { fields, records };
}

export async function parseParquetFlowLog(body: Uint8Array): Promise<ParsedFlowLogFile> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flow-log-parquet-')), 'file.parquet');
  fs.writeFileSync(file, body);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const describe = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    const columnTypes = Object.fromEntries(describe.getRowObjects().map((row) => [String(row.column_name), String(row.column_type)]));
    const result = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    const fields = result.columnNames();
    const records = result.getRows().map((row) =>
      row.map((value) => (value === null ? null : typeof value === 'bigint' ? Number(value) : (value as string | number))),
    );
    return { fields, records, columnTypes };
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** The window start (epoch seconds) in a flow log file name: `…_20180620T1620Z_hash.log.gz`. */
export function windowStartOf(key: string): number {
  const match = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[0-9a-f]{8}\.log\.(gz|parquet)$/.exec(key);
  if (!match) throw new Error(`not a flow log file name: ${key}`);
  const [, y, mo, d, h, mi] = match.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi) / 1000;
}
