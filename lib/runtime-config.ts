import { z } from 'zod';

/**
 * Every setting the product reads from the environment, validated once at start-up so that a typo
 * stops the process with a readable message instead of surfacing later as a confusing AWS error.
 */
const port = z.coerce.number().int().min(1).max(65535);

export const runtimeConfigSchema = z.object({
  BACKEND: z.enum(['local', 'aws']).default('local'),
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-east-1').optional(),
  PORT: port.default(3000),
  LOCAL_AWS_HOST: z.string().min(1).default('127.0.0.1'),
  // 0 asks the OS for a free port (tests run many endpoints side by side).
  LOCAL_AWS_PORT: z.coerce.number().int().min(0).max(65535).default(4566),
  DATA_DIR: z.string().min(1).default('.data'),
  LOCAL_AWS_ACCOUNT_ID: z.string().regex(/^\d{12}$/, 'must be 12 digits').default('000000000000'),
  /** Largest single S3 PUT local AWS accepts; S3's own limit is 5 GiB. */
  LOCAL_AWS_MAX_OBJECT_BYTES: z.coerce.number().int().positive().default(5 * 1024 ** 3),
  /** How long a CloudFormation custom resource waits for its function's response (ServiceTimeout overrides). */
  LOCAL_AWS_CUSTOM_RESOURCE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** Tests: every EventBridge schedule fires at this fixed interval instead of its expression. */
  LOCAL_AWS_SCHEDULE_INTERVAL_MS: z.coerce.number().int().positive().optional(),
  /** Athena queries that run at once; the rest wait QUEUED. */
  LOCAL_AWS_ATHENA_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** DuckDB memory limit per running Athena query (DuckDB's syntax: 512MB, 2GB…); beyond it DuckDB spills to disk. */
  LOCAL_AWS_DUCKDB_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'must look like 512MB or 2GB').default('512MB'),
  /** DuckDB threads per running Athena query. */
  LOCAL_AWS_DUCKDB_THREADS: z.coerce.number().int().min(1).max(256).default(2),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema> & { region: string; localEndpoint: string };

export class ConfigError extends Error {}

export function readRuntimeConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  const parsed = runtimeConfigSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  return {
    ...cfg,
    region: cfg.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    localEndpoint: `http://${cfg.LOCAL_AWS_HOST}:${cfg.LOCAL_AWS_PORT}`,
  };
}

/** An empty variable (`FOO=`) means "not set", as shells and .env files commonly produce them. */
function blankToUndefined(env: Record<string, string | undefined>) {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(runtimeConfigSchema.shape)) {
    const value = env[key];
    out[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  return out;
}

/** Static credentials local AWS accepts; any key works, these are what the console signs with. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'LOCALAWSACCESSKEY', secretAccessKey: 'local-aws-secret-key' } as const;
