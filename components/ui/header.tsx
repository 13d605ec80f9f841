import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface HeaderProps {
  /** h1 for the page title, h2 for a container, h3 inside a container. */
  variant?: 'h1' | 'h2' | 'h3';
  children: ReactNode;
  /** Shown after the title in grey, like "(12)" or "(1/12)". */
  counter?: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** An id for the heading element, so a container or table can be labelled by it. */
  headingId?: string;
}

const sizes = {
  h1: 'text-[24px] leading-[30px] font-bold',
  h2: 'text-[18px] leading-[22px] font-bold',
  h3: 'text-[16px] leading-[20px] font-bold',
};

export function Header({ variant = 'h2', children, counter, description, actions, headingId }: HeaderProps) {
  const Heading = variant;
  return (
    <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
      <div className="min-w-0 flex-1">
        <Heading id={headingId} className={cx(sizes[variant], 'text-ink break-words')}>
          {children}
          {counter !== undefined && <span className="ml-1.5 font-normal text-ink-secondary">{counter}</span>}
        </Heading>
        {description && <p className="mt-1 text-ink-secondary">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
