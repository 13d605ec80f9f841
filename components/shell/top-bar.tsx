import Link from 'next/link';
import { Suspense } from 'react';
import type { Translate } from '@/lib/i18n/core';
import { BackendBadgeLoader, BackendBadgePending } from './backend-badge';
import { LanguageSwitch, RegionSelector } from './top-bar-controls';

export function TopBar({ t, region, regions }: { t: Translate; region: string; regions: string[] }) {
  return (
    <header className="sticky top-0 z-30 flex h-12 min-w-0 items-center gap-3 bg-navy px-4 text-white">
      <Link href="/" aria-label={t('app.home')} className="flex items-center gap-2.5 text-white hover:text-white hover:no-underline">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <rect x="1" y="1" width="22" height="22" rx="5" fill="#8c4fff" />
          <path d="M6 8h12M6 12h8M6 16h10" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="hidden text-[16px] font-bold whitespace-nowrap sm:inline">{t('app.title')}</span>
      </Link>
      <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-4">
        <Suspense fallback={<BackendBadgePending />}>
          <BackendBadgeLoader region={region} />
        </Suspense>
        <RegionSelector region={region} regions={regions} />
        <LanguageSwitch />
      </div>
    </header>
  );
}
