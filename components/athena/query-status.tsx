'use client';

import { useEffect, useState } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { StatusIndicator, type StatusType } from '@/components/ui/status-indicator';
import { formatDuration, formatElapsed } from '@/lib/athena-format';
import { formatBytes } from '@/lib/format';
import type { MessageKey } from '@/lib/i18n/translate';
import type { QueryExecutionSummary, QueryState } from '@/server/data/athena';

const STATES: Record<QueryState, { type: StatusType; label: MessageKey }> = {
  QUEUED: { type: 'pending', label: 'athena.state.queued' },
  RUNNING: { type: 'loading', label: 'athena.state.running' },
  SUCCEEDED: { type: 'success', label: 'athena.state.succeeded' },
  FAILED: { type: 'error', label: 'athena.state.failed' },
  CANCELLED: { type: 'stopped', label: 'athena.state.cancelled' },
};

export function isTerminal(state: QueryState): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}

export function QueryStateIndicator({ state }: { state: QueryState }) {
  const t = useT();
  const style = STATES[state] ?? STATES.QUEUED;
  return <StatusIndicator type={style.type}>{t(style.label)}</StatusIndicator>;
}

/** Ticks every 100 ms while `running`, for the elapsed-time counter. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <span className="whitespace-nowrap">
      <span className="text-ink-secondary">{label}: </span>
      <span className="tabular-nums">{value}</span>
    </span>
  );
}

/**
 * The line under the editor: the query's state, the elapsed time while it is queued or running,
 * then time in queue, run time and data scanned once it has finished.
 */
export function QueryStatus({ state, startedAt, execution }: { state: QueryState; startedAt: number; execution: QueryExecutionSummary | null }) {
  const t = useT();
  const lang = useLang();
  const running = !isTerminal(state);
  const now = useNow(running);
  const stats = execution?.statistics;
  return (
    // Only the state is a live region: the ticking elapsed time must not be read out ten times a second.
    <div role="group" aria-label={t('athena.editor.statusLabel')} className="flex flex-wrap items-center gap-x-6 gap-y-1">
      <span role="status">
        <QueryStateIndicator state={state} />
      </span>
      {running ? (
        <Stat label={t('athena.status.elapsed')} value={formatElapsed(now - startedAt, lang)} />
      ) : (
        <>
          <Stat label={t('athena.status.queueTime')} value={formatDuration(stats?.queueMs, lang)} />
          <Stat label={t('athena.status.runTime')} value={formatDuration(stats?.engineMs ?? stats?.totalMs, lang)} />
          <Stat label={t('athena.status.dataScanned')} value={stats?.dataScannedBytes === null || stats?.dataScannedBytes === undefined ? '-' : formatBytes(stats.dataScannedBytes, lang)} />
        </>
      )}
    </div>
  );
}
