'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createTranslator, type Lang, type MessageKey, type Messages, type Translate } from '@/lib/i18n/translate';

interface I18nValue {
  lang: Lang;
  t: Translate;
  has: (key: string) => key is MessageKey;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Fed by the root layout with the request's language and only that language's messages. */
export function I18nProvider({ lang, messages, children }: { lang: Lang; messages: Messages; children: ReactNode }) {
  const value = useMemo(
    () => ({
      lang,
      t: createTranslator(messages),
      has: (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(messages, key),
    }),
    [lang, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() needs an <I18nProvider> above it (the root layout provides one).');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLang(): Lang {
  return useI18n().lang;
}

/** Whether a string is a key of the catalog (for keys that arrive from outside, e.g. the URL). */
export function useHasMessage(): (key: string) => key is MessageKey {
  return useI18n().has;
}
