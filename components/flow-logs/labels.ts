import type { MessageKey, Translate } from '@/lib/i18n/core';
import { isDefaultLogFormat } from '@/lib/flow-logs/log-format';

/** How flow log attributes read in tables and details, in the user's language. */

function known(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

export function trafficTypeLabel(t: Translate, trafficType: string): string {
  return known(t, `flowLogs.traffic.${trafficType}`, trafficType || '-');
}

export function intervalLabel(t: Translate, seconds: number): string {
  return known(t, `flowLogs.interval.${seconds}`, t('flowLogs.intervalSeconds', { seconds }));
}

export function destinationTypeLabel(t: Translate, type: string): string {
  return known(t, `flowLogs.destType.${type}`, type || '-');
}

export function fileFormatLabel(t: Translate, format: string | null): string {
  return format ? known(t, `flowLogs.fileFormat.${format}`, format) : '-';
}

export function logFormatKindLabel(t: Translate, logFormat: string): string {
  return isDefaultLogFormat(logFormat) ? t('flowLogs.format.default') : t('flowLogs.format.custom');
}

export function statusLabel(t: Translate, status: string): string {
  return known(t, `flowLogs.status.${status}`, status);
}
