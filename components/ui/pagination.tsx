'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { cx } from './class-names';
import { Icon } from './icon';

/** Page numbers to show: first, last, and a window around the current page, gaps as null. */
export function visiblePages(current: number, count: number): (number | null)[] {
  if (count <= 7) return Array.from({ length: count }, (_, i) => i + 1);
  const pages = new Set([1, count, current - 1, current, current + 1]);
  if (current <= 3) [2, 3, 4].forEach((p) => pages.add(p));
  if (current >= count - 2) [count - 3, count - 2, count - 1].forEach((p) => pages.add(p));
  const sorted = [...pages].filter((p) => p >= 1 && p <= count).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((page, index) => {
    if (index > 0 && page - sorted[index - 1] > 1) out.push(null);
    out.push(page);
  });
  return out;
}

export function Pagination({ currentPage, pageCount, onChange }: { currentPage: number; pageCount: number; onChange: (page: number) => void }) {
  const t = useT();
  const arrow = 'flex size-7 items-center justify-center rounded-full text-ink hover:text-link disabled:text-ink-disabled disabled:hover:text-ink-disabled';
  return (
    <nav aria-label={t('table.pagination')}>
      <ul className="flex items-center gap-0.5">
        <li>
          <button type="button" className={arrow} aria-label={t('table.previousPage')} disabled={currentPage <= 1} onClick={() => onChange(currentPage - 1)}>
            <Icon name="angle-left" />
          </button>
        </li>
        {visiblePages(currentPage, pageCount).map((page, index) =>
          page === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-ink-secondary">
              …
            </li>
          ) : (
            <li key={page}>
              <button
                type="button"
                aria-label={t('table.pageNumber', { page })}
                aria-current={page === currentPage ? 'page' : undefined}
                onClick={() => onChange(page)}
                className={cx(
                  'min-w-7 rounded-full px-1.5 py-0.5',
                  page === currentPage ? 'font-bold text-ink' : 'text-ink-secondary hover:text-link',
                )}
              >
                {page}
              </button>
            </li>
          ),
        )}
        <li>
          <button type="button" className={arrow} aria-label={t('table.nextPage')} disabled={currentPage >= pageCount} onClick={() => onChange(currentPage + 1)}>
            <Icon name="angle-right" />
          </button>
        </li>
      </ul>
    </nav>
  );
}
