import { describe, expect, it } from 'vitest';
import { nextFireTime, parseSchedule } from './schedule-expression';

const at = (iso: string) => new Date(iso);
const next = (expression: string, after: string) => nextFireTime(parseSchedule(expression), at(after))?.toISOString();

describe('schedule expressions', () => {
  it('parses rate() with singular and plural units', () => {
    expect(parseSchedule('rate(1 minute)')).toMatchObject({ kind: 'rate', everyMs: 60_000 });
    expect(parseSchedule('rate(5 minutes)')).toMatchObject({ kind: 'rate', everyMs: 300_000 });
    expect(parseSchedule('rate(1 day)')).toMatchObject({ kind: 'rate', everyMs: 86_400_000 });
    for (const bad of ['rate(1 minutes)', 'rate(2 minute)', 'rate(0 hours)', 'rate(1 week)', 'every day']) {
      expect(() => parseSchedule(bad), bad).toThrow('Parameter ScheduleExpression is not valid.');
    }
    expect(nextFireTime(parseSchedule('rate(1 hour)'), at('2024-01-01T10:30:00Z'), at('2024-01-01T10:00:00Z'))?.toISOString()).toBe(
      '2024-01-01T11:00:00.000Z',
    );
  });

  it('computes the next cron() time in UTC', () => {
    expect(next('cron(0 0 * * ? *)', '2024-01-01T10:30:00Z')).toBe('2024-01-02T00:00:00.000Z');
    expect(next('cron(0 0 ? * SUN *)', '2024-01-01T10:30:00Z')).toBe('2024-01-07T00:00:00.000Z');
    expect(next('cron(0 0 1 * ? *)', '2024-01-15T00:00:00Z')).toBe('2024-02-01T00:00:00.000Z');
    expect(next('cron(0/15 * * * ? *)', '2024-01-01T10:31:00Z')).toBe('2024-01-01T10:45:00.000Z');
    expect(next('cron(30 8 ? * MON-FRI *)', '2024-01-05T09:00:00Z')).toBe('2024-01-08T08:30:00.000Z');
    expect(next('cron(0 12 L * ? *)', '2024-02-01T00:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(next('cron(0 10 ? * 6#3 *)', '2024-01-01T00:00:00Z')).toBe('2024-01-19T10:00:00.000Z');
    expect(next('cron(0 0 1 JAN ? 2030)', '2024-01-01T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    for (const bad of ['cron(0 0 * * * *)', 'cron(0 0 ? * ? *)', 'cron(61 0 * * ? *)', 'cron(0 0 * *)']) {
      expect(() => parseSchedule(bad), bad).toThrow('Parameter ScheduleExpression is not valid.');
    }
  });
});
