'use client';

import { useCallback, useEffect, useState } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { Table, TableEmptyState } from '@/components/ui/table';
import { formatDuration, queryPreview } from '@/lib/athena-format';
import { formatBytes } from '@/lib/format';
import { stopQuery } from '@/server/actions/athena';
import type { QueryExecutionSummary } from '@/server/data/athena';
import type { Loaded } from './data-panel';
import { DownloadResultsButton } from './download-results-button';
import { QueryStateIndicator } from './query-status';

/** While something in the list is still running, the list refreshes itself this often. */
const REFRESH_WHILE_RUNNING_MS = 2000;

interface Props {
  workGroup: string;
  onOpen: (execution: QueryExecutionSummary) => void;
}

const isActive = (execution: QueryExecutionSummary) => execution.state === 'QUEUED' || execution.state === 'RUNNING';

/** The workgroup's query history: open a query in the editor, download its results, cancel one that runs. */
export function RecentQueries({ workGroup, onOpen }: Props) {
  const t = useT();
  const lang = useLang();
  const flash = useFlash();
  const [result, setResult] = useState<Loaded<QueryExecutionSummary[]> | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<QueryExecutionSummary[]>([]);
  const [stopping, setStopping] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const response = await fetch(`/api/athena/recent?workgroup=${encodeURIComponent(workGroup)}`, { cache: 'no-store' });
      setResult((await response.json()) as Loaded<QueryExecutionSummary[]>);
    } catch (error) {
      setResult({ ok: false, error: { code: 'NetworkError', message: String(error) } });
    } finally {
      setLoading(false);
    }
  }, [workGroup]);

  useEffect(() => {
    // The first load of the tab; later loads come from Refresh, Cancel and the running-query timer.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const anyActive = result?.ok ? result.data.some(isActive) : false;
  useEffect(() => {
    if (!anyActive) return;
    const timer = setTimeout(() => void load(), REFRESH_WHILE_RUNNING_MS);
    return () => clearTimeout(timer);
  }, [anyActive, result, load]);

  const items = result?.ok ? result.data : [];
  const chosen = selected.length === 1 ? (items.find((item) => item.id === selected[0].id) ?? null) : null;

  const cancel = async () => {
    if (!chosen) return;
    setStopping(true);
    const outcome = await stopQuery(chosen.id);
    setStopping(false);
    if (outcome.ok) flash.push({ type: 'success', content: t('athena.recent.cancelled', { id: chosen.id }) });
    else flash.push({ type: 'error', header: t('athena.recent.cancelFailed'), code: outcome.code, content: outcome.message });
    void load();
  };

  if (result && !result.ok) {
    return (
      <Alert type="error" header={t('athena.recent.loadFailed')} action={<Button onClick={() => void load()}>{t('common.refresh')}</Button>}>
        <AwsErrorText code={result.error.code} message={result.error.message} />
      </Alert>
    );
  }

  return (
    <Table
      items={items}
      loading={loading && result === null}
      loadingText={t('athena.recent.loading')}
      trackBy={(execution) => execution.id}
      itemLabel={(execution) => execution.id}
      ariaLabel={t('athena.recent.tableLabel')}
      selectionType="single"
      selectedItems={chosen ? [chosen] : []}
      onSelectionChange={setSelected}
      urlState={{ prefix: 'recent-' }}
      pageSize={25}
      filter={{ placeholder: t('athena.recent.filter'), text: (execution) => `${execution.id} ${execution.query} ${execution.state}` }}
      defaultSort={{ columnId: 'started', direction: 'desc' }}
      header={
        <Header
          counter={`(${items.length})`}
          description={t('athena.recent.description')}
          actions={
            <>
              <Button iconName="refresh" ariaLabel={t('common.refresh')} loading={loading && result !== null} onClick={() => void load()} />
              <Button disabled={!chosen || !isActive(chosen)} loading={stopping} onClick={() => void cancel()}>
                {t('athena.recent.cancel')}
              </Button>
              <DownloadResultsButton queryExecutionId={chosen?.state === 'SUCCEEDED' ? chosen.id : null} label={t('athena.results.download')} />
            </>
          }
        >
          {t('athena.recent.title')}
        </Header>
      }
      columns={[
        {
          id: 'id',
          header: t('athena.recent.colId'),
          isRowHeader: true,
          width: '9.5rem',
          minWidth: '9.5rem',
          cell: (execution) => (
            <Button variant="inline-link" onClick={() => onOpen(execution)} className="text-left font-mono text-[12px]" title={t('athena.recent.open')}>
              <span className="break-all whitespace-normal">{execution.id}</span>
            </Button>
          ),
        },
        {
          id: 'query',
          header: t('athena.recent.colQuery'),
          minWidth: '12rem',
          cell: (execution) => (
            <code className="font-mono text-[12px] break-all" title={execution.query}>
              {queryPreview(execution.query, 80)}
            </code>
          ),
        },
        {
          id: 'state',
          header: t('athena.recent.colStatus'),
          sortValue: (execution) => execution.state,
          cell: (execution) => (
            <span title={execution.stateChangeReason ?? undefined}>
              <QueryStateIndicator state={execution.state} />
            </span>
          ),
        },
        { id: 'started', header: t('athena.recent.colStarted'), sortValue: (execution) => execution.submittedAt, cell: (execution) => <DateTime iso={execution.submittedAt} /> },
        {
          id: 'runTime',
          header: t('athena.recent.colRunTime'),
          align: 'end',
          sortValue: (execution) => execution.statistics.engineMs ?? execution.statistics.totalMs,
          cell: (execution) => <span className="whitespace-nowrap tabular-nums">{formatDuration(execution.statistics.engineMs ?? execution.statistics.totalMs, lang)}</span>,
        },
        {
          id: 'scanned',
          header: t('athena.recent.colScanned'),
          align: 'end',
          sortValue: (execution) => execution.statistics.dataScannedBytes,
          cell: (execution) => (
            <span className="whitespace-nowrap tabular-nums">
              {execution.statistics.dataScannedBytes === null ? '-' : formatBytes(execution.statistics.dataScannedBytes, lang)}
            </span>
          ),
        },
      ]}
      empty={<TableEmptyState title={t('athena.recent.empty')} description={t('athena.recent.emptyDescription')} />}
    />
  );
}
