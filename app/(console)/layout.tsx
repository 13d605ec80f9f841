import type { ReactNode } from 'react';
import { FlashProvider, FlashRegion } from '@/components/shell/flash-provider';
import { SideNavigation } from '@/components/shell/side-navigation';
import { TopBar } from '@/components/shell/top-bar';
import { listRegions } from '@/server/data/console';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

/** The console frame: top bar, side navigation, notices, and the page. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const region = await currentRegion();
  const [t, regions] = await Promise.all([getT(), listRegions(region)]);
  return (
    <FlashProvider>
      <TopBar t={t} region={region} regions={regions} />
      <div className="flex min-h-[calc(100vh-3rem)] flex-col md:flex-row">
        <SideNavigation />
        <main className="min-w-0 flex-1 bg-page px-4 pt-4 pb-10 sm:px-8">
          <div className="mx-auto max-w-[1400px]">
            <FlashRegion />
            {children}
          </div>
        </main>
      </div>
    </FlashProvider>
  );
}
