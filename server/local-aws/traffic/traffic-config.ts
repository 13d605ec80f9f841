/**
 * Flow-log delivery settings from the environment:
 *   LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS        history a new S3 flow log gets (default 168 = 7 days; 0 = none)
 *   LOCAL_AWS_FLOW_LOG_RECORDS_PER_WINDOW    average records per 5-minute file per flow log (default 200)
 */
export interface TrafficConfig {
  backfillHours: number;
  recordsPerWindow: number;
}

export const DEFAULT_TRAFFIC_CONFIG: TrafficConfig = { backfillHours: 168, recordsPerWindow: 200 };

export function readTrafficConfig(env: Record<string, string | undefined> = process.env): TrafficConfig {
  return {
    backfillHours: readNumber(env, 'LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS', DEFAULT_TRAFFIC_CONFIG.backfillHours, 0, 24 * 90),
    recordsPerWindow: readNumber(env, 'LOCAL_AWS_FLOW_LOG_RECORDS_PER_WINDOW', DEFAULT_TRAFFIC_CONFIG.recordsPerWindow, 1, 100_000),
  };
}

function readNumber(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number between ${min} and ${max} (got "${raw}").`);
  }
  return value;
}
