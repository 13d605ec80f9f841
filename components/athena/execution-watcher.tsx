'use client';

import { useEffect, useRef } from 'react';
import type { QueryExecutionSummary, ResultPage } from '@/server/data/athena';
import type { Loaded } from './data-panel';
import { isTerminal } from './query-status';

/** How long one poll may wait on the server for news (the route caps it too). */
const POLL_WAIT_MS = 2000;
/** A pause between polls once a query has run a while, so a long query is not watched at full rate. */
const SLOW_AFTER_MS = 30_000;
const SLOW_PAUSE_MS = 1000;

/**
 * Watches one query execution until it finishes. Each poll is a GET that the server holds until the
 * state changes or two seconds pass, so a finished query is seen within one short server-side
 * interval rather than a browser back-off step; the poll that sees SUCCEEDED brings the first
 * results page with it. Renders nothing. A GET route, so polling never waits behind (or holds up)
 * the page's server actions.
 */
export function ExecutionWatcher({
  executionId,
  onUpdate,
}: {
  executionId: string;
  onUpdate: (executionId: string, result: Loaded<QueryExecutionSummary>, firstPage?: Loaded<ResultPage>) => void;
}) {
  const onUpdateRef = useRef(onUpdate);
  useEffect(() => {
    onUpdateRef.current = onUpdate;
  });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const started = Date.now();
    let known = '';
    const poll = async () => {
      let result: Loaded<QueryExecutionSummary> & { firstPage?: Loaded<ResultPage> };
      try {
        const query = new URLSearchParams({ wait: String(POLL_WAIT_MS), firstPage: '1', ...(known ? { state: known } : {}) });
        const response = await fetch(`/api/athena/queries/${encodeURIComponent(executionId)}?${query}`, { cache: 'no-store', signal: controller.signal });
        result = (await response.json()) as typeof result;
      } catch (error) {
        if (stopped) return;
        result = { ok: false, error: { code: 'NetworkError', message: String(error) } };
      }
      if (stopped) return;
      const { firstPage, ...execution } = result;
      onUpdateRef.current(executionId, execution as Loaded<QueryExecutionSummary>, firstPage);
      if (!result.ok || isTerminal(result.data.state)) return;
      known = result.data.state;
      timer = setTimeout(poll, Date.now() - started > SLOW_AFTER_MS ? SLOW_PAUSE_MS : 0);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [executionId]);

  return null;
}
