import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FlowLogRecord } from '../../server/local-aws/services/ec2/ec2-store';
import { trafficSpec } from '../../server/local-aws/traffic/flow-log-delivery';
import { generateRecords, WINDOW_SECONDS } from '../../server/local-aws/traffic/generate-records';
import type { WindowResult, WorkerInit } from './generate-worker';

/**
 * Generates and delivers a flow log's history fast: generator threads produce whole windows (gzip'd
 * text files, exactly as delivery writes them) and upload each as an S3 object under the delivery's
 * key (PutObject against local AWS), keeping a copy for the reference and naive DuckDB runs; this
 * thread only hands out windows. Windows go newest first, as delivery backfills.
 */

export interface BulkDeliveryOptions {
  flowLog: FlowLogRecord;
  /** Records wanted in total; the result is within about a percent (whole windows). */
  records: number;
  days: number;
  /** Epoch seconds: the newest window ends at or before this. */
  endBefore: number;
  gzipLevel: number;
  workers: number;
  /** Local AWS, where the files are uploaded (PutObject). */
  endpoint: string;
  /** Directory that receives a copy of every file under its key. */
  copyDir: string;
  progress?: (line: string) => void;
}

export interface BulkDeliveryResult {
  windows: number;
  files: number;
  records: number;
  textBytes: number;
  gzipBytes: number;
  recordsPerWindow: number;
  firstWindow: number;
  lastWindow: number;
  seconds: number;
  /** CPU of this process (main thread and generator threads). */
  cpuSeconds: number;
}

/** Windows a generator thread holds: one generating while the previous ones upload. */
const IN_FLIGHT_PER_WORKER = 3;

export function windowStarts(endBefore: number, days: number): number[] {
  const last = Math.floor(endBefore / WINDOW_SECONDS) * WINDOW_SECONDS - WINDOW_SECONDS;
  const count = Math.round(days * 86_400 / WINDOW_SECONDS);
  return Array.from({ length: count }, (_, i) => last - i * WINDOW_SECONDS);
}

/**
 * generateRecords' `recordsPerWindow` is an average before the time-of-day swing and the shape of each
 * role's traffic; one generated window per hour of the day tells how many records it really yields.
 */
export function calibrateRecordsPerWindow(flowLog: FlowLogRecord, windows: number[], target: number): number {
  const probe = 1000;
  const day = windows.slice(0, 288);
  const sample = day.filter((_, i) => i % 12 === 0);
  let produced = 0;
  for (const start of sample) produced += generateRecords(trafficSpec(flowLog), start, { recordsPerWindow: probe }).records.length;
  const perProbe = produced / sample.length / probe;
  return Math.max(1, Math.min(100_000, Math.round(target / windows.length / perProbe)));
}

export async function bulkDeliver(options: BulkDeliveryOptions): Promise<BulkDeliveryResult> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const windows = windowStarts(options.endBefore, options.days);
  const recordsPerWindow = calibrateRecordsPerWindow(options.flowLog, windows, options.records);
  const init: WorkerInit = { flowLog: options.flowLog, recordsPerWindow, gzipLevel: options.gzipLevel, endpoint: options.endpoint, copyDir: options.copyDir };
  const workerFile = path.join(__dirname, 'generate-worker.ts');
  const workers = Array.from({ length: Math.max(1, options.workers) }, () => {
    const worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(workerFile)});`, { eval: true });
    worker.postMessage({ init });
    return worker;
  });

  const totals = { files: 0, records: 0, textBytes: 0, gzipBytes: 0 };
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const inFlight = new Map<Worker, number>();
      const dispatch = (worker: Worker) => {
        while ((inFlight.get(worker) ?? 0) < IN_FLIGHT_PER_WORKER && next < windows.length) {
          worker.postMessage({ windowStart: windows[next++] });
          inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
        }
      };
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (result: WindowResult) => {
          inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
          if (result.error) {
            reject(new Error(`window ${result.windowStart}: ${result.error}`));
            return;
          }
          if (result.records > 0) {
            totals.files += 1;
            totals.records += result.records;
            totals.textBytes += result.textBytes;
            totals.gzipBytes += result.gzipBytes;
          }
          done += 1;
          if (done % 200 === 0 || done === windows.length) {
            options.progress?.(`  delivered ${done}/${windows.length} windows, ${totals.records.toLocaleString('en-US')} records (${((performance.now() - started) / 1000).toFixed(1)} s)`);
          }
          if (done === windows.length) resolve();
          else dispatch(worker);
        });
        dispatch(worker);
      }
    });
  } finally {
    for (const worker of workers) worker.postMessage({ close: true });
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    windows: windows.length,
    ...totals,
    recordsPerWindow,
    firstWindow: windows[windows.length - 1],
    lastWindow: windows[0],
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

export const defaultWorkers = () => Math.max(1, Math.min(4, os.availableParallelism()));
