/**
 * The catalog-free half of i18n: languages, language resolution, interpolation and the translator.
 * Client components import from here, so the browser bundle carries only the one catalog the
 * layout hands to <I18nProvider>, never every language.
 */
import type { MessageKey } from './messages/en';

export type { MessageKey };

export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';
export const LANG_COOKIE = 'lang';

/** The language names are always shown in their own language, so a user can find theirs. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語' };

export type Messages = Record<MessageKey, string>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * The language to use: an explicit choice (the `lang` cookie) wins; otherwise Japanese when the
 * browser prefers it over English in Accept-Language; otherwise English.
 */
export function resolveLang(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Lang {
  if (isLang(cookieValue)) return cookieValue;
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.base && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const first = ranked.find((entry) => isLang(entry.base));
  return first ? (first.base as Lang) : DEFAULT_LANG;
}

/** Replaces `{name}` placeholders; a placeholder without a value stays visible so the gap is noticed. */
export function interpolate(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export function createTranslator(messages: Messages): Translate {
  return (key, vars) => interpolate(messages[key] ?? key, vars);
}
