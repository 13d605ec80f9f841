import type { Lang } from './i18n/core';

const LOCALES: Record<Lang, string> = { en: 'en-US', ja: 'ja-JP' };


/** Sizes as the S3 console shows them: binary multiples with the short unit names (1.5 KB, 20.0 MB). */
export function formatBytes(bytes: number, lang: Lang): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  const number = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}

/**
 * Date and time the way the AWS console writes them, with the UTC offset spelled out so a time is
 * never ambiguous: "November 28, 2025, 20:58:00 (UTC+09:00)" / "2025/11/28 20:58:00 (UTC+09:00)".
 */
export function formatDateTime(iso: string | undefined | null, lang: Lang, timeZone = 'UTC'): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '-';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  const offset = utcOffset(date, timeZone);
  if (lang === 'ja') return `${parts.year}/${parts.month}/${parts.day} ${time} (${offset})`;
  const month = new Intl.DateTimeFormat('en-US', { timeZone, month: 'long' }).format(date);
  return `${month} ${Number(parts.day)}, ${parts.year}, ${time} (${offset})`;
}

function utcOffset(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  // "GMT+09:00", or plain "GMT" for UTC itself.
  if (!part || part === 'GMT') return 'UTC+00:00';
  return part.replace('GMT', 'UTC');
}
