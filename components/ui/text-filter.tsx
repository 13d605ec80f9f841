'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Icon } from './icon';

export interface TextFilterProps {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  /** Accessible name; defaults to the placeholder. */
  ariaLabel?: string;
  /** Items matching the current text; shown as "N matches" while a filter is set. */
  matchCount?: number;
  /** More filter controls between the text field and the match count (e.g. a status select). */
  controls?: ReactNode;
}

export function TextFilter({ value, onChange, placeholder, ariaLabel, matchCount, controls }: TextFilterProps) {
  const t = useT();
  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-3">
      <div className="relative w-full max-w-[460px] min-w-[200px] flex-1">
        <Icon name="search" className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-ink-secondary" />
        <input
          type="search"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && value) {
              event.preventDefault();
              onChange('');
            }
          }}
          placeholder={placeholder}
          aria-label={ariaLabel ?? placeholder}
          className="w-full rounded-lg border-2 border-input-line bg-white py-[3px] pr-3 pl-9 text-ink placeholder:italic placeholder:text-ink-disabled focus:border-focus focus:ring-2 focus:ring-focus/30 focus:outline-none focus-visible:outline-none [&::-webkit-search-cancel-button]:cursor-pointer"
        />
      </div>
      {controls}
      {value && matchCount !== undefined && (
        <span role="status" className="whitespace-nowrap text-ink-secondary">
          {matchCount === 1 ? t('table.matchesOne') : t('table.matches', { count: matchCount })}
        </span>
      )}
    </div>
  );
}
