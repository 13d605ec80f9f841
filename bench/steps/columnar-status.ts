/**
 * Waits for local AWS's columnar acceleration to catch up with what was delivered (its admin route
 * `/_local-aws/columnar-cache`), so the "cold" runs measure a first query, not a race with the
 * background conversion. How long that took after the last object landed is a figure of its own.
 */

export interface ColumnarFigures {
  enabled: boolean;
  /** Seconds from the end of delivery until every object under the table was in columnar form. */
  catchUpSeconds?: number;
  segments?: number;
  objects?: number;
  rows?: number;
  bytes?: number;
  conversionSeconds?: number;
  note?: string;
}

interface CacheStatus {
  enabled: boolean;
  pendingDirectories: number;
  converting: boolean;
  segments: number;
  objects: number;
  rows: number;
  bytes: number;
  busyMs: number;
  lastError?: string;
}

export async function columnarStatus(endpoint: string): Promise<CacheStatus | undefined> {
  const response = await fetch(`${endpoint}/_local-aws/columnar-cache`);
  if (response.status === 404 || response.status === 403) return undefined;
  if (!response.ok) throw new Error(`columnar-cache status: HTTP ${response.status}`);
  return (await response.json()) as CacheStatus;
}

export async function waitForColumnarCache(endpoint: string, log: (line: string) => void, timeoutMs = 30 * 60_000): Promise<ColumnarFigures> {
  const started = performance.now();
  let lastLog = 0;
  for (;;) {
    const status = await columnarStatus(endpoint);
    if (!status) return { enabled: false, note: 'this local AWS has no columnar acceleration' };
    if (!status.enabled) return { enabled: false, note: 'columnar acceleration is off (LOCAL_AWS_COLUMNAR=off)' };
    const elapsed = performance.now() - started;
    if (status.pendingDirectories === 0 && !status.converting) {
      log(`columnar: ${status.segments} segments, ${status.objects} objects, ${status.rows.toLocaleString('en-US')} rows current ${(elapsed / 1000).toFixed(1)} s after delivery`);
      return {
        enabled: true,
        catchUpSeconds: Math.round(elapsed / 100) / 10,
        segments: status.segments,
        objects: status.objects,
        rows: status.rows,
        bytes: status.bytes,
        conversionSeconds: Math.round(status.busyMs / 100) / 10,
        ...(status.lastError ? { note: `last conversion error: ${status.lastError}` } : {}),
      };
    }
    if (elapsed - lastLog > 5000) {
      lastLog = elapsed;
      log(`  columnar: ${status.pendingDirectories} folders pending, ${status.rows.toLocaleString('en-US')} rows converted so far`);
    }
    if (elapsed > timeoutMs) return { enabled: true, note: `columnar acceleration had not caught up after ${timeoutMs / 1000} s` };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
