import type { Lang } from './i18n/translate';

const LOCALES: Record<Lang, string> = { en: 'en-US', ja: 'ja-JP' };
const UNITS: Record<Lang, { ms: string; sec: string; min: string }> = {
  en: { ms: 'ms', sec: 'sec', min: 'min' },
  ja: { ms: 'ミリ秒', sec: '秒', min: '分' },
};

/**
 * A query's run time the way the Athena console writes it: "523 ms", "2.249 sec", "3 min 5 sec"
 * ("523 ミリ秒", "2.249 秒", "3 分 5 秒").
 */
export function formatDuration(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '-';
  const units = UNITS[lang];
  if (ms < 1000) return `${Math.round(ms)} ${units.ms}`;
  if (ms < 60_000) {
    const seconds = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 3 }).format(ms / 1000);
    return `${seconds} ${units.sec}`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${new Intl.NumberFormat(LOCALES[lang]).format(minutes)} ${units.min} ${seconds} ${units.sec}`;
}

/** Elapsed time of a running query, to the tenth of a second: "4.2 sec", "1 min 3 sec". */
export function formatElapsed(ms: number, lang: Lang): string {
  const units = UNITS[lang];
  if (ms < 60_000) {
    const seconds = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.max(0, ms) / 1000);
    return `${seconds} ${units.sec}`;
  }
  return formatDuration(ms, lang);
}

/** One line of a query's text for a table cell: whitespace runs collapsed, cut at `max` characters. */
export function queryPreview(sql: string, max = 120): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
