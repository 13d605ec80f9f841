import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * A local-AWS process for the benchmark: `node --import tsx server/local-aws/main.ts` on a free port
 * and the caller's data dir. Unlike `npx tsx …` (which runs the program in a second, child node
 * process) this is one process, so its pid is the one whose memory the benchmark samples.
 */
export interface BenchServer {
  endpoint: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

export async function startBenchServer(dataDir: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/local-aws/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      BACKEND: 'local',
      DATA_DIR: dataDir,
      LOCAL_AWS_PORT: '0',
      LOCAL_AWS_HOST: '127.0.0.1',
      AWS_REGION: 'us-east-1',
      LOCAL_AWS_SEED: 'none',
      // The benchmark delivers history itself; the process only delivers windows that end during the run.
      LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local AWS did not start in 60 s:\n${output}`)), 60_000);
    const onData = () => {
      const match = /Local AWS listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local AWS exited with ${code} before listening:\n${output}`));
    });
  });
  return { endpoint, pid: child.pid!, output: () => output, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
