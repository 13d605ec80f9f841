'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useHasMessage, useT } from '@/components/i18n/i18n-provider';
import { Flashbar, type FlashItem } from '@/components/ui/flashbar';
import { FLASH_PARAM, readUrlFlash, withoutUrlFlash } from '@/lib/flash-url';

interface StoredFlash extends FlashItem {
  /** Notices belong to the page they were raised on and are not carried to other pages. */
  path: string;
}

export type FlashInput = Omit<FlashItem, 'id'> & { id?: string };

interface FlashApi {
  /** Shows a notice on the current page; returns its id (pass the same id to replace it). */
  push: (item: FlashInput) => string;
  dismiss: (id: string) => void;
}

const FlashContext = createContext<FlashApi | null>(null);
const FlashItemsContext = createContext<FlashItem[]>([]);

let counter = 0;

export function FlashProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [items, setItems] = useState<StoredFlash[]>([]);

  const push = useCallback(
    (input: FlashInput) => {
      counter += 1;
      const id = input.id ?? `flash-${counter}`;
      const path = window.location.pathname;
      setItems((current) => {
        const kept = current.filter((item) => item.id !== id && item.path === path);
        return [{ dismissible: true, ...input, id, path }, ...kept];
      });
      return id;
    },
    [],
  );

  const dismiss = useCallback((id: string) => setItems((current) => current.filter((item) => item.id !== id)), []);
  const api = useMemo(() => ({ push, dismiss }), [push, dismiss]);
  const visible = items.filter((item) => item.path === pathname);

  return (
    <FlashContext.Provider value={api}>
      <FlashItemsContext.Provider value={visible}>
        <UrlFlashReader push={push} />
        {children}
      </FlashItemsContext.Provider>
    </FlashContext.Provider>
  );
}

/** Where the notices appear: the top of the content area, above the breadcrumbs. */
export function FlashRegion() {
  const items = useContext(FlashItemsContext);
  const { dismiss } = useFlash();
  return <Flashbar items={items} onDismiss={dismiss} />;
}

/** Turns a `?flash=…` URL notice into a flash once, then removes it from the address bar. */
function UrlFlashReader({ push }: { push: FlashApi['push'] }) {
  const t = useT();
  const hasMessage = useHasMessage();
  const searchParams = useSearchParams();
  const raw = searchParams.get(FLASH_PARAM);
  useEffect(() => {
    if (!raw) return;
    const params = new URLSearchParams(window.location.search);
    const flash = readUrlFlash(params, hasMessage);
    if (flash) push({ id: `url-${raw}`, type: flash.type, content: t(flash.key, flash.vars) });
    const rest = withoutUrlFlash(params).toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  }, [raw, push, t, hasMessage]);
  return null;
}

export function useFlash(): FlashApi {
  const api = useContext(FlashContext);
  if (!api) throw new Error('useFlash() needs the <FlashProvider> of the console layout.');
  return api;
}
