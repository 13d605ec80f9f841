import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { FlowLogRecord } from '../../server/local-aws/services/ec2/ec2-store';
import { textLines } from '../../server/local-aws/traffic/encode-window';
import { trafficSpec, windowObjectKey } from '../../server/local-aws/traffic/flow-log-delivery';
import { generateRecords } from '../../server/local-aws/traffic/generate-records';
import { S3Putter } from '../support/s3-put';

/**
 * One generator thread: windows in, flow-log files in local S3 out. Each file is exactly what
 * delivery writes for that flow log and window — `generateRecords` (the delivery's own generator),
 * `textLines` (its encoder: header line, '-' for null), the object key from `windowObjectKey` — only
 * compressed at a faster gzip level. The thread uploads it (PutObject) and keeps a copy for the
 * benchmark's direct DuckDB runs. Every value is ASCII, so latin1 is the cheapest exact encoding.
 */

export interface WorkerInit {
  flowLog: FlowLogRecord;
  recordsPerWindow: number;
  gzipLevel: number;
  endpoint: string;
  copyDir: string;
}

export interface WindowResult {
  windowStart: number;
  records: number;
  textBytes: number;
  gzipBytes: number;
  error?: string;
}

let init: WorkerInit | undefined;
let putter: S3Putter | undefined;
const madeDirs = new Set<string>();

async function deliver(windowStart: number): Promise<WindowResult> {
  const { flowLog, recordsPerWindow, gzipLevel, copyDir } = init!;
  const window = generateRecords(trafficSpec(flowLog), windowStart, { recordsPerWindow });
  // AWS writes no file for a window without records.
  if (window.records.length === 0) return { windowStart, records: 0, textBytes: 0, gzipBytes: 0 };
  const { bucket, key } = windowObjectKey(flowLog, windowStart);
  const text = Buffer.from(textLines(window), 'latin1');
  const body = zlib.gzipSync(text, { level: gzipLevel });
  const copy = path.join(copyDir, key);
  const dir = path.dirname(copy);
  if (!madeDirs.has(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  await Promise.all([fs.promises.writeFile(copy, body), putter!.put(bucket, key, body, 'application/x-gzip')]);
  return { windowStart, records: window.records.length, textBytes: text.length, gzipBytes: body.length };
}

parentPort!.on('message', (message: { init?: WorkerInit; windowStart?: number; close?: boolean }) => {
  if (message.init) {
    init = message.init;
    putter = new S3Putter(init.endpoint);
    return;
  }
  if (message.close) {
    putter?.close();
    return;
  }
  if (!init || message.windowStart === undefined) return;
  const windowStart = message.windowStart;
  deliver(windowStart).then(
    (result) => parentPort!.postMessage(result),
    (error: Error) => parentPort!.postMessage({ windowStart, records: 0, textBytes: 0, gzipBytes: 0, error: error.message } satisfies WindowResult),
  );
});
