/**
 * `npm run test:conformance`: drives a fresh local-AWS endpoint with independent clients (the AWS
 * CLI v1 and boto3, see tests/conformance/) so we know real AWS tools work against it.
 *
 * Starts the endpoint on a free port with a temporary data dir, runs
 * `python3 -m unittest discover -s tests/conformance -v` against it with dummy credentials and an
 * empty AWS config (a developer's ~/.aws never leaks in), stops the endpoint and exits with the
 * tests' status. The last line is `N passed, N failed` (`, N skipped` when any) for CI to read.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalAwsProcess, type LocalAwsProcess } from '../tests/support/local-aws-process';
import { parseUnittestSummary, summaryLine } from './conformance-summary';

const ROOT = path.resolve(__dirname, '..');
const SUITE_DIR = 'tests/conformance';
const PYTHON = process.env.PYTHON ?? 'python3';
/**
 * Only stops a hung run from hanging CI: every client call has its own timeout, and on a busy
 * two-core machine the suite has been seen to take minutes.
 */
const SUITE_TIMEOUT_MS = 15 * 60_000;

/** Fails early, with the fix, when a client the suite drives is missing. */
function checkPrerequisites(): string | undefined {
  const python = spawnSync(PYTHON, ['-c', 'import boto3, botocore, unittest'], { encoding: 'utf8' });
  if (python.error) return `${PYTHON} is not available (${python.error.message}); install Python 3 and \`pip install boto3 awscli\`.`;
  if (python.status !== 0) return `boto3 is not importable by ${PYTHON}: \`${PYTHON} -m pip install boto3 awscli\`.\n${python.stderr}`;
  const cli = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (cli.error || cli.status !== 0) return 'The AWS CLI (`aws`) is not on PATH: `pip install awscli`.';
  return undefined;
}

/** Everything AWS-related is cleared from the environment, then set to values local to this run. */
function suiteEnvironment(endpoint: string, scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('AWS_') || name === 'LOCAL_AWS_ENDPOINT') delete env[name];
  }
  const configFile = path.join(scratch, 'aws-config');
  const credentialsFile = path.join(scratch, 'aws-credentials');
  fs.writeFileSync(configFile, '');
  fs.writeFileSync(credentialsFile, '');
  return {
    ...env,
    LOCAL_AWS_ENDPOINT: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIACONFORMANCE',
    AWS_SECRET_ACCESS_KEY: 'conformance-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUTF8: '1',
  };
}

function runSuite(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, ['-m', 'unittest', 'discover', '-s', SUITE_DIR, '-v'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString('utf8');
      stream.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    const timer = setTimeout(() => {
      process.stderr.write(`\nConformance suite still running after ${SUITE_TIMEOUT_MS / 1000} s: stopping it.\n`);
      child.kill('SIGKILL');
    }, SUITE_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), output });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 1, output: `${output}\n${error.message}` });
    });
  });
}

async function main(): Promise<number> {
  const problem = checkPrerequisites();
  if (problem) {
    console.error(problem);
    console.log('0 passed, 1 failed');
    return 1;
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  const dataDir = path.join(scratch, 'data');
  fs.mkdirSync(dataDir);
  let localAws: LocalAwsProcess | undefined;
  try {
    localAws = await startLocalAwsProcess({ dataDir });
    console.log(`Conformance: local AWS at ${localAws.endpoint} (data in ${dataDir})`);
    const started = Date.now();
    const { code, output } = await runSuite(suiteEnvironment(localAws.endpoint, scratch));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    const counts = parseUnittestSummary(output);
    const failedRun = code !== 0 || !counts || counts.failures + counts.errors + counts.unexpectedSuccesses > 0;
    if (failedRun) {
      const log = localAws.output().trim().split('\n').slice(-40).join('\n');
      console.log(`\nLocal AWS output (last 40 lines):\n${log || '(none)'}`);
    }
    console.log(`\nConformance suite finished in ${seconds} s.`);
    if (!counts) {
      console.log('The unittest run ended without its summary (see the output above).');
      console.log('0 passed, 1 failed');
      return code === 0 ? 1 : code;
    }
    console.log(summaryLine(counts));
    return failedRun ? code || 1 : 0;
  } catch (error) {
    console.error(`Conformance could not run: ${(error as Error).message}`);
    console.log('0 passed, 1 failed');
    return 1;
  } finally {
    await localAws?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
