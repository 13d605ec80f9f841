import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime } from './format';

describe('formatBytes', () => {
  it('uses binary multiples like the S3 console', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(885, 'en')).toBe('885 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(100 * 1024 * 1024, 'ja')).toBe('100.0 MB');
    expect(formatBytes(-1, 'en')).toBe('-');
  });
});

describe('formatDateTime', () => {
  const iso = '2025-11-28T12:34:56.000Z';
  it('writes the time with its UTC offset', () => {
    expect(formatDateTime(iso, 'en')).toBe('November 28, 2025, 12:34:56 (UTC+00:00)');
    expect(formatDateTime(iso, 'ja')).toBe('2025/11/28 12:34:56 (UTC+00:00)');
    expect(formatDateTime(iso, 'en', 'Asia/Tokyo')).toBe('November 28, 2025, 21:34:56 (UTC+09:00)');
    expect(formatDateTime(iso, 'ja', 'America/New_York')).toBe('2025/11/28 07:34:56 (UTC-05:00)');
  });

  it('shows a dash for missing or invalid values', () => {
    expect(formatDateTime(null, 'en')).toBe('-');
    expect(formatDateTime('not a date', 'en')).toBe('-');
  });
});
