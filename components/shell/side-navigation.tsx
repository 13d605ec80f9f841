'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { cx } from '@/components/ui/class-names';
import { Icon } from '@/components/ui/icon';
import type { MessageKey } from '@/lib/i18n/core';

interface NavSection {
  title: MessageKey;
  links: { text: MessageKey; href: string }[];
}

/** The console's information architecture; breadcrumbs follow the same hierarchy. */
export const NAV_SECTIONS: NavSection[] = [
  { title: 'nav.vpc', links: [{ text: 'nav.vpcs', href: '/vpc/vpcs' }, { text: 'nav.flowLogs', href: '/vpc/flow-logs' }] },
  { title: 'nav.cloudformation', links: [{ text: 'nav.stacks', href: '/cloudformation/stacks' }] },
  { title: 'nav.athena', links: [{ text: 'nav.queryEditor', href: '/athena/query-editor' }] },
  { title: 'nav.s3', links: [{ text: 'nav.buckets', href: '/s3' }] },
];

export function isActiveLink(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t('nav.label')} className="px-6 py-5">
      <Link href="/" className="mb-4 block text-[18px] leading-[22px] font-bold text-ink hover:text-ink hover:no-underline" onClick={onNavigate}>
        {t('app.title')}
      </Link>
      <hr className="mb-4 border-line" />
      {NAV_SECTIONS.map((section) => (
        <section key={section.title} className="mb-5">
          <h2 className="mb-1.5 font-bold text-ink">{t(section.title)}</h2>
          <ul className="flex flex-col gap-1.5">
            {section.links.map((link) => {
              const active = isActiveLink(pathname, link.href);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={active ? 'page' : undefined}
                    onClick={onNavigate}
                    className={cx(
                      'block border-l-2 py-0.5 pl-3 hover:no-underline',
                      active ? 'border-link font-bold text-link' : 'border-transparent text-ink-secondary hover:text-link',
                    )}
                  >
                    {t(link.text)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}

/** A fixed column on wide screens; a drawer behind a menu button on narrow ones. */
export function SideNavigation() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <aside className="hidden w-[260px] shrink-0 border-r border-line bg-white md:block">
        <div className="sticky top-12 max-h-[calc(100vh-3rem)] overflow-y-auto">
          <NavLinks />
        </div>
      </aside>
      <div className="border-b border-line bg-white px-3 py-1 md:hidden">
        <button
          type="button"
          aria-label={t('nav.open')}
          aria-expanded={open}
          onClick={() => setOpen(true)}
          className="rounded-full p-1.5 text-ink-secondary hover:text-ink"
        >
          <Icon name="menu" />
        </button>
      </div>
      {open && (
        <div className="fixed inset-0 z-40 md:hidden">
          <div aria-hidden="true" className="absolute inset-0 bg-[rgba(35,43,55,0.7)]" onClick={() => setOpen(false)} />
          <div className="absolute inset-y-0 left-0 w-[280px] overflow-y-auto bg-white shadow-xl">
            <div className="flex justify-end px-3 pt-3">
              <button type="button" aria-label={t('nav.close')} onClick={() => setOpen(false)} className="rounded-full p-1.5 text-ink-secondary hover:text-ink">
                <Icon name="close" />
              </button>
            </div>
            <NavLinks onNavigate={() => setOpen(false)} />
          </div>
        </div>
      )}
    </>
  );
}
