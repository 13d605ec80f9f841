import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real product: `scripts/start.ts` builds the console into its own folder,
 * starts local AWS on a fresh data dir and serves the console, on ports that do not collide with a
 * running `npm start`. Chromium comes from Debian (Playwright cannot download browsers here).
 */
const PORT = Number(process.env.E2E_PORT ?? 3310);
const LOCAL_AWS_PORT = Number(process.env.E2E_LOCAL_AWS_PORT ?? 4610);
const DATA_DIR = '.data-e2e';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]] : [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    timezoneId: 'UTC',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -rf ${DATA_DIR} && node node_modules/tsx/dist/cli.mjs scripts/start.ts`,
    url: `http://127.0.0.1:${PORT}/s3`,
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      LOCAL_AWS_PORT: String(LOCAL_AWS_PORT),
      DATA_DIR,
      NEXT_DIST_DIR: '.next-e2e',
      NEXT_SKIP_TYPECHECK: '1',
      BACKEND: 'local',
      AWS_REGION: 'us-east-1',
      LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS: process.env.LOCAL_AWS_FLOW_LOG_BACKFILL_HOURS ?? '3',
    },
  },
});
