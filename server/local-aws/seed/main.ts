import { ConfigError, readRuntimeConfig } from '../../../lib/runtime-config';
import { seedDemoData } from './demo-seed';

/**
 * `npm run seed`: adds the demo buckets and flow logs to a running local AWS (the one at
 * LOCAL_AWS_HOST:LOCAL_AWS_PORT, region AWS_REGION). Never overwrites: what exists is kept.
 */
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
  try {
    const report = await seedDemoData({ endpoint: config.localEndpoint, region: config.region });
    for (const line of report) console.log(line);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as { cause?: NodeJS.ErrnoException }).cause?.code;
    if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String((error as Error).message))) {
      console.error(
        `Local AWS is not running at ${config.localEndpoint}. Start it (npm start or npm run local-aws) and run npm run seed again; a new data dir is seeded on its first start anyway.`,
      );
      process.exit(1);
    }
    console.error(`Seeding failed: ${(error as Error).message}`);
    process.exit(1);
  }
}

void main();
