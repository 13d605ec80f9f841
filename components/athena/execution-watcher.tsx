'use client';

import { useEffect, useRef } from 'react';
import type { QueryExecutionSummary } from '@/server/data/athena';
import type { Loaded } from './data-panel';
import { isTerminal } from './query-status';

const FIRST_POLL_MS = 150;
const MAX_POLL_MS = 2000;
const BACKOFF = 1.5;

/**
 * Polls one query execution until it finishes: a short first delay so fast queries show at once,
 * then backing off to every two seconds. Renders nothing. Uses a GET route, so polling never waits
 * behind (or holds up) the page's server actions.
 */
export function ExecutionWatcher({
  executionId,
  onUpdate,
}: {
  executionId: string;
  onUpdate: (executionId: string, result: Loaded<QueryExecutionSummary>) => void;
}) {
  const onUpdateRef = useRef(onUpdate);
  useEffect(() => {
    onUpdateRef.current = onUpdate;
  });

  useEffect(() => {
    let stopped = false;
    let delay = FIRST_POLL_MS;
    let timer: ReturnType<typeof setTimeout>;
    const controller = new AbortController();
    const poll = async () => {
      let result: Loaded<QueryExecutionSummary>;
      try {
        const response = await fetch(`/api/athena/queries/${encodeURIComponent(executionId)}`, { cache: 'no-store', signal: controller.signal });
        result = (await response.json()) as Loaded<QueryExecutionSummary>;
      } catch (error) {
        if (stopped) return;
        result = { ok: false, error: { code: 'NetworkError', message: String(error) } };
      }
      if (stopped) return;
      onUpdateRef.current(executionId, result);
      if (!result.ok || isTerminal(result.data.state)) return;
      delay = Math.min(MAX_POLL_MS, delay * BACKOFF);
      timer = setTimeout(poll, delay);
    };
    timer = setTimeout(poll, FIRST_POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [executionId]);

  return null;
}
