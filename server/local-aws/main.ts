import { ConfigError, readRuntimeConfig } from '../../lib/runtime-config';
import { startLocalAws } from './local-aws';
import { readColumnarConfig } from './engine/columnar-cache/columnar-config';
import { seedDemoData, seedingEnabled } from './seed/demo-seed';
import { readTrafficConfig } from './traffic/traffic-config';

/** `npm run local-aws`: serves only the endpoint, for the AWS CLI, boto3, Terraform and the console. */
// Object writes (fsync), gzip and DuckDB's file reads share libuv's pool with request I/O; the
// default of 4 threads lets a flow-log backfill queue ahead of a console read.
process.env.UV_THREADPOOL_SIZE ??= '16';

async function main() {
  let config;
  let flowLogs;
  let columnar;
  try {
    config = readRuntimeConfig();
    flowLogs = readTrafficConfig();
    columnar = readColumnarConfig();
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && error.message.startsWith('LOCAL_AWS_'))) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const localAws = await startLocalAws({
    dataDir: config.DATA_DIR,
    host: config.LOCAL_AWS_HOST,
    port: config.LOCAL_AWS_PORT,
    accountId: config.LOCAL_AWS_ACCOUNT_ID,
    defaultRegion: config.region,
    maxObjectBytes: config.LOCAL_AWS_MAX_OBJECT_BYTES,
    flowLogs,
    athena: {
      concurrency: config.LOCAL_AWS_ATHENA_CONCURRENCY,
      duckdbMemoryLimit: config.LOCAL_AWS_DUCKDB_MEMORY_LIMIT,
      duckdbThreads: config.LOCAL_AWS_DUCKDB_THREADS,
    },
    columnar,
    log: (line) => console.error(line),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`Local AWS cannot listen on ${config.localEndpoint}: the port is in use. Set LOCAL_AWS_PORT to another port.`);
      process.exit(1);
    }
    throw error;
  });
  if (localAws.freshDataDir && seedingEnabled()) {
    // A new data dir gets demo buckets and flow logs (with backfilled history) before we announce ourselves.
    await seedDemoData({ endpoint: localAws.url, region: config.region })
      .then((report) => report.forEach((line) => console.error(`[seed] ${line}`)))
      .catch((error: Error) => console.error(`[seed] demo data not created: ${error.message}`));
  }
  // Tests and the start script read this line to learn the port.
  console.log(`Local AWS listening on ${localAws.url} (data in ${config.DATA_DIR})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Local AWS stopping (${signal})`);
    await localAws.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
