'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the page's server components (router.refresh) while `active`, first soon and then less
 * often, so a list of stacks shows CloudFormation's progress without the user reloading.
 */
export function useRefreshWhile(active: boolean, { firstDelayMs = 1000, maxDelayMs = 10_000 } = {}) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let delay = firstDelayMs;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      router.refresh();
      delay = Math.min(delay * 2, maxDelayMs);
      timer = setTimeout(tick, delay);
    };
    timer = setTimeout(tick, delay);
    return () => clearTimeout(timer);
  }, [active, router, firstDelayMs, maxDelayMs]);
}
