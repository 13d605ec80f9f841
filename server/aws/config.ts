import 'server-only';
import { readRuntimeConfig, type RuntimeConfig } from '@/lib/runtime-config';

let cached: RuntimeConfig | undefined;

/** The console's configuration, read and validated once per process. */
export function consoleConfig(): RuntimeConfig {
  cached ??= readRuntimeConfig();
  return cached;
}
