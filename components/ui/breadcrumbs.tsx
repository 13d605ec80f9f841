'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n/i18n-provider';
import { Icon } from './icon';

export interface BreadcrumbItem {
  text: string;
  href?: string;
}

/** The page's place in the same hierarchy the side navigation shows; the last item is the page itself. */
export function Breadcrumbs({ items }: { items: BreadcrumbItem[] }) {
  const t = useT();
  return (
    <nav aria-label={t('breadcrumbs.label')} className="mb-3">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-[14px]">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            <li key={`${index}-${item.text}`} className="flex min-w-0 items-center gap-2">
              {last || !item.href ? (
                <span aria-current={last ? 'page' : undefined} className="truncate text-ink-secondary">
                  {item.text}
                </span>
              ) : (
                <Link href={item.href} className="truncate font-bold">
                  {item.text}
                </Link>
              )}
              {!last && <Icon name="angle-right" size={12} className="text-ink-secondary" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
