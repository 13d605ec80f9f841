/** Counting Python unittest results for `npm run test:conformance`'s closing line. */

export interface UnittestCounts {
  ran: number;
  failures: number;
  errors: number;
  skipped: number;
  expectedFailures: number;
  unexpectedSuccesses: number;
}

/**
 * Reads unittest's closing summary ("Ran 47 tests in 30.1s" then "OK (skipped=1)" or
 * "FAILED (failures=1, errors=2, skipped=1)"). Undefined when the run died before printing it.
 */
export function parseUnittestSummary(output: string): UnittestCounts | undefined {
  const ranMatches = [...output.matchAll(/^Ran (\d+) tests? in [\d.]+s$/gm)];
  const ran = ranMatches.at(-1);
  if (!ran) return undefined;
  const tail = output.slice(ran.index! + ran[0].length);
  const status = /^(OK|FAILED)(?: \(([^)]*)\))?\s*$/m.exec(tail);
  if (!status) return undefined;
  const counts: UnittestCounts = { ran: Number(ran[1]), failures: 0, errors: 0, skipped: 0, expectedFailures: 0, unexpectedSuccesses: 0 };
  for (const part of (status[2] ?? '').split(',')) {
    const [name, value] = part.trim().split('=');
    const n = Number(value);
    if (name === 'failures') counts.failures = n;
    else if (name === 'errors') counts.errors = n;
    else if (name === 'skipped') counts.skipped = n;
    else if (name === 'expected failures') counts.expectedFailures = n;
    else if (name === 'unexpected successes') counts.unexpectedSuccesses = n;
  }
  return counts;
}

export function summaryLine(counts: UnittestCounts): string {
  const failed = counts.failures + counts.errors + counts.unexpectedSuccesses;
  const passed = Math.max(0, counts.ran - counts.failures - counts.errors - counts.skipped - counts.expectedFailures - counts.unexpectedSuccesses);
  return `${passed} passed, ${failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}`;
}
