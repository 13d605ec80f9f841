import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringColumnInfo } from '../../engine/column-info';
import { encodeResultMetadata, readPage, resultObjectLocation } from './athena-results';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'athena-results-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const csvField = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

function writeCsv(rows: (string | null)[][]): { file: string; size: number } {
  const file = path.join(dir, `r${Math.random().toString(16).slice(2)}.csv`);
  fs.writeFileSync(file, rows.map((r) => `${r.map(csvField).join(',')}\n`).join(''));
  return { file, size: fs.statSync(file).size };
}

async function readAll(file: string, size: number, kind: 'csv' | 'txt', pageSize: number) {
  const rows: (string | null)[][] = [];
  let offset = 0;
  for (;;) {
    const page = await readPage({ path: file, kind, offset, maxRows: pageSize, size });
    rows.push(...page.rows);
    expect(page.rows.length).toBeLessThanOrEqual(pageSize);
    if (page.done) return rows;
    expect(page.rows.length).toBe(pageSize);
    offset = page.nextOffset;
  }
}

describe('result pages', () => {
  it('reads back every CSV value — quotes, commas, newlines, empty strings, NULLs, UTF-8 — across page and chunk boundaries', async () => {
    const rows: (string | null)[][] = [['a', 'b', 'c']];
    for (let i = 0; i < 3000; i++) {
      rows.push([`v${i}`, i % 5 === 0 ? null : i % 7 === 0 ? '' : `x,"y"\n${'z'.repeat(i % 97)}é😀`, i % 3 === 0 ? null : String(i)]);
    }
    rows.push([null, null, null]);
    const { file, size } = writeCsv(rows);
    expect(size).toBeGreaterThan(2 * 64 * 1024);
    for (const pageSize of [1, 7, 1000]) expect(await readAll(file, size, 'csv', pageSize)).toEqual(rows);
  });

  it('reads .txt results one line per row, without a trailing newline, and an empty file as no rows', async () => {
    const file = path.join(dir, 'show.txt');
    fs.writeFileSync(file, 'dt=2021-01-01\n\ndt=2021-01-02\t \t ');
    expect(await readAll(file, fs.statSync(file).size, 'txt', 2)).toEqual([['dt=2021-01-01'], [''], ['dt=2021-01-02\t \t ']]);
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    expect(await readAll(empty, 0, 'txt', 10)).toEqual([]);
  });

  it('names result objects after the query under the output location', () => {
    expect(resultObjectLocation('s3://b/p/', 'id', 'csv')).toBe('s3://b/p/id.csv');
    expect(resultObjectLocation('s3://b/p', 'id', 'txt')).toBe('s3://b/p/id.txt');
  });

  it('encodes the .metadata protobuf Athena JDBC reads', () => {
    const bytes = encodeResultMetadata('q1', [stringColumnInfo('tab_name')]);
    // field 1 "q1", then field 4 { 1:"hive" 4:"tab_name" 5:"tab_name" 6:"string" 9:3 }
    expect([...bytes.subarray(0, 4)]).toEqual([0x0a, 0x02, 0x71, 0x31]);
    expect(bytes[4]).toBe(0x22);
    const column = bytes.subarray(6);
    expect(column.toString('latin1')).toBe('\n\u0004hive"\btab_name*\btab_name2\u0006stringH\u0003');
  });
});
