/**
 * `npm start`: the whole product on one machine. Starts local AWS (BACKEND=local), builds the
 * console when its sources changed since the last build, serves it, and stops both on Ctrl-C.
 * `npm run dev` does the same with `next dev` instead of a production build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, readRuntimeConfig, type RuntimeConfig } from '../lib/runtime-config';
import { buildIsCurrent } from './console-build-inputs';

const ROOT = path.resolve(__dirname, '..');
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const dev = process.argv.includes('--dev');
const children: ChildProcess[] = [];
let shuttingDown = false;

function loadConfig(): RuntimeConfig {
  try {
    return readRuntimeConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

function buildIfNeeded(distDir: string) {
  if (buildIsCurrent(ROOT, distDir)) {
    console.log(`Console build in ${distDir} is up to date.`);
    return;
  }
  console.log(fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID')) ? 'Sources changed since the last build; rebuilding the console…' : 'Building the console (first start)…');
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error('The console build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

function startLocalAws(config: RuntimeConfig): Promise<string> {
  const child = spawn(process.execPath, [TSX_CLI, path.join(ROOT, 'server/local-aws/main.ts')], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
      const match = /Local AWS listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => {
      if (!shuttingDown) {
        reject(new Error(`Local AWS stopped (exit code ${code}) before it was ready.`));
      }
    });
    void config;
  });
}

function startConsole(config: RuntimeConfig, localEndpoint: string | undefined) {
  const host = process.env.HOST || '127.0.0.1';
  const args = dev ? [NEXT_BIN, 'dev', '-p', String(config.PORT), '-H', host] : [NEXT_BIN, 'start', '-p', String(config.PORT), '-H', host];
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (localEndpoint) env.LOCAL_AWS_PORT = new URL(localEndpoint).port;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
  children.push(child);
  console.log(`Console: http://${host === '0.0.0.0' ? 'localhost' : host}:${config.PORT}`);
  return child;
}

function stopAll(exitCode: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(exitCode);
  let remaining = alive.length;
  const force = setTimeout(() => alive.forEach((c) => c.kill('SIGKILL')), 10_000);
  for (const child of alive) {
    child.once('exit', () => {
      remaining -= 1;
      if (remaining === 0) {
        clearTimeout(force);
        process.exit(exitCode);
      }
    });
    child.kill('SIGTERM');
  }
}

async function main() {
  const config = loadConfig();
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  if (!dev) buildIfNeeded(process.env.NEXT_DIST_DIR || '.next');

  let localEndpoint: string | undefined;
  if (config.BACKEND === 'local') {
    try {
      localEndpoint = await startLocalAws(config);
    } catch (error) {
      console.error((error as Error).message);
      stopAll(1);
      return;
    }
  } else {
    console.log(`Using the real AWS account from the default credential chain (region ${config.region}).`);
  }

  const consoleProcess = startConsole(config, localEndpoint);
  for (const child of children) {
    child.once('exit', (code) => {
      if (!shuttingDown) {
        console.error(`${child === consoleProcess ? 'The console' : 'Local AWS'} stopped (exit code ${code}); stopping everything.`);
        stopAll(code || 1);
      }
    });
  }
}

void main();
