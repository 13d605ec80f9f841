import type { MessageKey } from './i18n/translate';

/**
 * A flash message carried in the URL, for notices that must survive a navigation (e.g. "created,
 * now showing the new resource"): `?flash=success:<message key>&flash_name=<value>`. Only catalog
 * keys are accepted, so a crafted link cannot put arbitrary text into the console's notices.
 */
export type UrlFlashType = 'success' | 'error' | 'warning' | 'info';
export interface UrlFlash {
  type: UrlFlashType;
  key: MessageKey;
  vars: Record<string, string>;
}

export const FLASH_PARAM = 'flash';
const VAR_PREFIX = 'flash_';
const TYPES: readonly UrlFlashType[] = ['success', 'error', 'warning', 'info'];

export function withFlash(href: string, flash: { type: UrlFlashType; key: MessageKey; vars?: Record<string, string> }): string {
  const [path, query = ''] = href.split('?', 2);
  const params = new URLSearchParams(query);
  params.set(FLASH_PARAM, `${flash.type}:${flash.key}`);
  for (const [name, value] of Object.entries(flash.vars ?? {})) params.set(`${VAR_PREFIX}${name}`, value);
  return `${path}?${params.toString()}`;
}

/** `isKey` is the catalog's membership test (the client's I18n context, or isMessageKey on the server). */
export function readUrlFlash(params: URLSearchParams, isKey: (key: string) => key is MessageKey): UrlFlash | null {
  const raw = params.get(FLASH_PARAM);
  if (!raw) return null;
  const colon = raw.indexOf(':');
  const type = raw.slice(0, colon) as UrlFlashType;
  const key = raw.slice(colon + 1);
  if (colon < 0 || !TYPES.includes(type) || !isKey(key)) return null;
  const vars: Record<string, string> = {};
  params.forEach((value, name) => {
    if (name.startsWith(VAR_PREFIX)) vars[name.slice(VAR_PREFIX.length)] = value;
  });
  return { type, key, vars };
}

/** The same parameters without the flash, for replacing the URL once the notice is shown. */
export function withoutUrlFlash(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  params.forEach((value, name) => {
    if (name !== FLASH_PARAM && !name.startsWith(VAR_PREFIX)) next.append(name, value);
  });
  return next;
}
