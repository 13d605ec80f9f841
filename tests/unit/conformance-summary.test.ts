import { describe, expect, it } from 'vitest';
import { parseUnittestSummary, summaryLine } from '../../scripts/conformance-summary';

describe('conformance summary', () => {
  it('counts a green run with skips', () => {
    const counts = parseUnittestSummary('test_a ... ok\n\n----------------------------------------------------------------------\nRan 44 tests in 31.201s\n\nOK (skipped=1)\n');
    expect(counts).toEqual({ ran: 44, failures: 0, errors: 0, skipped: 1, expectedFailures: 0, unexpectedSuccesses: 0 });
    expect(summaryLine(counts!)).toBe('43 passed, 0 failed, 1 skipped');
  });

  it('counts failures, errors and unexpected successes as failed', () => {
    const counts = parseUnittestSummary('Ran 10 tests in 2.000s\n\nFAILED (failures=2, errors=1, skipped=3, expected failures=1, unexpected successes=1)\n');
    expect(summaryLine(counts!)).toBe('2 passed, 4 failed, 3 skipped');
  });

  it('omits skipped when there are none', () => {
    expect(summaryLine(parseUnittestSummary('Ran 1 test in 0.001s\n\nOK\n')!)).toBe('1 passed, 0 failed');
  });

  it('uses the last summary and rejects output without one', () => {
    expect(parseUnittestSummary('Traceback (most recent call last):\nImportError: boto3\n')).toBeUndefined();
    expect(parseUnittestSummary('Ran 5 tests in 1s\nOK\nmore\nRan 3 tests in 0.5s\n\nFAILED (errors=1)\n')?.ran).toBe(3);
  });
});
