'use client';

import { useId } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/class-names';
import { Header } from '@/components/ui/header';
import { Icon } from '@/components/ui/icon';
import { KeyValuePairs } from '@/components/ui/key-value-pairs';
import { Spinner } from '@/components/ui/spinner';
import { Tabs } from '@/components/ui/tabs';
import { formatDuration } from '@/lib/athena-format';
import { formatBytes, formatNumber } from '@/lib/format';
import type { QueryExecutionSummary, QueryState, ResultColumn } from '@/server/data/athena';
import { DownloadResultsButton } from './download-results-button';
import { isTerminal, QueryStatus } from './query-status';
import { MAX_QUERY_TABS, type QueryTab } from './query-tabs-store';
import { ResultsChart } from './results-chart';
import { ResultsTable } from './results-table';
import { SqlEditor } from './sql-editor';

export interface RunState {
  /** Null between Run and StartQueryExecution's answer. */
  executionId: string | null;
  /** When the query was submitted (ms since epoch), for the elapsed-time counter. */
  startedAt: number;
  /** Null while a remembered execution is looked up again. */
  state: QueryState | null;
  execution: QueryExecutionSummary | null;
  /** StartQueryExecution refused the query, or its state could not be read. */
  error: { code?: string; message: string } | null;
  results: {
    columns: ResultColumn[];
    rows: (string | null)[][];
    nextToken: string | null;
    loading: boolean;
    error: { code: string; message: string } | null;
  } | null;
  /** Bumped to restart polling at once (after Cancel). */
  nonce: number;
}

interface Props {
  tabs: QueryTab[];
  activeTab: QueryTab;
  run: RunState | null;
  restoring: boolean;
  savePending: boolean;
  onSelectTab: (id: string) => void;
  onAddTab: () => void;
  onCloseTab: (id: string) => void;
  onChangeSql: (sql: string) => void;
  onRun: () => void;
  onCancel: () => void;
  onSave: () => void;
  onSaveAs: () => void;
  onClear: () => void;
  onLoadMore: () => void;
}

/** The query tabs, the SQL editor with its buttons, the query's status, and its results. */
export function EditorPane({
  tabs,
  activeTab,
  run,
  restoring,
  savePending,
  onSelectTab,
  onAddTab,
  onCloseTab,
  onChangeSql,
  onRun,
  onCancel,
  onSave,
  onSaveAs,
  onClear,
  onLoadMore,
}: Props) {
  const t = useT();
  const editorId = useId();
  const hintId = useId();
  const active = run !== null && !run.error && (run.state === null || !isTerminal(run.state));

  return (
    <div className="flex flex-col gap-4">
      <div className="rounded-2xl border border-line bg-white shadow-[0_1px_1px_rgba(0,7,22,0.1),0_0_1px_rgba(0,7,22,0.2)]">
        <div className="flex items-end gap-1 overflow-x-auto border-b border-line px-3 pt-2">
          <div
            role="tablist"
            aria-label={t('athena.tabs.label')}
            className="flex items-end gap-1"
            onKeyDown={(event) => {
              // Arrow keys move between query tabs (WAI-ARIA tabs); only the selected tab is in the tab order.
              const index = tabs.findIndex((tab) => tab.id === activeTab.id);
              const next =
                event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length] : undefined;
              if (!next || (event.target as HTMLElement).getAttribute('role') !== 'tab') return;
              event.preventDefault();
              onSelectTab(next.id);
              requestAnimationFrame(() => document.getElementById(`${editorId}-tab-${next.id}`)?.focus());
            }}
          >
            {tabs.map((tab) => {
              const selected = tab.id === activeTab.id;
              return (
                <div
                  key={tab.id}
                  className={cx(
                    '-mb-px flex items-center rounded-t-lg border border-b-0',
                    selected ? 'border-line bg-white' : 'border-transparent bg-subtle hover:bg-[#ebebeb]',
                  )}
                >
                  <button
                    type="button"
                    role="tab"
                    id={`${editorId}-tab-${tab.id}`}
                    aria-selected={selected}
                    aria-controls={`${editorId}-panel`}
                    tabIndex={selected ? 0 : -1}
                    onClick={() => onSelectTab(tab.id)}
                    className={cx('max-w-[14rem] truncate py-1.5 pr-1 pl-3', selected ? 'font-bold text-link' : 'text-ink-secondary hover:text-ink')}
                    title={tab.title}
                  >
                    {tab.title}
                  </button>
                  <button
                    type="button"
                    aria-label={t('athena.tabs.close', { title: tab.title })}
                    onClick={() => onCloseTab(tab.id)}
                    className="mr-1 rounded-full p-1 text-ink-secondary hover:bg-line hover:text-ink"
                  >
                    <Icon name="close" size={12} />
                  </button>
                </div>
              );
            })}
          </div>
          <Button variant="icon" iconName="add" ariaLabel={t('athena.tabs.add')} onClick={onAddTab} disabled={tabs.length >= MAX_QUERY_TABS} className="mb-1" />
        </div>
        <div id={`${editorId}-panel`} role="tabpanel" aria-labelledby={`${editorId}-tab-${activeTab.id}`} className="flex flex-col gap-3 p-4">
          <SqlEditor
            value={activeTab.sql}
            onChange={onChangeSql}
            onRun={onRun}
            ariaLabel={t('athena.editor.sqlLabel', { title: activeTab.title })}
            describedBy={hintId}
            placeholder={t('athena.editor.placeholder')}
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary" onClick={onRun} disabled={active || !activeTab.sql.trim()}>
              {t('athena.editor.run')}
            </Button>
            <Button onClick={onCancel} disabled={!active || !run?.executionId}>
              {t('common.cancel')}
            </Button>
            <Button onClick={onSave} loading={savePending} disabled={!activeTab.sql.trim()}>
              {t('athena.editor.save')}
            </Button>
            <Button onClick={onSaveAs} disabled={!activeTab.sql.trim()}>
              {t('athena.editor.saveAs')}
            </Button>
            <Button variant="link" onClick={onClear} disabled={!activeTab.sql}>
              {t('athena.editor.clear')}
            </Button>
            <span id={hintId} className="ml-auto text-[12px] text-ink-secondary">
              {t('athena.editor.hint')}
            </span>
          </div>
          <div className="flex flex-wrap items-center gap-x-6 gap-y-1 text-[12px] text-ink-secondary">
            <span>
              {t('athena.editor.databaseContext')}: <b className="text-ink">{activeTab.database ?? '-'}</b>
            </span>
            {activeTab.savedQuery && (
              <span>
                {t('athena.editor.savedQuery')}: <b className="text-ink">{activeTab.savedQuery.name}</b>
              </span>
            )}
          </div>
          {run && run.state !== null && !run.error && <QueryStatus state={run.state} startedAt={run.startedAt} execution={run.execution} />}
          {restoring && !run && (
            <span className="inline-flex items-center gap-2 text-ink-secondary">
              <Spinner /> {t('athena.editor.restoring')}
            </span>
          )}
          {run?.error && (
            <Alert type="error" header={t('athena.editor.startFailed')}>
              <AwsErrorText code={run.error.code} message={run.error.message} />
            </Alert>
          )}
          {run?.state === 'FAILED' && (
            <Alert type="error" header={t('athena.editor.queryFailed')}>
              <span className="font-mono text-[12.5px] break-words whitespace-pre-wrap">{run.execution?.stateChangeReason ?? t('athena.editor.noReason')}</span>
            </Alert>
          )}
          {run?.state === 'CANCELLED' && <Alert type="info">{run.execution?.stateChangeReason ?? t('athena.editor.cancelled')}</Alert>}
        </div>
      </div>
      {run?.state === 'SUCCEEDED' && run.executionId && <ResultsPanel run={run} executionId={run.executionId} onLoadMore={onLoadMore} />}
    </div>
  );
}

function ResultsPanel({ run, executionId, onLoadMore }: { run: RunState; executionId: string; onLoadMore: () => void }) {
  const t = useT();
  const lang = useLang();
  const headingId = useId();
  const results = run.results;
  const stats = run.execution?.statistics;
  const rowsLoaded = results?.rows.length ?? 0;
  const counter = results ? `(${formatNumber(rowsLoaded, lang)}${results.nextToken ? '+' : ''})` : undefined;

  let body: React.ReactNode;
  if (!results || (results.loading && results.rows.length === 0 && results.columns.length === 0)) {
    body = (
      <span className="inline-flex items-center gap-2 text-ink-secondary">
        <Spinner /> {t('athena.results.loading')}
      </span>
    );
  } else if (results.error && results.rows.length === 0) {
    body = (
      <Alert type="error" header={t('athena.results.loadFailed')}>
        <AwsErrorText code={results.error.code} message={results.error.message} />
      </Alert>
    );
  } else if (results.columns.length === 0 || (results.rows.length === 0 && !results.nextToken)) {
    body = <p className="text-ink-secondary">{results.columns.length === 0 ? t('athena.results.statementDone') : t('athena.results.noRows')}</p>;
  } else {
    body = (
      <Tabs
        ariaLabel={t('athena.results.viewsLabel')}
        tabs={[
          {
            id: 'table',
            label: t('athena.results.table'),
            content: (
              <>
                {results.error && (
                  <div className="mb-2">
                    <Alert type="error">
                      <AwsErrorText code={results.error.code} message={results.error.message} />
                    </Alert>
                  </div>
                )}
                <ResultsTable
                  columns={results.columns}
                  rows={results.rows}
                  ariaLabel={t('athena.results.tableLabel')}
                  hasMore={Boolean(results.nextToken) && !results.error}
                  loadingMore={results.loading}
                  onLoadMore={onLoadMore}
                />
              </>
            ),
          },
          { id: 'chart', label: t('athena.results.chart'), content: <ResultsChart columns={results.columns} rows={results.rows} /> },
          {
            id: 'stats',
            label: t('athena.results.stats'),
            content: (
              <KeyValuePairs
                columns={3}
                items={[
                  { label: t('athena.status.queueTime'), value: formatDuration(stats?.queueMs, lang) },
                  { label: t('athena.stats.planning'), value: formatDuration(stats?.planningMs, lang) },
                  { label: t('athena.status.runTime'), value: formatDuration(stats?.engineMs, lang) },
                  { label: t('athena.stats.service'), value: formatDuration(stats?.serviceMs, lang) },
                  { label: t('athena.stats.total'), value: formatDuration(stats?.totalMs, lang) },
                  { label: t('athena.status.dataScanned'), value: stats?.dataScannedBytes == null ? '-' : formatBytes(stats.dataScannedBytes, lang) },
                  { label: t('athena.stats.executionId'), value: <span className="font-mono text-[12px] break-all">{executionId}</span> },
                  { label: t('athena.stats.outputLocation'), value: <span className="break-all">{run.execution?.outputLocation ?? '-'}</span> },
                ]}
              />
            ),
          },
        ]}
      />
    );
  }

  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-line bg-white px-5 pt-4 pb-5 shadow-[0_1px_1px_rgba(0,7,22,0.1),0_0_1px_rgba(0,7,22,0.2)]">
      <div className="mb-3">
        <Header headingId={headingId} counter={counter} actions={<DownloadResultsButton queryExecutionId={executionId} label={t('athena.results.download')} />}>
          {t('athena.results.title')}
        </Header>
      </div>
      {body}
    </section>
  );
}
