import { en } from './messages/en';
import { ja } from './messages/ja';
import type { Lang, MessageKey, Messages } from './translate';

/** Server-side i18n: everything in translate.ts plus the catalogs themselves. */
export * from './translate';

const catalogs: Record<Lang, Messages> = { en, ja };

export function messagesFor(lang: Lang): Messages {
  return catalogs[lang];
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, value);
}
