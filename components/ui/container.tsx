import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface ContainerProps {
  header?: ReactNode;
  footer?: ReactNode;
  children?: ReactNode;
  /** For content that brings its own padding or must touch the edges (tables, code). */
  disableContentPaddings?: boolean;
  className?: string;
  /** The accessible name of the region, usually the id of its header's heading. */
  labelledBy?: string;
}

/** The white card every block of content sits in. */
export function Container({ header, footer, children, disableContentPaddings, className, labelledBy }: ContainerProps) {
  return (
    <section
      aria-labelledby={labelledBy}
      className={cx('rounded-2xl border border-line bg-white shadow-[0_1px_1px_rgba(0,7,22,0.1),0_0_1px_rgba(0,7,22,0.2)]', className)}
    >
      {header && <div className="px-5 pt-4 pb-3">{header}</div>}
      {children !== undefined && children !== null && (
        <div className={cx(!disableContentPaddings && 'px-5 pb-5', !disableContentPaddings && !header && 'pt-5')}>{children}</div>
      )}
      {footer && <div className="border-t border-line px-5 py-3">{footer}</div>}
    </section>
  );
}
