import type { ReactNode } from 'react';

/** A page: breadcrumbs, the page header, then its blocks of content spaced evenly. */
export function ContentLayout({ breadcrumbs, header, children }: { breadcrumbs?: ReactNode; header: ReactNode; children?: ReactNode }) {
  return (
    <div>
      {breadcrumbs}
      <div className="mb-5">{header}</div>
      <div className="flex flex-col gap-6">{children}</div>
    </div>
  );
}
