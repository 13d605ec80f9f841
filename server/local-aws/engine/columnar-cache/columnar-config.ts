/**
 * Columnar acceleration settings from the environment:
 *   LOCAL_AWS_COLUMNAR                 on (default) | off — convert text objects under Glue tables to Parquet
 *   LOCAL_AWS_COLUMNAR_THREADS         DuckDB threads for conversion (default 1: queries keep the other core)
 *   LOCAL_AWS_COLUMNAR_MEMORY_LIMIT    DuckDB memory limit for conversion (default 256MB; spills beyond)
 *   LOCAL_AWS_COLUMNAR_DELAY_MS        quiet time after an object lands before its folder converts (default 250)
 */
export interface ColumnarConfig {
  enabled: boolean;
  threads: number;
  memoryLimit: string;
  delayMs: number;
}

export const DEFAULT_COLUMNAR_CONFIG: ColumnarConfig = { enabled: true, threads: 1, memoryLimit: '256MB', delayMs: 250 };

export function readColumnarConfig(env: Record<string, string | undefined> = process.env): ColumnarConfig {
  const switchValue = env.LOCAL_AWS_COLUMNAR?.trim().toLowerCase();
  if (switchValue && !['on', 'off', 'true', 'false', '1', '0'].includes(switchValue)) {
    throw new Error(`LOCAL_AWS_COLUMNAR must be on or off (got "${env.LOCAL_AWS_COLUMNAR}").`);
  }
  const memoryLimit = env.LOCAL_AWS_COLUMNAR_MEMORY_LIMIT?.trim() || DEFAULT_COLUMNAR_CONFIG.memoryLimit;
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
    throw new Error(`LOCAL_AWS_COLUMNAR_MEMORY_LIMIT must look like 256MB or 1GB (got "${memoryLimit}").`);
  }
  return {
    enabled: switchValue === undefined || switchValue === '' ? true : ['on', 'true', '1'].includes(switchValue),
    threads: readInteger(env, 'LOCAL_AWS_COLUMNAR_THREADS', DEFAULT_COLUMNAR_CONFIG.threads, 1, 64),
    memoryLimit,
    delayMs: readInteger(env, 'LOCAL_AWS_COLUMNAR_DELAY_MS', DEFAULT_COLUMNAR_CONFIG.delayMs, 0, 60_000),
  };
}

function readInteger(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number between ${min} and ${max} (got "${raw}").`);
  return value;
}
