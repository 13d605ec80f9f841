import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { FlowLogRecord } from '../../server/local-aws/services/ec2/ec2-store';
import { trafficSpec, windowObjectKey } from '../../server/local-aws/traffic/flow-log-delivery';
import { textLines } from '../../server/local-aws/traffic/encode-window';
import { generateRecords } from '../../server/local-aws/traffic/generate-records';

/**
 * One generator thread: windows in, gzip'd text flow-log files out. Each file is exactly what
 * delivery writes for that flow log and window — `generateRecords` (the delivery's own generator),
 * `textLines` (its encoder: header line, '-' for null), the object key from `windowObjectKey` — only
 * compressed at a faster gzip level. Every value is ASCII, so latin1 is the cheapest exact encoding.
 */

export interface WorkerInit {
  flowLog: FlowLogRecord;
  recordsPerWindow: number;
  gzipLevel: number;
}

export interface WindowResult {
  windowStart: number;
  key: string;
  records: number;
  textBytes: number;
  /** Empty when the window had no records (AWS writes no file then). */
  body: Uint8Array;
}

let init: WorkerInit | undefined;

parentPort!.on('message', (message: { init?: WorkerInit; windowStart?: number }) => {
  if (message.init) {
    init = message.init;
    return;
  }
  if (!init || message.windowStart === undefined) return;
  const { flowLog, recordsPerWindow, gzipLevel } = init;
  const window = generateRecords(trafficSpec(flowLog), message.windowStart, { recordsPerWindow });
  const { key } = windowObjectKey(flowLog, message.windowStart);
  if (window.records.length === 0) {
    const empty: WindowResult = { windowStart: message.windowStart, key, records: 0, textBytes: 0, body: new Uint8Array(0) };
    parentPort!.postMessage(empty);
    return;
  }
  const text = Buffer.from(textLines(window), 'latin1');
  const gz = zlib.gzipSync(text, { level: gzipLevel });
  // Transfer, not copy — but only a buffer that owns its whole ArrayBuffer (small ones share a pool).
  const body = gz.byteOffset === 0 && gz.buffer.byteLength === gz.byteLength ? new Uint8Array(gz.buffer) : new Uint8Array(gz);
  const result: WindowResult = { windowStart: message.windowStart, key, records: window.records.length, textBytes: text.length, body };
  parentPort!.postMessage(result, [body.buffer as ArrayBuffer]);
});
