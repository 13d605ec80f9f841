import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GetQueryExecutionCommand, ListQueryExecutionsCommand, type AthenaClient } from '@aws-sdk/client-athena';
import { buildIsCurrent } from '../../scripts/console-build-inputs';
import { onInterrupt } from '../support/cleanup';
import { freePort } from '../support/free-port';
import { stopChild } from '../support/local-aws-server';
import { median, percentile } from './athena-run';

/**
 * The console in Chromium (Playwright, /usr/bin/chromium), against the benchmark's local AWS:
 *
 * - Run TopTalkers from Saved queries and time the click on Run to the first result rows painted
 *   (a MutationObserver sees the rows, a frame later they are on screen), minus the engine's own
 *   run time from GetQueryExecution: what the console adds — polling, fetching, rendering.
 * - Load 10,000 result rows and scroll through all of them, three and ten rows a frame, recording
 *   requestAnimationFrame deltas: p50/p95 frame times (16.7 ms is 60 fps).
 *
 * The console is a production build in .next-bench (rebuilt when sources changed), served by
 * `next start` on a free port with LOCAL_AWS_PORT pointing at the benchmark's local AWS.
 */

export interface BrowserFigures {
  /** Click Run on TopTalkers → first result rows painted, minus the engine's run time (median, ms). */
  uiOverheadMs?: number;
  /** The same, minus the query's whole server-side time (queue, planning, engine, result file). */
  uiOverheadAfterServerMs?: number;
  clickToRowsMs?: number;
  engineMs?: number;
  serverTotalMs?: number;
  runs?: { clickToRowsMs: number; engineMs: number; serverTotalMs: number }[];
  /** requestAnimationFrame deltas while scrolling through 10,000 result rows, at two speeds. */
  scroll?: ScrollFigures[];
  buildSeconds?: number;
  skipped?: string;
}

export interface ScrollFigures {
  rowsPerFrame: number;
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Frames that took longer than 20 ms (a dropped frame at 60 fps). */
  slowFrames: number;
}

export interface BrowserOptions {
  localEndpoint: string;
  athena: AthenaClient;
  workGroup: string;
  database: string;
  table: string;
  runs: number;
  progress: (line: string) => void;
}

const ROOT = path.resolve(__dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const DIST_DIR = '.next-bench';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function measureBrowser(o: BrowserOptions): Promise<BrowserFigures> {
  if (!fs.existsSync(path.join(ROOT, 'app/(console)/athena/query-editor/page.tsx'))) return { skipped: 'browser figures skipped: the console has no query editor yet' };
  if (!fs.existsSync(CHROMIUM)) return { skipped: `browser figures skipped: no Chromium at ${CHROMIUM}` };
  let chromium: typeof import('@playwright/test').chromium;
  try {
    ({ chromium } = await import('@playwright/test'));
  } catch {
    return { skipped: 'browser figures skipped: @playwright/test is not installed' };
  }

  const built = buildConsole(o.progress);
  if ('skipped' in built) return built;
  const port = await freePort();
  const consoleUrl = `http://127.0.0.1:${port}`;
  const next = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      BACKEND: 'local',
      LOCAL_AWS_HOST: '127.0.0.1',
      LOCAL_AWS_PORT: new URL(o.localEndpoint).port,
      AWS_REGION: 'us-east-1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let consoleErrors = '';
  next.stderr!.on('data', (chunk: Buffer) => (consoleErrors = (consoleErrors + chunk.toString()).slice(-2000)));
  const forgetNext = onInterrupt(() => stopChild(next, 3000));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let page: Page | undefined;
  try {
    await waitForHttp(`${consoleUrl}/athena/query-editor`, next);
    const context = await browser.newContext({ baseURL: consoleUrl, locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in a `__name`
    // helper; functions handed to page.evaluate run in the page, where that helper must exist too.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await openWorkGroup(page, o.workGroup);
    o.progress('  console ready; timing Run on TopTalkers');

    const runs: { clickToRowsMs: number; engineMs: number; serverTotalMs: number }[] = [];
    // The first run warms the console's server-side code paths; it is not counted.
    for (let i = 0; i <= o.runs; i += 1) {
      const run = await timeTopTalkers(page, o);
      if (i > 0) runs.push(run);
      o.progress(`    ${i === 0 ? 'warm-up' : `run ${i}`}: click → rows ${run.clickToRowsMs.toFixed(0)} ms, engine ${run.engineMs} ms, server total ${run.serverTotalMs} ms`);
    }
    o.progress('  scrolling 10,000 result rows');
    await loadTenThousandRows(page, o);
    // A fast flick (3 rows a frame, about 5,000 px/s at 60 fps) and a scroll bar dragged hard (10 a frame).
    const scroll = [frameFigures(3, await scrollFrames(page, 3)), frameFigures(10, await scrollFrames(page, 10))];
    await context.close();
    const clickToRowsMs = median(runs.map((r) => r.clickToRowsMs));
    const engineMs = median(runs.map((r) => r.engineMs));
    const serverTotalMs = median(runs.map((r) => r.serverTotalMs));
    return {
      uiOverheadMs: median(runs.map((r) => r.clickToRowsMs - r.engineMs)),
      uiOverheadAfterServerMs: median(runs.map((r) => r.clickToRowsMs - r.serverTotalMs)),
      clickToRowsMs,
      engineMs,
      serverTotalMs,
      runs,
      scroll,
      buildSeconds: built.seconds,
    };
  } catch (error) {
    // What the page showed when a step gave up, for whoever reads the skipped note.
    await page?.screenshot({ path: path.join(ROOT, 'bench/results/browser-failure.png') }).catch(() => undefined);
    return { skipped: `browser figures skipped (screenshot: bench/results/browser-failure.png): ${(error as Error).message.split('\n').slice(0, 3).join(' ')}${consoleErrors ? ` (console: ${consoleErrors.trim().split('\n').slice(-3).join(' | ')})` : ''}` };
  } finally {
    await browser.close();
    forgetNext();
    await stopChild(next, 5000);
  }
}

type Page = import('@playwright/test').Page;

/** Builds the console into .next-bench unless a build newer than every source is there. */
function buildConsole(progress: (line: string) => void): { seconds: number } | { skipped: string } {
  if (buildIsCurrent(ROOT, DIST_DIR)) return { seconds: 0 };
  progress(`  building the console into ${DIST_DIR} (sources changed since its last build)`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1', NEXT_SKIP_TYPECHECK: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-4).join(' | ');
    return { skipped: `browser figures skipped: the console build failed (${tail})` };
  }
  return { seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/** Opens the editor on the integration's workgroup, acknowledging its enforced settings. */
async function openWorkGroup(page: Page, workGroup: string) {
  await page.goto('/athena/query-editor');
  await page.getByRole('heading', { level: 1, name: 'Query editor' }).waitFor();
  await page.getByRole('combobox', { name: 'Workgroup' }).selectOption(workGroup);
  const dialog = page.getByRole('dialog', { name: `Workgroup ${workGroup} settings` });
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The switch is a navigation: wait until it has landed (the URL names the workgroup) before touching
  // the editor's tabs. A view tab clicked while the switch is still loading rewrites the URL under it
  // and the switch is lost — the editor stays on primary (seen once in eight runs).
  await page.waitForURL((url) => url.searchParams.get('workgroup') === workGroup);
}

/** Opens TopTalkers from Saved queries in a fresh tab, clicks Run, and times it until its rows are painted. */
async function timeTopTalkers(page: Page, o: BrowserOptions) {
  const name = 'VpcFlowLogsTopTalkers';
  await page.getByRole('tab', { name: 'Saved queries' }).click();
  await page.getByRole('table', { name: 'Saved queries' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('textbox', { name: `SQL of ${name}` }).waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { clickAt: number; rowsAt: number; observer?: MutationObserver } };
    w.__bench?.observer?.disconnect();
    const state: { clickAt: number; rowsAt: number; observer?: MutationObserver } = { clickAt: 0, rowsAt: 0 };
    w.__bench = state;
    document.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element | null)?.closest('button');
        if (button && button.textContent?.trim() === 'Run' && state.clickAt === 0) state.clickAt = performance.now();
      },
      { capture: true, once: false },
    );
    state.observer = new MutationObserver(() => {
      if (state.clickAt === 0 || state.rowsAt !== 0) return;
      if (!document.querySelector('[role="table"][aria-label="Query results"] [role="row"][aria-rowindex="2"]')) return;
      state.rowsAt = -1;
      // The rows are in the DOM; the next frame puts them on screen.
      requestAnimationFrame(() => setTimeout(() => (state.rowsAt = performance.now()), 0));
    });
    state.observer.observe(document.body, { childList: true, subtree: true });
  });
  const since = new Date(Date.now() - 1000);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __bench: { rowsAt: number } }).__bench.rowsAt > 0, undefined, { timeout: 120_000, polling: 50 });
  const { clickAt, rowsAt } = await page.evaluate(() => (window as unknown as { __bench: { clickAt: number; rowsAt: number } }).__bench);
  const execution = await latestExecution(o, since, 'ip, SUM(bytes)');
  await page.getByRole('button', { name: `Close ${name}` }).click();
  return {
    clickToRowsMs: rowsAt - clickAt,
    engineMs: execution.Statistics?.EngineExecutionTimeInMillis ?? NaN,
    serverTotalMs: execution.Statistics?.TotalExecutionTimeInMillis ?? NaN,
  };
}

async function latestExecution(o: BrowserOptions, since: Date, containing: string) {
  const ids = (await o.athena.send(new ListQueryExecutionsCommand({ WorkGroup: o.workGroup, MaxResults: 10 }))).QueryExecutionIds ?? [];
  for (const id of ids) {
    const execution = (await o.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!;
    if (execution.Query?.includes(containing) && (execution.Status?.SubmissionDateTime ?? new Date(0)) >= since) return execution;
  }
  throw new Error('could not find the console’s query execution');
}

/** Runs a 10,000-row query in a new tab, loads every page, then scrolls top to bottom ten rows a frame. */
/** Runs a 10,000-row query in a new tab and loads every page of it into the results table. */
async function loadTenThousandRows(page: Page, o: BrowserOptions) {
  await page.getByRole('button', { name: 'Add query tab' }).click();
  await page.getByRole('textbox', { name: /^SQL of Query \d+$/ }).fill(`SELECT * FROM "${o.database}"."${o.table}" LIMIT 10000`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('group', { name: 'Query status' }).getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 180_000 });
  const scroller = page.getByTestId('results-scroller');
  const allLoaded = page.getByText('10,000 rows', { exact: true });
  const deadline = Date.now() + 180_000;
  while (!(await allLoaded.isVisible())) {
    if (Date.now() > deadline) throw new Error('the results table did not load 10,000 rows');
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(200);
  }
}

/** Scrolls the loaded results from top to bottom, `rowsPerFrame` rows (28 px each) a frame, and returns the frame times. */
async function scrollFrames(page: Page, rowsPerFrame: number): Promise<number[]> {
  const scroller = page.getByTestId('results-scroller');
  await scroller.evaluate((element) => element.scrollTo(0, 0));
  await page.waitForTimeout(500);
  return scroller.evaluate(
    (element, step) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        let last = 0;
        const frame = (now: number) => {
          if (last > 0) deltas.push(now - last);
          last = now;
          element.scrollTop += step;
          if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1 || deltas.length >= 4000) resolve(deltas);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    rowsPerFrame * 28,
  );
}

/** Frame-time figures of one scroll through the rows. */
function frameFigures(rowsPerFrame: number, frames: number[]): ScrollFigures {
  return {
    rowsPerFrame,
    frames: frames.length,
    p50Ms: median(frames),
    p95Ms: percentile(frames, 95),
    maxMs: Math.max(...frames),
    slowFrames: frames.filter((f) => f > 20).length,
  };
}

async function waitForHttp(url: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the console did not answer at ${url} in 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
