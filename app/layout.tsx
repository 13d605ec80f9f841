import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n/i18n-provider';
import { messagesFor } from '@/lib/i18n/core';
import { getI18n } from '@/server/i18n';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: { default: t('app.title'), template: `%s | ${t('app.title')}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { lang } = await getI18n();
  return (
    <html lang={lang}>
      <body className="min-h-screen bg-page">
        <I18nProvider lang={lang} messages={messagesFor(lang)}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
