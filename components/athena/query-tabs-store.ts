'use client';

import { useCallback, useState, useSyncExternalStore } from 'react';

/**
 * The editor's query tabs, kept in localStorage per Region and workgroup (as the Athena console
 * keeps up to ten tabs per workgroup), so a reload or a return to the workgroup finds them again.
 */

export const MAX_QUERY_TABS = 10;

export interface QueryTab {
  id: string;
  title: string;
  sql: string;
  catalog: string;
  database: string | null;
  /** The saved query this tab edits, so Save updates it instead of creating another. */
  savedQuery: { id: string; name: string; description: string } | null;
  /** What the user last typed in the Enter parameters dialog, one per `?`. */
  parameters: string[];
  /** The last query run from this tab, to show its results again after a reload. */
  lastExecutionId: string | null;
}

export interface QueryTabsState {
  tabs: QueryTab[];
  activeId: string;
}

type Listener = () => void;

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `tab-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function blankTab(title: string, catalog: string, database: string | null): QueryTab {
  return { id: newId(), title, sql: '', catalog, database, savedQuery: null, parameters: [], lastExecutionId: null };
}

/** "Query 3": the lowest number not already used by an untitled tab. */
export function nextUntitled(tabs: readonly QueryTab[], word: string): string {
  const used = new Set(tabs.map((tab) => tab.title));
  for (let n = 1; ; n += 1) if (!used.has(`${word} ${n}`)) return `${word} ${n}`;
}

function isTab(value: unknown): value is QueryTab {
  const tab = value as QueryTab;
  return Boolean(tab) && typeof tab.id === 'string' && typeof tab.title === 'string' && typeof tab.sql === 'string';
}

function parse(raw: string | null): QueryTabsState | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as QueryTabsState;
    const tabs = Array.isArray(value.tabs)
      ? value.tabs.filter(isTab).map((tab) => ({
          ...tab,
          catalog: tab.catalog || 'AwsDataCatalog',
          database: tab.database ?? null,
          savedQuery: tab.savedQuery ?? null,
          parameters: Array.isArray(tab.parameters) ? tab.parameters.map(String) : [],
          lastExecutionId: tab.lastExecutionId ?? null,
        }))
      : [];
    if (tabs.length === 0) return null;
    return { tabs: tabs.slice(0, MAX_QUERY_TABS), activeId: tabs.some((tab) => tab.id === value.activeId) ? value.activeId : tabs[0].id };
  } catch {
    return null;
  }
}

class TabsStore {
  private state: QueryTabsState | null = null;
  private listeners = new Set<Listener>();

  constructor(
    private readonly key: string,
    private readonly fallback: () => QueryTabsState,
  ) {}

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key !== this.key) return;
      this.state = parse(event.newValue) ?? this.fallback();
      listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      this.listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  };

  get = (): QueryTabsState => {
    if (!this.state) {
      let stored: string | null = null;
      try {
        stored = window.localStorage.getItem(this.key);
      } catch {
        // Storage can be off (private mode, policy); the tabs then last as long as the page.
      }
      this.state = parse(stored) ?? this.fallback();
    }
    return this.state;
  };

  set = (next: QueryTabsState) => {
    this.state = next;
    try {
      window.localStorage.setItem(this.key, JSON.stringify(next));
    } catch {
      // See get(): without storage the tabs still work for this page.
    }
    for (const listener of this.listeners) listener();
  };
}

const stores = new Map<string, TabsStore>();

function storeFor(key: string, fallback: () => QueryTabsState): TabsStore {
  // The server renders the fallback snapshot and keeps no stores (one module serves every request).
  if (typeof window === 'undefined') return new TabsStore(key, fallback);
  let store = stores.get(key);
  if (!store) {
    store = new TabsStore(key, fallback);
    stores.set(key, store);
  }
  return store;
}

/**
 * The tabs of one workgroup and a setter that takes an updater. The server renders (and the
 * browser hydrates) a single blank tab; the stored tabs appear right after hydration.
 */
export function useQueryTabs(region: string, workGroup: string, initial: () => QueryTabsState) {
  const key = `athena:query-tabs:${region}:${workGroup}`;
  const store = storeFor(key, initial);
  // Per component, never per module: on the server one module serves every request (and language).
  const [serverSnapshot] = useState(initial);
  const state = useSyncExternalStore(store.subscribe, store.get, () => serverSnapshot);
  const update = useCallback((updater: (current: QueryTabsState) => QueryTabsState) => store.set(updater(store.get())), [store]);
  return [state, update] as const;
}
