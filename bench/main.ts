import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bulkDeliver } from './generate/bulk-deliver';
import { printReport, type BenchResults } from './report';
import { measureThroughput } from './steps/api-throughput';
import { measureBrowser } from './steps/browser';
import { waitForColumnarCache } from './steps/columnar-status';
import { writeParquetCopy } from './steps/duckdb-direct';
import { measureQueryLatency } from './steps/query-latency';
import { BENCH_LOG_FORMAT, clients, createBenchFlowLog, createBuckets, deleteFlowLog, deployIntegration } from './steps/setup';
import { parseArgs } from './support/args';
import { runInterruptTasks } from './support/cleanup';
import { startBenchServer, type BenchServer } from './support/local-aws-server';
import { MemorySampler } from './support/memory-sampler';

/**
 * `npm run bench`: figures for issue 7, side by side in one run (never pass/fail on time).
 *
 *   fresh local AWS on a temp data dir → flow log + integration stack → N records generated and
 *   delivered → every saved query: Athena API vs DuckDB over a Parquet copy vs DuckDB over the raw
 *   gzip text → API throughput vs moto_server → the console in Chromium → table + JSON.
 */

// The AWS SDK warns once per process about Node 20; the figures do not need it in the middle.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.name;
  if (/NodeVersionSupportWarning/.test(text) || /NodeVersionSupportWarning/.test(String(rest[0]))) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

// Local AWS's query defaults; the direct DuckDB runs get the same so ratios compare engines, not budgets.
const DUCKDB = { threads: 2, memoryLimit: '512MB' };

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.error(line);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vpc-flow-logs-bench-'));
  const dirs = { data: path.join(root, 'data'), raw: path.join(root, 'raw'), parquet: path.join(root, 'parquet') };
  const startedAt = new Date();
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { cpus: os.availableParallelism(), memoryGiB: round1(os.totalmem() / 2 ** 30), node: process.version },
    loadAverage: { atStart: os.loadavg().map(round1) },
    records: args.records,
    acceleration: args.acceleration,
    notes: [],
  } as BenchResults;

  log(`bench: ${args.records.toLocaleString('en-US')} records over ${args.days} days, data in ${root} (load ${os.loadavg()[0].toFixed(1)})`);
  let server: BenchServer | undefined;
  let sampler: MemorySampler | undefined;
  // Ctrl-C: stop what we started and drop the temp dir, then go.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`\n${signal}: stopping`);
      void Promise.allSettled([server?.stop(), runInterruptTasks()]).finally(() => {
        if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
        process.exit(130);
      });
    });
  }
  try {
    server = await startBenchServer(dirs.data, {
      LOCAL_AWS_DUCKDB_THREADS: String(DUCKDB.threads),
      LOCAL_AWS_DUCKDB_MEMORY_LIMIT: DUCKDB.memoryLimit,
      ...(args.acceleration ? {} : { LOCAL_AWS_COLUMNAR: 'off' }),
    });
    sampler = new MemorySampler(server.pid).start();
    log(`local AWS ${server.endpoint} (pid ${server.pid})`);
    const c = clients(server.endpoint);

    // ---- flow log, integration, delivery
    sampler.mark('setup');
    await createBuckets(c);
    const flowLog = await createBenchFlowLog(c, 'plain-text');
    const lastWindowEnd = flowLog.deliverFrom;
    const firstWindow = lastWindowEnd - Math.round((args.days * 86_400) / 300) * 300;
    const integration = await deployIntegration(c, flowLog.flowLogId, dayOf(firstWindow), dayOf(lastWindowEnd - 300));
    // The data set is the generated history alone: the flow log stops here, before it delivers live windows.
    await deleteFlowLog(c, flowLog.flowLogId);
    log(`integration: stack ${integration.stackName}, workgroup ${integration.workGroup}, ${integration.queries.length} saved queries (${integration.seconds.toFixed(1)} s)`);
    results.integration = { stackSeconds: round1(integration.seconds), workGroup: integration.workGroup, table: `${integration.database}.${integration.table}`, savedQueries: integration.queries.length };

    sampler.mark('delivery');
    const serverCpuBefore = processCpuSeconds(server.pid);
    log(`generating and delivering with ${args.workers} generator threads, gzip level ${args.gzipLevel}`);
    const delivery = await bulkDeliver({
      flowLog,
      records: args.records,
      days: args.days,
      endBefore: lastWindowEnd,
      gzipLevel: args.gzipLevel,
      workers: args.workers,
      copyDir: dirs.raw,
      endpoint: server.endpoint,
      progress: log,
    });
    const serverCpuDelivery = processCpuSeconds(server.pid) - serverCpuBefore;
    log(
      `delivered ${delivery.records.toLocaleString('en-US')} records in ${delivery.files} files (${mib(delivery.gzipBytes)} MiB gzip) in ${delivery.seconds.toFixed(1)} s — ` +
        `${Math.round(delivery.records / delivery.seconds).toLocaleString('en-US')} records/s (load ${os.loadavg()[0].toFixed(1)})`,
    );
    results.delivery = {
      ...delivery,
      recordsPerSecond: Math.round(delivery.records / delivery.seconds),
      seconds: round1(delivery.seconds),
      cpuSeconds: round1(delivery.cpuSeconds),
      serverCpuSeconds: round1(serverCpuDelivery),
      loadAverage: round1(os.loadavg()[0]),
    };

    sampler.mark('columnar conversion');
    const columnar = await waitForColumnarCache(server.endpoint, log);
    results.columnar = columnar;

    if (args.sections.has('queries')) {
      log('Parquet copy for the reference');
      const copy = await writeParquetCopy(DUCKDB, BENCH_LOG_FORMAT, dirs.raw, dirs.parquet);
      results.parquetCopy = { bytes: copy.bytes, seconds: round1(copy.seconds) };
      sampler.mark('queries');
      log(`queries: ${args.warmRuns} warm runs each, ${args.naiveRuns} naive`);
      results.queries = await measureQueryLatency({
        athena: c.athena,
        workGroup: integration.workGroup,
        database: integration.database,
        table: integration.table,
        queries: integration.queries,
        logFormat: BENCH_LOG_FORMAT,
        rawDir: dirs.raw,
        parquetDir: dirs.parquet,
        direct: DUCKDB,
        warmRuns: args.warmRuns,
        naiveRuns: args.naiveRuns,
        progress: log,
      });
    }

    if (args.sections.has('throughput')) {
      sampler.mark('throughput');
      log(`API throughput: concurrency ${args.concurrency}, at most ${args.throughputRequests} requests or ${args.throughputSeconds} s a run`);
      const throughput = await measureThroughput({
        localEndpoint: server.endpoint,
        concurrency: args.concurrency,
        maxRequests: args.throughputRequests,
        maxSeconds: args.throughputSeconds,
        rounds: 2,
        progress: log,
      });
      results.throughput = { concurrency: args.concurrency, figures: throughput.figures };
      if (throughput.skipped) results.notes.push(throughput.skipped);
    }

    if (args.sections.has('browser')) {
      sampler.mark('browser');
      log('browser: the console in Chromium');
      const browser = await measureBrowser({
        localEndpoint: server.endpoint,
        athena: c.athena,
        workGroup: integration.workGroup,
        database: integration.database,
        table: integration.table,
        runs: 5,
        progress: log,
      });
      results.browser = browser;
      if (browser.skipped) results.notes.push(browser.skipped);
    }

    sampler.stop();
    results.memory = { peakMiB: round1(sampler.peakMiB()), byPhaseMiB: sampler.phasePeaksMiB() };
  } finally {
    sampler?.stop();
    await server?.stop();
    results.loadAverage.atEnd = os.loadavg().map(round1);
    results.finishedAt = new Date().toISOString();
    if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
    else log(`kept ${root}`);
  }
  printReport(results);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nwrote ${args.out}`);
}

function dayOf(epochSeconds: number): Date {
  const d = new Date(epochSeconds * 1000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** utime + stime of a process, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

main().catch((error) => {
  console.error(error instanceof Error && !/needs a number|unknown (option|section)|takes on or off/.test(error.message) ? (error.stack ?? error.message) : String((error as Error).message ?? error));
  process.exit(1);
});
