'use client';

import { useEffect } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { AwsErrorText } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { Header } from '@/components/ui/header';
import { Icon } from '@/components/ui/icon';

/**
 * Unexpected failures of a console page. Shows what can be shown — the error's name (an AWS error
 * code when the SDK threw) and message, or in production the error id the server logged — never a stack.
 */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT();
  useEffect(() => {
    console.error(error);
  }, [error]);
  const err = error instanceof Error ? (error as Error & { digest?: string }) : null;
  const code = err && err.name !== 'Error' ? err.name : undefined;
  // Errors from server components arrive with their message replaced (and a digest) in production.
  const message = err?.digest ? t('error.digest', { digest: err.digest }) : err?.message || String(error);
  return (
    <div className="py-6">
      <Container header={<Header variant="h1">{t('error.title')}</Header>}>
        <div role="alert" className="flex items-start gap-2.5">
          <Icon name="status-negative" className="mt-0.5 text-error" />
          <div className="min-w-0 break-words">
            <p className="mb-1 text-ink-secondary">{t('error.description')}</p>
            <p>
              <AwsErrorText code={code} message={message} />
            </p>
          </div>
        </div>
        <div className="mt-4">
          <Button variant="primary" onClick={() => retry()}>
            {t('error.retry')}
          </Button>
        </div>
      </Container>
    </div>
  );
}
