import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LocalAwsProcess {
  endpoint: string;
  port: number;
  dataDir: string;
  /** Everything the process printed, for assertions and for failure messages. */
  output(): string;
  stop(): Promise<void>;
  /** Stops and starts again on the same data dir (persistence tests). */
  restart(): Promise<LocalAwsProcess>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts a real local-AWS process (`tsx server/local-aws/main.ts`) on a free port with its own
 * temporary data dir, exactly as `npm run local-aws` does, and resolves once it is listening.
 */
export async function startLocalAwsProcess(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<LocalAwsProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'local-aws-test-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'server/local-aws/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      BACKEND: 'local',
      DATA_DIR: dataDir,
      LOCAL_AWS_PORT: '0',
      LOCAL_AWS_HOST: '127.0.0.1',
      AWS_REGION: 'us-east-1',
      LOCAL_AWS_SEED: 'none',
      // Flow logs created by tests backfill one hour, lightly, so delivery stays quick on two cores.
      LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: '1',
      LOCAL_AWS_FLOW_LOG_RECORDS_PER_WINDOW: '20',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local AWS did not start in 30 s:\n${output}`)), 30_000);
    const onData = () => {
      const match = /Local AWS listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local AWS exited with ${code} before listening:\n${output}`));
    });
  });

  const stop = () => stopChild(child);
  return {
    endpoint,
    port: Number(new URL(endpoint).port),
    dataDir,
    output: () => output,
    stop,
    async restart() {
      await stop();
      return startLocalAwsProcess({ ...options, dataDir });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Static credentials; local AWS accepts any key. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIATESTLOCALAWS', secretAccessKey: 'test-secret' };

/** Client config for an SDK v3 client against a test endpoint. */
export function clientConfig(endpoint: string, region = 'us-east-1') {
  return { endpoint, region, credentials: TEST_CREDENTIALS, maxAttempts: 1 };
}
