'use client';

import { useEffect, useState, useTransition } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { Modal } from '@/components/ui/modal';
import { Spinner } from '@/components/ui/spinner';
import { s3LocationUri } from '@/lib/athena-integration/dialog-checks';
import { parentPrefix } from '@/lib/s3-keys';
import { browseS3Location, type S3BrowseResult } from '@/server/actions/athena-integration';

interface Place {
  bucket: string | null;
  prefix: string;
}

/**
 * A small S3 browser for picking a location: buckets, then folders one level at a time. "Choose"
 * takes the location being shown (`s3://bucket/prefix/`).
 */
export function S3LocationBrowser({ initial, onChoose, onDismiss }: { initial: Place; onChoose: (uri: string) => void; onDismiss: () => void }) {
  const t = useT();
  const [place, setPlace] = useState<Place>(initial);
  const [result, setResult] = useState<S3BrowseResult | null>(null);
  const [loading, startLoading] = useTransition();

  useEffect(() => {
    let current = true;
    startLoading(async () => {
      const next = await browseS3Location(place.bucket, place.prefix);
      if (current) setResult(next);
    });
    return () => {
      current = false;
    };
  }, [place]);

  const uri = place.bucket ? s3LocationUri(place.bucket, place.prefix) : null;
  const up = () => setPlace(place.prefix ? { bucket: place.bucket, prefix: parentPrefix(place.prefix) } : { bucket: null, prefix: '' });
  const entries = result?.ok ? (place.bucket ? result.data.folders.map((prefix) => ({ key: prefix, label: prefix.slice(place.prefix.length), icon: 'folder' as const })) : result.data.buckets.map((bucket) => ({ key: bucket, label: bucket, icon: 'folder' as const }))) : [];

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('integration.browser.title')}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" disabled={!uri} ariaLabel={uri ? t('integration.browser.chooseThis', { uri }) : undefined} onClick={() => uri && onChoose(uri)}>
            {t('integration.browser.choose')}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-2">
          <Button variant="icon" ariaLabel={t('integration.browser.up')} disabled={!place.bucket} onClick={up}>
            <Icon name="angle-left" />
          </Button>
          <span className="font-bold">{t('integration.browser.current')}:</span>
          <span className="min-w-0 font-mono text-[13px] break-all">{uri ?? t('integration.browser.buckets')}</span>
        </div>
        {loading || !result ? (
          <p className="flex items-center gap-2 py-4 text-ink-secondary">
            <Spinner /> {t('integration.browser.loading')}
          </p>
        ) : !result.ok ? (
          <Alert type="error" header={t('integration.browser.failed')}>
            <AwsErrorText code={result.code} message={result.message} />
          </Alert>
        ) : entries.length === 0 ? (
          <p className="py-4 text-ink-secondary">{place.bucket ? t('integration.browser.noFolders') : t('integration.browser.noBuckets')}</p>
        ) : (
          <ul aria-label={t('integration.browser.tableLabel')} className="max-h-[320px] overflow-y-auto rounded-lg border border-line">
            {entries.map((entry) => (
              <li key={entry.key} className="border-b border-line last:border-b-0">
                <button
                  type="button"
                  className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-link hover:bg-selected"
                  onClick={() => setPlace(place.bucket ? { bucket: place.bucket, prefix: entry.key } : { bucket: entry.key, prefix: '' })}
                >
                  <Icon name={entry.icon} className="text-ink-secondary" />
                  <span className="break-all">{entry.label}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Modal>
  );
}
