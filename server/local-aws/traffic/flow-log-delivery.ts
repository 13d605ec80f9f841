import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { flowLogObjectKey, parseS3DestinationArn } from '../../../lib/flow-logs';
import type { Ec2Store, FlowLogRecord } from '../services/ec2/ec2-store';
import { MissingBucketError, type S3Store } from '../services/s3/s3-store';
import { encodeText, ParquetEncoder } from './encode-window';
import { generateRecords, WINDOW_SECONDS, type FlowLogTrafficSpec } from './generate-records';
import type { TrafficConfig } from './traffic-config';

/** Windows written at once; more only adds contention on two cores. */
// Two windows at a time keep the cores busy without starving API requests: each window's fsync and
// gzip run on libuv's thread pool, which the S3 reads of a console page share.
const CONCURRENT_WINDOWS = 2;
/** How long after a window closes AWS's file for it appears (typically a few minutes). */
const DELIVERY_LAG_SECONDS = 90;

export interface DeliveryOptions extends TrafficConfig {
  /** Where Parquet files are staged before they become objects (DATA_DIR/tmp). */
  tmpDir: string;
  log?: (line: string) => void;
  /** Seconds after a window ends before it is delivered (AWS takes minutes; we are quicker). */
  delaySeconds?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** The spec generateRecords needs, from a stored flow log. */
export function trafficSpec(flowLog: FlowLogRecord): FlowLogTrafficSpec {
  return {
    flowLogId: flowLog.flowLogId,
    accountId: flowLog.accountId,
    region: flowLog.region,
    resourceId: flowLog.resourceId,
    trafficType: flowLog.trafficType,
    logFormat: flowLog.logFormat,
    maxAggregationInterval: flowLog.maxAggregationInterval,
  };
}

/** The 8-hex-digit suffix of a file name: stable per flow log and window, so a redelivery overwrites. */
export function windowFileHash(flowLogId: string, windowStart: number): string {
  return createHash('sha256').update(`${flowLogId}|${windowStart}`).digest('hex').slice(0, 8);
}

export function windowObjectKey(flowLog: FlowLogRecord, windowStart: number): { bucket: string; key: string } {
  const destination = parseS3DestinationArn(flowLog.logDestination ?? '');
  if (!destination.ok) throw new Error(destination.message);
  const options = flowLog.destinationOptions ?? { fileFormat: 'plain-text', hiveCompatiblePartitions: false, perHourPartition: false };
  return {
    bucket: destination.value.bucket,
    key: flowLogObjectKey({
      accountId: flowLog.accountId,
      region: flowLog.region,
      folder: destination.value.folder,
      hiveCompatiblePartitions: options.hiveCompatiblePartitions,
      perHourPartition: options.perHourPartition,
      flowLogId: flowLog.flowLogId,
      time: new Date(windowStart * 1000),
      hash: windowFileHash(flowLog.flowLogId, windowStart),
      fileFormat: options.fileFormat,
    }),
  };
}

/**
 * Delivers flow-log files into local S3 as AWS does: one object per flow log and 5-minute window
 * (records whose end time falls in the window), text+gzip with a header line, or Parquet.
 *
 * Work runs one window at a time on the event loop with a yield between windows; generation is
 * about a millisecond per window and compression / Parquet writing run off the main thread, so
 * API requests are never held up. Each delivered window is recorded in SQLite after its object is
 * committed; a crash in between redelivers the same key (the name is deterministic), so restarts
 * neither duplicate nor lose windows. Newest windows go first: a new flow log shows its latest
 * data at once while the backfill fills in history behind it.
 */
export class FlowLogDelivery {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private replan = false;
  private stopped = false;
  private readonly parquet: ParquetEncoder;
  private markDeliveredStatement?: import('better-sqlite3').Statement;
  private readonly now: () => number;
  readonly totals = { windows: 0, records: 0, bytes: 0, busyMs: 0 };

  constructor(
    private readonly store: Ec2Store,
    private readonly s3: S3Store,
    private readonly options: DeliveryOptions,
  ) {
    this.parquet = new ParquetEncoder(options.tmpDir);
    this.now = options.now ?? Date.now;
  }

  start() {
    this.stopped = false;
    this.kick();
    this.schedule();
  }

  /** Something changed (flow log created or deleted, a window ended): look for work. */
  kick() {
    if (this.stopped) return;
    if (this.running) {
      this.replan = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.replan && !this.stopped) this.kick();
    });
  }

  /** Progress for the /_local-aws/flow-log-delivery admin route. */
  status() {
    let pendingWindows = 0;
    for (const windows of this.plan(false).values()) pendingWindows += windows.length;
    return { running: Boolean(this.running), pendingWindows, ...this.totals };
  }

  /** Resolves when nothing is pending (tests, the seed command's wait). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.parquet.close();
  }

  /** Wakes up just after each 5-minute boundary, when a window has become complete. */
  private schedule() {
    if (this.stopped) return;
    const delayMs = (this.options.delaySeconds ?? 2) * 1000;
    const period = WINDOW_SECONDS * 1000;
    const now = this.now();
    const next = Math.floor((now - delayMs) / period) * period + period + delayMs;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule();
    }, Math.max(250, next - now));
    this.timer.unref();
  }

  /** The newest complete window's start, in epoch seconds. */
  private lastCompleteWindow(): number {
    const seconds = Math.floor(this.now() / 1000) - (this.options.delaySeconds ?? 2);
    return Math.floor(seconds / WINDOW_SECONDS) * WINDOW_SECONDS - WINDOW_SECONDS;
  }

  private plan(refreshStatus = true): Map<string, number[]> {
    if (refreshStatus) this.refreshDeliveryStatus();
    const last = this.lastCompleteWindow();
    const pending = new Map<string, number[]>();
    const delivered = this.store.db.prepare('SELECT window_start FROM ec2_flow_log_deliveries WHERE flow_log_id = ?').pluck();
    for (const flowLog of this.store.listDeliverableFlowLogs()) {
      const done = new Set(delivered.all(flowLog.flowLogId) as number[]);
      const windows: number[] = [];
      for (let start = last; start >= flowLog.deliverFrom; start -= WINDOW_SECONDS) if (!done.has(start)) windows.push(start);
      if (windows.length) pending.set(flowLog.flowLogId, windows);
    }
    return pending;
  }

  private async drain() {
    const started = Date.now();
    const before = { ...this.totals };
    let pending = this.plan();
    // A few windows in flight at once: their gzip, Parquet and fsync work runs off the main thread.
    const inFlight = new Set<Promise<void>>();
    while (!this.stopped) {
      if (this.replan) {
        this.replan = false;
        pending = this.plan();
      }
      // The flow log whose next window is newest goes next: live windows before any backfill.
      let bestId: string | undefined;
      for (const [id, windows] of pending) if (!bestId || windows[0] > pending.get(bestId)![0]) bestId = id;
      if (!bestId) break;
      const windows = pending.get(bestId)!;
      const windowStart = windows.shift()!;
      if (windows.length === 0) pending.delete(bestId);
      const flowLog = this.store.getFlowLog(bestId);
      if (!flowLog || flowLog.deliverLogsStatus !== 'SUCCESS') {
        pending.delete(bestId);
        continue;
      }
      const job: Promise<void> = this.deliverSafely(flowLog, windowStart, () => pending.delete(flowLog.flowLogId)).finally(() =>
        inFlight.delete(job),
      );
      inFlight.add(job);
      if (inFlight.size >= CONCURRENT_WINDOWS) await Promise.race(inFlight);
      // A timer, not just setImmediate: it lets queued request I/O run between windows of a backfill.
      await sleep(1);
    }
    await Promise.all(inFlight);
    const windows = this.totals.windows - before.windows;
    if (windows > 0) {
      const records = this.totals.records - before.records;
      const seconds = (Date.now() - started) / 1000;
      this.options.log?.(
        `[flow-logs] delivered ${windows} window(s), ${records} records in ${seconds.toFixed(1)} s (${Math.round(records / Math.max(seconds, 0.001))} records/s)`,
      );
    }
  }

  private async deliverSafely(flowLog: FlowLogRecord, windowStart: number, dropRest: () => void) {
    try {
      await this.deliverWindow(flowLog, windowStart);
    } catch (error) {
      dropRest();
      if (error instanceof MissingBucketError) {
        this.setStatus(flowLog.flowLogId, 'FAILED', 'Access error');
      } else {
        this.options.log?.(`[flow-logs] delivering ${flowLog.flowLogId} window ${windowStart} failed: ${(error as Error).stack ?? error}`);
      }
    }
  }

  async deliverWindow(flowLog: FlowLogRecord, windowStart: number) {
    const began = performance.now();
    const window = generateRecords(trafficSpec(flowLog), windowStart, { recordsPerWindow: this.options.recordsPerWindow });
    const { bucket, key } = windowObjectKey(flowLog, windowStart);
    if (window.records.length === 0) {
      // AWS writes no file for a window without records (e.g. REJECT-only on a quiet interface).
      this.markDelivered(flowLog.flowLogId, windowStart, '', 0);
      return;
    }
    const parquet = flowLog.destinationOptions?.fileFormat === 'parquet';
    let file;
    if (parquet) {
      const tmp = await this.parquet.encode(window);
      try {
        file = await this.s3.files.write(fs.createReadStream(tmp));
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    } else {
      file = await this.s3.files.write(await encodeText(window));
    }
    if (!this.store.getFlowLog(flowLog.flowLogId)) {
      // Deleted while this window was being written: deliver nothing more.
      await this.s3.files.remove(file.fileId);
      return;
    }
    // AWS writes a window's file a little after the window closes; history delivered now (backfill,
    // or after local AWS was stopped) carries that time, not the moment it was generated.
    const lastModified = new Date(Math.min(this.now(), (windowStart + WINDOW_SECONDS + DELIVERY_LAG_SECONDS) * 1000));
    await this.s3.commitObject(bucket, key, file, { contentType: parquet ? 'application/octet-stream' : 'application/x-gzip' }, {}, {}, { lastModified });
    this.markDelivered(flowLog.flowLogId, windowStart, key, window.records.length);
    this.totals.windows += 1;
    this.totals.records += window.records.length;
    this.totals.bytes += file.size;
    this.totals.busyMs += performance.now() - began;
  }

  private markDelivered(flowLogId: string, windowStart: number, key: string, records: number) {
    this.markDeliveredStatement ??= this.store.db.prepare(
      `INSERT OR REPLACE INTO ec2_flow_log_deliveries (flow_log_id, window_start, object_key, records, delivered_at)
       SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM ec2_flow_logs WHERE flow_log_id = ?)`,
    );
    this.markDeliveredStatement.run(flowLogId, windowStart, key, records, new Date().toISOString(), flowLogId);
  }

  /** An S3 flow log whose bucket is gone reports FAILED / "Access error" until the bucket is back. */
  private refreshDeliveryStatus() {
    const rows = this.store.db
      .prepare("SELECT flow_log_id, log_destination, deliver_logs_status FROM ec2_flow_logs WHERE log_destination_type = 's3'")
      .all() as { flow_log_id: string; log_destination: string; deliver_logs_status: string }[];
    for (const row of rows) {
      const destination = parseS3DestinationArn(row.log_destination);
      const exists = destination.ok && Boolean(this.s3.getBucket(destination.value.bucket));
      if (exists && row.deliver_logs_status !== 'SUCCESS') this.setStatus(row.flow_log_id, 'SUCCESS', null);
      if (!exists && row.deliver_logs_status === 'SUCCESS') this.setStatus(row.flow_log_id, 'FAILED', 'Access error');
    }
  }

  private setStatus(flowLogId: string, status: 'SUCCESS' | 'FAILED', message: string | null) {
    this.store.db
      .prepare('UPDATE ec2_flow_logs SET deliver_logs_status = ?, deliver_logs_error_message = ? WHERE flow_log_id = ?')
      .run(status, message, flowLogId);
  }
}
