import fs from 'node:fs';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { metadataFieldsPresent, type ColumnInfo } from '../../engine/column-info';
import type { S3Store } from '../s3/s3-store';

/**
 * Athena's result files, byte for byte as Athena writes them (measured): `<id>.csv` with every
 * non-NULL value quoted (header included), NULL as an empty field, `\n` after every line; `<id>.txt`
 * for DDL/SHOW/DESCRIBE with one row per line and no trailing newline; and the `.metadata` sidecar,
 * a protobuf of the columns that Athena's JDBC driver reads.
 *
 * GetQueryResults pages straight from these files: a NextToken records the byte offset of the next
 * row, so a page costs only its own rows and a result never has to sit in memory.
 */

export interface S3Location {
  bucket: string;
  key: string;
}

export function parseOutputLocation(location: string): S3Location {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m) throw new Error(`not an s3:// location: ${location}`);
  return { bucket: m[1], key: m[2] };
}

/** `s3://bucket/prefix/` + `<id>.<ext>`; a location without a trailing slash is a folder too. */
export function resultObjectLocation(outputLocation: string, queryId: string, extension: 'csv' | 'txt'): string {
  const base = outputLocation.endsWith('/') ? outputLocation : `${outputLocation}/`;
  return `${base}${queryId}.${extension}`;
}

function csvField(value: string | null): string {
  return value === null ? '' : `"${value.replace(/"/g, '""')}"`;
}

/** Streams a result into a new object file; `commit` makes it visible in S3 under its key. */
export class ResultFileWriter {
  private readonly stream = new PassThrough();
  private readonly written: ReturnType<S3Store['files']['write']>;
  private lines = 0;

  constructor(
    private readonly s3: S3Store,
    private readonly kind: 'csv' | 'txt',
  ) {
    this.written = s3.files.write(this.stream);
    // Surface write failures at commit time, not as an unhandled rejection.
    this.written.catch(() => undefined);
  }

  async header(columns: ColumnInfo[]) {
    if (this.kind === 'csv') await this.push(`${columns.map((c) => csvField(c.Name)).join(',')}\n`);
  }

  async rows(rows: (string | null)[][]) {
    let text = '';
    if (this.kind === 'csv') {
      for (const row of rows) text += `${row.map(csvField).join(',')}\n`;
    } else {
      for (const row of rows) {
        text += `${this.lines > 0 ? '\n' : ''}${row.map((v) => v ?? '').join('\t')}`;
        this.lines++;
      }
    }
    await this.push(text);
  }

  private async push(text: string) {
    if (text === '') return;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async commit(location: S3Location, contentType: string) {
    this.stream.end();
    const stored = await this.written;
    return this.s3.commitObject(location.bucket, location.key, stored, { contentType }, {}, {});
  }

  abort() {
    this.stream.destroy();
  }
}

// ---------------------------------------------------------------- .metadata protobuf

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

function stringField(field: number, value: string): number[] {
  const bytes = [...Buffer.from(value, 'utf8')];
  return [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
}

function varintField(field: number, value: number): number[] {
  return [...varint(field << 3), ...varint(value)];
}

/**
 * The `.metadata` sidecar: field 1 the query id, then one field-4 message per column with
 * 1 CatalogName, 4 Name, 5 Label, 6 Type, 7 Precision, 8 Scale, 9 Nullable (3 = UNKNOWN),
 * 10 CaseSensitive — 7/8/10 present or absent by type, as Athena writes them.
 */
export function encodeResultMetadata(queryId: string, columns: ColumnInfo[]): Buffer {
  const out: number[] = [...stringField(1, queryId)];
  for (const column of columns) {
    const present = metadataFieldsPresent(column.Type);
    const message = [
      ...stringField(1, column.CatalogName),
      ...stringField(4, column.Name),
      ...stringField(5, column.Label),
      ...stringField(6, column.Type),
      ...(present.precision ? varintField(7, column.Precision) : []),
      ...(present.scale ? varintField(8, column.Scale) : []),
      ...varintField(9, column.Nullable === 'NOT_NULL' ? 1 : column.Nullable === 'NULLABLE' ? 2 : 3),
      ...(present.caseSensitive ? varintField(10, column.CaseSensitive ? 1 : 0) : []),
    ];
    out.push(...varint((4 << 3) | 2), ...varint(message.length), ...message);
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------- paging

export interface PageRequest {
  path: string;
  kind: 'csv' | 'txt';
  offset: number;
  maxRows: number;
  size: number;
}

export interface Page {
  rows: (string | null)[][];
  nextOffset: number;
  done: boolean;
}

/** Reads up to `maxRows` records from `offset`. */
export async function readPage(request: PageRequest): Promise<Page> {
  const handle = await fs.promises.open(request.path, 'r');
  try {
    const rows: (string | null)[][] = [];
    let buffer = Buffer.alloc(0);
    let bufferStart = request.offset;
    let position = request.offset;
    let eof = request.offset >= request.size;
    let cursor = 0;
    const chunk = 64 * 1024;
    while (rows.length < request.maxRows) {
      const parsed = request.kind === 'csv' ? parseCsvRecord(buffer, cursor, eof) : parseTextLine(buffer, cursor, eof, bufferStart + cursor >= request.size);
      if (parsed === 'need-more') {
        if (eof) break;
        const next = Buffer.alloc(chunk);
        const { bytesRead } = await handle.read(next, 0, chunk, position);
        position += bytesRead;
        if (bytesRead === 0 || position >= request.size) eof = true;
        buffer = Buffer.concat([buffer.subarray(cursor), next.subarray(0, bytesRead)]);
        bufferStart += cursor;
        cursor = 0;
        continue;
      }
      if (parsed === 'end') break;
      rows.push(parsed.row);
      cursor = parsed.next;
    }
    const nextOffset = bufferStart + cursor;
    return { rows, nextOffset, done: nextOffset >= request.size };
  } finally {
    await handle.close();
  }
}

type Parsed = { row: (string | null)[]; next: number } | 'need-more' | 'end';

function parseCsvRecord(buffer: Buffer, start: number, eof: boolean): Parsed {
  if (start >= buffer.length) return eof ? 'end' : 'need-more';
  const row: (string | null)[] = [];
  let i = start;
  for (;;) {
    if (i >= buffer.length) {
      if (!eof) return 'need-more';
      row.push(null);
      return { row, next: i };
    }
    if (buffer[i] === 0x22) {
      // Quoted field: "" is a quote; ends at a lone quote.
      let j = i + 1;
      const parts: Buffer[] = [];
      let segment = j;
      for (;;) {
        if (j >= buffer.length) return eof ? 'end' : 'need-more';
        if (buffer[j] === 0x22) {
          if (j + 1 >= buffer.length && !eof) return 'need-more';
          if (buffer[j + 1] === 0x22) {
            parts.push(buffer.subarray(segment, j + 1));
            j += 2;
            segment = j;
            continue;
          }
          parts.push(buffer.subarray(segment, j));
          j++;
          break;
        }
        j++;
      }
      row.push(Buffer.concat(parts).toString('utf8'));
      i = j;
    } else {
      let j = i;
      while (j < buffer.length && buffer[j] !== 0x2c && buffer[j] !== 0x0a) j++;
      if (j >= buffer.length && !eof) return 'need-more';
      row.push(j === i ? null : buffer.subarray(i, j).toString('utf8'));
      i = j;
    }
    if (i >= buffer.length) {
      if (!eof) return 'need-more';
      return { row, next: i };
    }
    if (buffer[i] === 0x2c) {
      i++;
      continue;
    }
    if (buffer[i] === 0x0a) return { row, next: i + 1 };
  }
}

function parseTextLine(buffer: Buffer, start: number, eof: boolean, atEnd: boolean): Parsed {
  if (atEnd) return 'end';
  const newline = buffer.indexOf(0x0a, start);
  if (newline < 0) {
    if (!eof) return 'need-more';
    if (start >= buffer.length) return 'end';
    return { row: [buffer.subarray(start).toString('utf8')], next: buffer.length };
  }
  return { row: [buffer.subarray(start, newline).toString('utf8')], next: newline + 1 };
}
