'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Icon } from '@/components/ui/icon';
import { missingPredefinedQueries, PREDEFINED_QUERIES, predefinedQueriesFor } from '@/lib/athena-integration/predefined-queries';
import type { MessageKey } from '@/lib/i18n/core';

/**
 * Which predefined Athena queries the template will hold for this log format, and which it leaves
 * out for want of fields (the same rule GetFlowLogsIntegrationTemplate applies).
 */
export function SavedQueriesPreview({ logFormat }: { logFormat: string }) {
  const t = useT();
  const included = predefinedQueriesFor(logFormat);
  const missing = missingPredefinedQueries(logFormat);
  const description = (name: string, fallback: string) => {
    const key = `integration.query.${name}` as MessageKey;
    const text = t(key);
    return text === key ? fallback : text;
  };
  return (
    <section aria-labelledby="saved-queries-preview" className="flex flex-col gap-2 rounded-xl border border-line bg-subtle/50 px-4 py-3">
      <h3 id="saved-queries-preview" className="font-bold">
        {t('integration.queries.title', { count: included.length, total: PREDEFINED_QUERIES.length })}
      </h3>
      <p className="text-[12px] text-ink-secondary">{t('integration.queries.description')}</p>
      <ul aria-label={t('integration.queries.listLabel')} className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
        {included.map((query) => (
          <li key={query.name} className="flex items-start gap-1.5">
            <Icon name="status-positive" size={14} className="mt-[3px] text-success" />
            <span className="min-w-0">
              <span className="font-mono text-[12px] break-all">{query.name}</span>
              <span className="block text-[12px] leading-4 text-ink-secondary">{description(query.name, query.description)}</span>
            </span>
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-[13px] text-ink-secondary">
            {t('integration.queries.missing')} ({missing.length})
          </summary>
          <ul aria-label={t('integration.queries.missingLabel')} className="mt-1 grid gap-x-6 gap-y-1 sm:grid-cols-2">
            {missing.map(({ query, missingFields }) => (
              <li key={query.name} className="flex items-start gap-1.5 text-ink-secondary">
                <Icon name="status-stopped" size={14} className="mt-[3px]" />
                <span className="min-w-0">
                  <span className="font-mono text-[12px] break-all">{query.name}</span>
                  <span className="block text-[12px] leading-4">{t('integration.queries.needs', { fields: missingFields.join(', ') })}</span>
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
