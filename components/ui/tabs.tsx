'use client';

import { useSearchParams } from 'next/navigation';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './class-names';

export interface TabItem {
  id: string;
  label: ReactNode;
  content: ReactNode;
  disabled?: boolean;
}

export interface TabsProps {
  tabs: TabItem[];
  ariaLabel: string;
  /** Controlled mode: the parent owns the active tab. */
  activeTabId?: string;
  onChange?: (id: string) => void;
  /**
   * URL mode: the active tab lives in this search parameter (e.g. "tab"), so every tab is
   * linkable; switching updates the URL in place without a server round trip.
   */
  urlParam?: string;
}

/** WAI-ARIA tabs: arrow keys move between tabs, only the active tab is in the tab order. */
export function Tabs({ tabs, ariaLabel, activeTabId, onChange, urlParam }: TabsProps) {
  const searchParams = useSearchParams();
  const [localActive, setLocalActive] = useState(tabs[0]?.id);
  const baseId = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  const fromUrl = urlParam ? searchParams.get(urlParam) : null;
  const requested = activeTabId ?? fromUrl ?? localActive;
  const active = tabs.find((tab) => tab.id === requested && !tab.disabled) ?? tabs.find((tab) => !tab.disabled);

  /** A click is a step the Back button should undo; moving with the arrow keys is not. */
  const select = (id: string, history: 'push' | 'replace' = 'push') => {
    if (urlParam) {
      const params = new URLSearchParams(window.location.search);
      params.set(urlParam, id);
      const url = `?${params.toString()}${window.location.hash}`;
      if (history === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
    if (activeTabId === undefined) setLocalActive(id);
    onChange?.(id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = tabs.filter((tab) => !tab.disabled);
    const index = enabled.findIndex((tab) => tab.id === active?.id);
    let next: TabItem | undefined;
    if (event.key === 'ArrowRight') next = enabled[(index + 1) % enabled.length];
    else if (event.key === 'ArrowLeft') next = enabled[(index - 1 + enabled.length) % enabled.length];
    else if (event.key === 'Home') next = enabled[0];
    else if (event.key === 'End') next = enabled[enabled.length - 1];
    if (!next) return;
    event.preventDefault();
    select(next.id, 'replace');
    tabRefs.current.get(next.id)?.focus();
  };

  return (
    <div>
      <div role="tablist" aria-label={ariaLabel} onKeyDown={onKeyDown} className="flex flex-wrap gap-1 border-b border-line">
        {tabs.map((tab) => {
          const selected = tab.id === active?.id;
          return (
            <button
              key={tab.id}
              ref={(node) => {
                if (node) tabRefs.current.set(tab.id, node);
                else tabRefs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`${baseId}-panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              disabled={tab.disabled}
              onClick={() => select(tab.id)}
              className={cx(
                '-mb-px border-b-4 px-4 py-2 font-bold',
                selected
                  ? 'border-link text-link'
                  : tab.disabled
                    ? 'border-transparent text-ink-disabled'
                    : 'border-transparent text-ink-secondary hover:text-link',
              )}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {active && (
        <div role="tabpanel" id={`${baseId}-panel-${active.id}`} aria-labelledby={`${baseId}-tab-${active.id}`} className="pt-4">
          {active.content}
        </div>
      )}
    </div>
  );
}
