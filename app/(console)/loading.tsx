import { Spinner } from '@/components/ui/spinner';
import { getT } from '@/server/i18n';

export default async function Loading() {
  const t = await getT();
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 py-16 text-ink-secondary">
      <Spinner /> {t('common.loadingPage')}
    </div>
  );
}
