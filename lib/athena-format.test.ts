import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, queryPreview } from './athena-format';

describe('formatDuration', () => {
  it('writes milliseconds, seconds and minutes as the Athena console does', () => {
    expect(formatDuration(523, 'en')).toBe('523 ms');
    expect(formatDuration(2249, 'en')).toBe('2.249 sec');
    expect(formatDuration(2000, 'en')).toBe('2 sec');
    expect(formatDuration(185_000, 'en')).toBe('3 min 5 sec');
    expect(formatDuration(523, 'ja')).toBe('523 ミリ秒');
    expect(formatDuration(2249, 'ja')).toBe('2.249 秒');
    expect(formatDuration(null, 'en')).toBe('-');
    expect(formatDuration(-1, 'en')).toBe('-');
  });
});

describe('formatElapsed', () => {
  it('counts tenths of a second while a query runs', () => {
    expect(formatElapsed(4230, 'en')).toBe('4.2 sec');
    expect(formatElapsed(0, 'ja')).toBe('0.0 秒');
    expect(formatElapsed(63_000, 'en')).toBe('1 min 3 sec');
  });
});

describe('queryPreview', () => {
  it('collapses whitespace and cuts long text', () => {
    expect(queryPreview('SELECT *\n  FROM t\n')).toBe('SELECT * FROM t');
    expect(queryPreview('x'.repeat(10), 5)).toBe('xxxx…');
  });
});
