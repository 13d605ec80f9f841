'use client';

import { useId, useState, useSyncExternalStore } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/**
 * The client-side query result location (the Athena console's Settings → Query result location),
 * for workgroups that set none themselves — `primary` out of the box. Kept per Region and workgroup
 * in localStorage and sent as ResultConfiguration.OutputLocation.
 */
export const S3_LOCATION_PATTERN = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

const listeners = new Set<() => void>();
const keyOf = (region: string, workGroup: string) => `athena:result-location:${region}:${workGroup}`;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function useClientResultLocation(region: string, workGroup: string): [string | null, (location: string) => void] {
  const key = keyOf(region, workGroup);
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => read(key),
    () => null,
  );
  const save = (location: string) => {
    try {
      window.localStorage.setItem(key, location);
    } catch {
      // Without storage the location lasts until the page is left.
    }
    for (const listener of listeners) listener();
  };
  return [value, save];
}

/** Shown above the editor while the workgroup has no result location: asks for one, or shows the one in use. */
export function ResultLocationSetting({ workGroup, value, onSave }: { workGroup: string; value: string | null; onSave: (location: string) => void }) {
  const t = useT();
  const inputId = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);

  if (value && !editing) {
    return (
      <p className="text-[12px] text-ink-secondary">
        {t('athena.location.inUse')}: <b className="break-all text-ink">{value}</b>{' '}
        <Button
          variant="inline-link"
          onClick={() => {
            setDraft(value);
            setEditing(true);
          }}
        >
          {t('athena.location.edit')}
        </Button>
      </p>
    );
  }

  const save = () => {
    const location = draft.trim().replace(/([^/])$/, '$1/');
    if (!S3_LOCATION_PATTERN.test(location)) {
      setError(t('athena.location.invalid'));
      return;
    }
    setError(null);
    onSave(location);
    setEditing(false);
  };

  return (
    <Alert type="info" header={t('athena.location.title')}>
      <p>{t('athena.location.description', { workgroup: workGroup })}</p>
      <form
        className="mt-2 flex flex-wrap items-start gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="min-w-[16rem] flex-1">
          <label htmlFor={inputId} className="sr-only">
            {t('athena.location.label')}
          </label>
          <Input
            id={inputId}
            value={draft}
            placeholder="s3://bucket/prefix/"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(event) => setDraft(event.target.value)}
          />
          {error && (
            <p id={`${inputId}-error`} className="mt-1 text-[12px] text-error">
              {error}
            </p>
          )}
        </div>
        <Button type="submit">{t('athena.location.save')}</Button>
      </form>
    </Alert>
  );
}
