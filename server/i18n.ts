import 'server-only';
import { cookies, headers } from 'next/headers';
import { createTranslator, LANG_COOKIE, messagesFor, resolveLang, type Lang, type Translate } from '@/lib/i18n/core';

/** The request's language: the `lang` cookie, else Accept-Language (ja is honoured), else English. */
export async function getLang(): Promise<Lang> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLang(cookieStore.get(LANG_COOKIE)?.value, headerList.get('accept-language'));
}

/** A typed `t(key, vars)` for server components and server actions. */
export async function getT(): Promise<Translate> {
  return createTranslator(messagesFor(await getLang()));
}

export async function getI18n(): Promise<{ lang: Lang; t: Translate }> {
  const lang = await getLang();
  return { lang, t: createTranslator(messagesFor(lang)) };
}
