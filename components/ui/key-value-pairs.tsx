import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface KeyValueItem {
  label: ReactNode;
  value: ReactNode;
}

/** Properties in columns, each a term and its value (Cloudscape "key-value pairs"). */
export function KeyValuePairs({ items, columns = 3 }: { items: KeyValueItem[]; columns?: 1 | 2 | 3 | 4 }) {
  const grid = { 1: '', 2: 'md:grid-cols-2', 3: 'md:grid-cols-2 lg:grid-cols-3', 4: 'md:grid-cols-2 lg:grid-cols-4' }[columns];
  return (
    <dl className={cx('grid grid-cols-1 gap-x-8 gap-y-4', grid)}>
      {items.map((item, index) => (
        <div key={index} className="min-w-0">
          <dt className="font-bold text-ink">{item.label}</dt>
          <dd className="mt-0.5 break-words text-ink">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
