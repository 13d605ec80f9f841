import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ObjectFiles } from '../../store/object-files';
import type { LambdaCode, LambdaStore, StoredFunction } from './lambda-store';
import { readZip } from './zip-archive';

/**
 * Runs Lambda functions for real: each invocation of a Node.js function is a child process (runner.cjs)
 * with the function's code as its task root, the AWS SDK pointed at local AWS (AWS_ENDPOINT_URL,
 * AWS_REGION, dummy credentials, NODE_PATH with the project's node_modules so `@aws-sdk/client-*`
 * resolve) and Lambda's own environment variables. The timeout is enforced by killing the process;
 * console output is captured as the invocation's log. Other runtimes are stored but fail clearly.
 */

export interface InvokeResult {
  /** The JSON the handler returned, or Lambda's error document when functionError is set. */
  payload: Buffer;
  functionError?: 'Unhandled';
  /** The whole log of the invocation (START … END … REPORT lines included). */
  log: string;
  requestId: string;
}

export interface LambdaRuntimeOptions {
  dataDir: string;
  /** Base URL of local AWS itself, known once it listens. */
  endpoint: () => string;
  log?: (line: string) => void;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const RUNNER = path.join(__dirname, 'runner.cjs');
/** Modules AWS provides to inline code (cfn-response), ahead of the project's node_modules. */
const RUNTIME_MODULES = path.join(__dirname, 'runtime-modules');
const LOG_LIMIT = 1024 * 1024;

export class LambdaRuntime {
  private readonly running = new Set<ChildProcess>();
  private readonly codeRoot: string;
  private readonly logRoot: string;
  private modulesLinked = false;

  constructor(
    private readonly store: LambdaStore,
    private readonly files: ObjectFiles,
    private readonly options: LambdaRuntimeOptions,
  ) {
    this.codeRoot = path.join(options.dataDir, 'lambda', 'code');
    this.logRoot = path.join(options.dataDir, 'lambda', 'logs');
    fs.mkdirSync(this.codeRoot, { recursive: true });
    fs.mkdirSync(this.logRoot, { recursive: true });
  }

  /** Synchronous invocation (RequestResponse): resolves when the function has finished. */
  async invoke(region: string, nameOrArn: string, event: unknown): Promise<InvokeResult> {
    const fn = this.store.require(region, nameOrArn);
    const requestId = randomUUID();
    const started = Date.now();
    let result: { body: string; functionError?: 'Unhandled' };
    let runLog = '';
    const runtime = fn.configuration.Runtime ?? '';
    if (!runtime.startsWith('nodejs')) {
      result = unhandled(
        'Runtime.Unsupported',
        `Local AWS runs only Node.js functions; the runtime ${runtime || '(none)'} of ${fn.configuration.FunctionName} is stored but cannot be invoked.`,
      );
    } else {
      try {
        const taskRoot = await this.materialize(fn);
        const run = await this.run(fn, taskRoot, event, requestId);
        runLog = run.log;
        result = run.result;
      } catch (error) {
        result = unhandled('Runtime.LocalAwsError', `Local AWS could not start the function: ${(error as Error).message}`);
      }
    }
    const duration = Date.now() - started;
    const version = fn.configuration.Version;
    const log =
      `START RequestId: ${requestId} Version: ${version}\n` +
      runLog +
      `END RequestId: ${requestId}\n` +
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.max(1, duration)} ms\tMemory Size: ${fn.configuration.MemorySize} MB\n`;
    this.appendLog(fn, log);
    this.options.log?.(
      `[lambda] ${fn.configuration.FunctionName} ${requestId} ${result.functionError ? `failed: ${result.body.slice(0, 300)}` : 'succeeded'} in ${duration} ms`,
    );
    return { payload: Buffer.from(result.body), functionError: result.functionError, log, requestId };
  }

  /** Asynchronous invocation (Event): starts the function and returns; failures are only logged. */
  invokeAsync(region: string, nameOrArn: string, event: unknown): { requestId: string; done: Promise<InvokeResult> } {
    this.store.require(region, nameOrArn);
    const done = this.invoke(region, nameOrArn, event);
    done.catch((error) => this.options.log?.(`[lambda] async invocation of ${nameOrArn} failed: ${error}`));
    return { requestId: randomUUID(), done };
  }

  /** The last part of the function's log file, for the console and tests. */
  readLog(region: string, name: string): string {
    try {
      return fs.readFileSync(this.logFile(region, name), 'utf8');
    } catch {
      return '';
    }
  }

  close() {
    for (const child of this.running) child.kill('SIGKILL');
    this.running.clear();
  }

  private logFile(region: string, name: string) {
    return path.join(this.logRoot, `${region}__${name}.log`);
  }

  private appendLog(fn: StoredFunction, text: string) {
    const file = this.logFile(fn.region, fn.configuration.FunctionName);
    try {
      if (fs.existsSync(file) && fs.statSync(file).size > 4 * LOG_LIMIT) fs.renameSync(file, `${file}.1`);
      fs.appendFileSync(file, text);
    } catch {
      // Logs are a convenience; a full disk must not fail the invocation.
    }
  }

  /** Unpacks the function's code once per code hash into DATA_DIR/lambda/code/<hash>/. */
  private async materialize(fn: StoredFunction): Promise<string> {
    if (!this.modulesLinked) {
      linkProjectModules(path.join(this.options.dataDir, 'lambda', 'node_modules'));
      this.modulesLinked = true;
    }
    const hash = createHash('sha256').update(JSON.stringify(fn.code)).update(fn.configuration.CodeSha256).digest('hex').slice(0, 32);
    const dir = path.join(this.codeRoot, hash);
    if (fs.existsSync(dir)) return dir;
    const tmp = `${dir}.tmp-${randomUUID()}`;
    fs.mkdirSync(tmp, { recursive: true });
    try {
      for (const [name, data] of await codeFiles(fn.code, this.files)) {
        const target = path.join(tmp, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, data);
      }
      try {
        fs.renameSync(tmp, dir);
      } catch (error) {
        if (!fs.existsSync(dir)) throw error;
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    } catch (error) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw error;
    }
    return dir;
  }

  private run(
    fn: StoredFunction,
    taskRoot: string,
    event: unknown,
    requestId: string,
  ): Promise<{ result: { body: string; functionError?: 'Unhandled' }; log: string }> {
    const config = fn.configuration;
    const timeoutMs = config.Timeout * 1000;
    const endpoint = this.options.endpoint();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      TZ: 'UTC',
      ...(config.Environment?.Variables ?? {}),
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: fn.region,
      AWS_DEFAULT_REGION: fn.region,
      AWS_ACCESS_KEY_ID: 'LOCALAWSLAMBDAKEY',
      AWS_SECRET_ACCESS_KEY: 'local-aws-lambda-secret',
      AWS_SESSION_TOKEN: 'local-aws-lambda-session',
      AWS_LAMBDA_FUNCTION_NAME: config.FunctionName,
      AWS_LAMBDA_FUNCTION_VERSION: config.Version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.FunctionName}`,
      AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
      AWS_EXECUTION_ENV: `AWS_Lambda_${config.Runtime}`,
      LAMBDA_TASK_ROOT: taskRoot,
      _HANDLER: config.Handler ?? '',
      NODE_PATH: [RUNTIME_MODULES, path.join(REPO_ROOT, 'node_modules')].join(path.delimiter),
      // The SDK's Node-version notice is noise in function logs.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    return new Promise((resolve) => {
      let log = '';
      const capture = (chunk: Buffer) => {
        if (log.length < LOG_LIMIT) log += chunk.toString('utf8');
      };
      const child = fork(RUNNER, [], {
        cwd: taskRoot,
        env: env as NodeJS.ProcessEnv,
        execArgv: [],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'json',
      });
      this.running.add(child);
      child.stdout!.on('data', capture);
      child.stderr!.on('data', capture);
      let settled = false;
      const settle = (result: { body: string; functionError?: 'Unhandled' }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ result, log });
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        const message = `${new Date().toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
        log += `${message}\n`;
        settle({ body: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: message }), functionError: 'Unhandled' });
      }, timeoutMs);
      child.on('message', (message: { type?: string; ok?: boolean; payload?: string; error?: unknown }) => {
        if (message?.type !== 'result') return;
        if (message.ok) settle({ body: message.payload ?? 'null' });
        else settle({ body: JSON.stringify(message.error), functionError: 'Unhandled' });
      });
      child.on('error', (error) => {
        settle(unhandled('Runtime.LocalAwsError', `Local AWS could not start the function process: ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        this.running.delete(child);
        // Let the stdio pipes drain before reporting an exit without a result.
        setImmediate(() =>
          settle(unhandled('Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited ${signal ? `with signal: ${signal}` : `with error: exit status ${code}`}`)),
        );
      });
      child.send({
        type: 'invoke',
        taskRoot,
        handler: config.Handler,
        event,
        context: {
          functionName: config.FunctionName,
          functionVersion: config.Version,
          invokedFunctionArn: config.FunctionArn,
          memoryLimitInMB: config.MemorySize,
          awsRequestId: requestId,
          logGroupName: `/aws/lambda/${config.FunctionName}`,
          logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
          deadlineMs: Date.now() + timeoutMs,
        },
      });
    });
  }
}

function unhandled(errorType: string, errorMessage: string) {
  return { body: JSON.stringify({ errorType, errorMessage }), functionError: 'Unhandled' as const };
}

function logStreamName() {
  const d = new Date();
  const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${day}/[$LATEST]${randomUUID().replace(/-/g, '')}`;
}

async function codeFiles(code: LambdaCode, files: ObjectFiles): Promise<[string, Buffer][]> {
  if (code.kind === 'inline') return Object.entries(code.files).map(([name, text]) => [name, Buffer.from(text, 'utf8')]);
  const zip = await files.readAll(code.fileId);
  return readZip(zip).map((entry) => [entry.name, entry.data]);
}

/**
 * ES module handlers ignore NODE_PATH: `import '@aws-sdk/client-glue'` resolves only through a
 * node_modules folder above the code. Functions are unpacked under DATA_DIR/lambda/code/, so a
 * DATA_DIR/lambda/node_modules link to the project's modules gives them the SDK wherever DATA_DIR is,
 * as the Node.js Lambda runtime does.
 */
function linkProjectModules(link: string) {
  const target = path.join(REPO_ROOT, 'node_modules');
  let current: string | undefined;
  try {
    current = fs.readlinkSync(link);
  } catch {
    // No link yet, or a real folder someone put there: that one is left alone.
    if (fs.existsSync(link)) return;
  }
  if (current === target) return;
  if (current !== undefined) fs.rmSync(link, { force: true });
  try {
    fs.symlinkSync(target, link, 'dir');
  } catch (error) {
    // Another process on the same DATA_DIR made it first.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
