/**
 * `npm test`: every test the project has, in the order that fails fastest — types and lint, unit,
 * integration against real local-AWS processes, the AWS CLI/boto3 conformance suite, then Playwright
 * in Chromium. Every suite runs even when an earlier one fails, and the closing line adds them up.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'test-results');
fs.mkdirSync(RESULTS, { recursive: true });
const node = process.execPath;
const bin = (pkg: string, file: string) => path.join(ROOT, 'node_modules', pkg, file);

interface SuiteResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

function run(name: string, args: string[], count: (output: string) => Omit<SuiteResult, 'name' | 'ok' | 'seconds'>): SuiteResult {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(node, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: '0', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, maxBuffer: 256 * 1024 * 1024 });
  const output = result.stdout?.toString() ?? '';
  process.stdout.write(output);
  const counts = count(output);
  const ok = result.status === 0 && counts.failed === 0;
  return { name, ok, ...counts, failed: ok ? counts.failed : Math.max(counts.failed, 1), seconds: (Date.now() - started) / 1000 };
}

const none = () => ({ passed: 1, failed: 0, skipped: 0 });

function vitestCounts(file: string) {
  return () => {
    try {
      const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
      return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
    } catch {
      return { passed: 0, failed: 0, skipped: 0 };
    }
  };
}

function closingLineCounts(output: string) {
  const match = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m.exec(output);
  return match ? { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3] ?? 0) } : { passed: 0, failed: 0, skipped: 0 };
}

function playwrightCounts() {
  try {
    const report = JSON.parse(fs.readFileSync(path.join(RESULTS, 'e2e-results.json'), 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

const only = process.argv.slice(2);
const suites: [string, () => SuiteResult][] = [
  ['typecheck', () => run('typecheck', [bin('typescript', 'bin/tsc'), '--noEmit'], none)],
  ['lint', () => run('lint', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings=0'], none)],
  ['unit', () => {
    const out = path.join(RESULTS, 'unit.json');
    fs.rmSync(out, { force: true });
    return run('unit', [bin('vitest', 'vitest.mjs'), 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], vitestCounts(out));
  }],
  ['integration', () => {
    const out = path.join(RESULTS, 'integration.json');
    fs.rmSync(out, { force: true });
    return run('integration', [bin('vitest', 'vitest.mjs'), 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], vitestCounts(out));
  }],
  ['conformance', () => run('conformance', [bin('tsx', 'dist/cli.mjs'), 'scripts/conformance.ts'], closingLineCounts)],
  ['e2e', () => {
    fs.rmSync(path.join(RESULTS, 'e2e-results.json'), { force: true });
    // Build first, without a clock: Playwright's web-server timeout should only cover start-up.
    const build = spawnSync(node, [bin('next', 'dist/bin/next'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEXT_DIST_DIR: '.next-e2e', NEXT_SKIP_TYPECHECK: '1', NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) return { name: 'e2e', ok: false, passed: 0, failed: 1, skipped: 0, seconds: 0 };
    return run('e2e', [bin('@playwright/test', 'cli.js'), 'test'], playwrightCounts);
  }],
];

const results = suites.filter(([name]) => only.length === 0 || only.includes(name)).map(([, runSuite]) => runSuite());
console.log('\n=== summary ===');
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds.toFixed(1)} s)`);
}
const total = results.reduce((acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
