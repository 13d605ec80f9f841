import { ConfigError, readRuntimeConfig } from '../../lib/runtime-config';
import { startLocalAws } from './local-aws';

/** `npm run local-aws`: serves only the endpoint, for the AWS CLI, boto3, Terraform and the console. */
async function main() {
  let config;
  try {
    config = readRuntimeConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
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
    log: (line) => console.error(line),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`Local AWS cannot listen on ${config.localEndpoint}: the port is in use. Set LOCAL_AWS_PORT to another port.`);
      process.exit(1);
    }
    throw error;
  });
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
