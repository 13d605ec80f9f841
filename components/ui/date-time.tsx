'use client';

import { useSyncExternalStore } from 'react';
import { useLang } from '@/components/i18n/i18n-provider';
import { formatDateTime } from '@/lib/format';

const noSubscription = () => () => {};

/** False while the server renders and during hydration, true afterwards. */
function useIsClient(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A point in time with its UTC offset. The server (which does not know the browser's time zone)
 * renders UTC; once in the browser it switches to the user's local time, without a hydration mismatch.
 */
export function DateTime({ iso }: { iso: string | null | undefined }) {
  const lang = useLang();
  const isClient = useIsClient();
  if (!iso) return <span>-</span>;
  const zone = isClient ? Intl.DateTimeFormat().resolvedOptions().timeZone : 'UTC';
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {formatDateTime(iso, lang, zone)}
    </time>
  );
}
