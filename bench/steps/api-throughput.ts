import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import {
  CreateNamedQueryCommand,
  CreateWorkGroupCommand,
  GetQueryExecutionCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { CreateFlowLogsCommand, CreateVpcCommand, DescribeFlowLogsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { onInterrupt } from '../support/cleanup';
import { freePort } from '../support/free-port';
import { stopChild } from '../support/local-aws-server';
import { median, percentile } from './athena-run';
import { clients, type Clients } from './setup';

/**
 * Requests per second of three read operations a console page leans on, against local AWS and,
 * side by side, moto_server: the same data on both (flow logs, a workgroup with saved queries, a
 * finished query), the same fixed concurrency over keep-alive connections, a bounded number of
 * requests or seconds, rounds alternating between the two servers.
 *
 * The load is each operation's real request — built and SigV4-signed once by the AWS SDK — replayed
 * over plain HTTP. The SDK itself spends 2–3 ms of CPU per request, more than local AWS does
 * answering it, so driving the servers through it would measure the client on a two-core machine.
 */

export interface ThroughputFigure {
  operation: string;
  /** Response bytes (local AWS / moto), to show both answered the same question. */
  localBytes: number;
  motoBytes: number;
  localRps: number;
  motoRps: number;
  ratio: number;
  localP50Ms: number;
  motoP50Ms: number;
  localErrors: number;
  motoErrors: number;
}

export interface ThroughputOptions {
  localEndpoint: string;
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  rounds: number;
  progress: (line: string) => void;
}

interface Target {
  name: string;
  c: Clients;
  workGroup: string;
  queryId: string;
}

const EXTRA_FLOW_LOGS = 10;
const SAVED_QUERIES = 16;

async function prepare(name: string, c: Clients, needVpc: boolean): Promise<Target> {
  const vpcId = needVpc
    ? (await c.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!
    : (await c.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0].VpcId!;
  for (let i = 0; i < EXTRA_FLOW_LOGS; i += 1) {
    await c.ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: `bench-flow-logs-${i}`,
        DeliverLogsPermissionArn: 'arn:aws:iam::000000000000:role/bench-flow-logs',
      }),
    );
  }
  await c.s3.send(new CreateBucketCommand({ Bucket: 'bench-throughput-results' })).catch(() => undefined);
  const workGroup = 'bench-throughput';
  await c.athena.send(
    new CreateWorkGroupCommand({ Name: workGroup, Configuration: { ResultConfiguration: { OutputLocation: 's3://bench-throughput-results/' } } }),
  );
  for (let i = 0; i < SAVED_QUERIES; i += 1) {
    await c.athena.send(new CreateNamedQueryCommand({ Name: `saved-${i}`, Database: 'default', QueryString: `SELECT ${i}`, WorkGroup: workGroup }));
  }
  const { QueryExecutionId } = await c.athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: workGroup }));
  for (;;) {
    const state = (await c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State;
    if (state !== 'QUEUED' && state !== 'RUNNING') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { name, c, workGroup, queryId: QueryExecutionId! };
}

interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Any SDK v3 client: the middleware stack is typed per service, and this uses none of that. */
interface SdkClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(command: any): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { addRelativeTo(middleware: any, options: any): void; remove(name: string): boolean };
}

/** Sends `command` once through the SDK and keeps the request exactly as it went out, signed. */
async function capture(client: SdkClient, command: unknown): Promise<SignedRequest> {
  let captured: SignedRequest | undefined;
  client.middlewareStack.addRelativeTo(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      const request = (args as { request: { method: string; path: string; query?: Record<string, string>; headers: Record<string, string>; body?: unknown } }).request;
      const query = new URLSearchParams(Object.entries(request.query ?? {})).toString();
      const body = request.body;
      captured = {
        method: request.method,
        path: `${request.path}${query ? `?${query}` : ''}`,
        headers: { ...request.headers },
        body: typeof body === 'string' ? Buffer.from(body) : body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined,
      };
      if (body !== undefined && body !== null && captured.body === undefined) throw new Error(`cannot replay a ${typeof body} request body`);
      return next(args);
    },
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'benchCaptureRequest', override: true },
  );
  try {
    await client.send(command);
  } finally {
    client.middlewareStack.remove('benchCaptureRequest');
  }
  if (!captured) throw new Error('could not capture the signed request');
  return captured;
}

const OPERATIONS: { name: string; request: (t: Target) => Promise<SignedRequest> }[] = [
  { name: 'DescribeFlowLogs', request: (t) => capture(t.c.ec2, new DescribeFlowLogsCommand({})) },
  { name: 'ListNamedQueries', request: (t) => capture(t.c.athena, new ListNamedQueriesCommand({ WorkGroup: t.workGroup })) },
  { name: 'GetQueryExecution', request: (t) => capture(t.c.athena, new GetQueryExecutionCommand({ QueryExecutionId: t.queryId })) },
];

function send(agent: http.Agent, endpoint: URL, request: SignedRequest): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: endpoint.hostname, port: endpoint.port, method: request.method, path: request.path, headers: request.headers, agent },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', reject);
    req.end(request.body);
  });
}

async function hammer(endpoint: string, request: SignedRequest, concurrency: number, maxRequests: number, maxSeconds: number) {
  const url = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    let bytes = 0;
    for (let i = 0; i < 20; i += 1) bytes = (await send(agent, url, request).catch(() => ({ bytes: 0 }))).bytes;
    let issued = 0;
    let errors = 0;
    const latencies: number[] = [];
    const started = performance.now();
    const lane = async () => {
      while (issued < maxRequests && performance.now() - started < maxSeconds * 1000) {
        issued += 1;
        const t = performance.now();
        try {
          const { status } = await send(agent, url, request);
          if (status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    const seconds = (performance.now() - started) / 1000;
    return { rps: (latencies.length - errors) / seconds, p50: median(latencies), p95: percentile(latencies, 95), errors, bytes };
  } finally {
    agent.destroy();
  }
}

export async function measureThroughput(o: ThroughputOptions): Promise<{ figures: ThroughputFigure[]; motoVersion?: string; skipped?: string }> {
  let moto: ChildProcess | undefined;
  let forget: () => void = () => undefined;
  try {
    const port = await freePort();
    // moto logs every request; its output is drained (and dropped) so a full pipe never stalls it.
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    moto.stderr!.resume();
    const child = moto;
    forget = onInterrupt(() => stopChild(child, 3000));
    const motoEndpoint = `http://127.0.0.1:${port}`;
    const exited = new Promise<never>((_, reject) => moto!.once('error', reject).once('exit', (code) => reject(new Error(`moto_server exited with ${code}`))));
    await Promise.race([waitForServer(motoEndpoint), exited]);
    o.progress(`  moto_server on ${motoEndpoint}`);
    const local = await prepare('local', clients(o.localEndpoint), false);
    const motoTarget = await prepare('moto', clients(motoEndpoint), true);
    const figures: ThroughputFigure[] = [];
    const endpoints = { local: o.localEndpoint, moto: motoEndpoint };
    for (const operation of OPERATIONS) {
      const requests = { local: await operation.request(local), moto: await operation.request(motoTarget) };
      const runs: Record<'local' | 'moto', Awaited<ReturnType<typeof hammer>>[]> = { local: [], moto: [] };
      for (let round = 0; round < o.rounds; round += 1) {
        for (const name of round % 2 === 0 ? (['local', 'moto'] as const) : (['moto', 'local'] as const)) {
          runs[name].push(await hammer(endpoints[name], requests[name], o.concurrency, o.maxRequests, o.maxSeconds));
        }
      }
      const localRps = median(runs.local.map((r) => r.rps));
      const motoRps = median(runs.moto.map((r) => r.rps));
      figures.push({
        operation: operation.name,
        localBytes: runs.local[0].bytes,
        motoBytes: runs.moto[0].bytes,
        localRps,
        motoRps,
        ratio: localRps / motoRps,
        localP50Ms: median(runs.local.map((r) => r.p50)),
        motoP50Ms: median(runs.moto.map((r) => r.p50)),
        localErrors: runs.local.reduce((n, r) => n + r.errors, 0),
        motoErrors: runs.moto.reduce((n, r) => n + r.errors, 0),
      });
      o.progress(`    ${operation.name.padEnd(20)} local ${localRps.toFixed(0)} req/s  moto ${motoRps.toFixed(0)} req/s  (load ${os.loadavg()[0].toFixed(1)})`);
    }
    return { figures };
  } catch (error) {
    return { figures: [], skipped: `moto_server comparison skipped: ${(error as Error).message}` };
  } finally {
    forget();
    if (moto) await stopChild(moto, 5000);
  }
}


async function waitForServer(endpoint: string) {
  const c = clients(endpoint);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await c.ec2.send(new DescribeVpcsCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${endpoint} did not answer in 60 s: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
