'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, useTransition } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Tabs } from '@/components/ui/tabs';
import { detectParameterContexts, type ParameterContext } from '@/lib/athena-parameters';
import { countSqlParameters } from '@/lib/sql-tokenizer';
import { saveQuery, startQuery, stopQuery } from '@/server/actions/athena';
import type { DataCatalogSummary, QueryExecutionSummary, ResultPage, SavedQuery, TableSummary } from '@/server/data/athena';
import { DataPanel, type Loaded } from './data-panel';
import { EditorPane, type RunState } from './editor-pane';
import { ExecutionWatcher } from './execution-watcher';
import { isSwitchingAwayFrom } from './workgroup-switch';
import { editorHref, type EditorView } from './links';
import { ParametersModal } from './parameters-modal';
import { isTerminal } from './query-status';
import { blankTab, MAX_QUERY_TABS, nextUntitled, useQueryTabs, type QueryTab, type QueryTabsState } from './query-tabs-store';
import { RecentQueries } from './recent-queries';
import { ResultLocationSetting, useClientResultLocation } from './result-location';
import { SavedQueries } from './saved-queries';
import { SaveQueryModal, type SaveQueryTarget } from './save-query-modal';

export interface QueryEditorProps {
  region: string;
  workGroup: string;
  /** The workgroup sets no query result location, so the browser must give one. */
  needsResultLocation: boolean;
  catalogs: Loaded<DataCatalogSummary[]>;
  catalog: string;
  databases: Loaded<string[]>;
  /** The database whose tables the server listed. */
  database: string | null;
  /** The URL named that database (a link wins over the tab's remembered database, once). */
  databaseFromUrl: boolean;
  tables: Loaded<TableSummary[]> | null;
  savedQueries: Loaded<SavedQuery[]>;
  initialView: EditorView;
}

interface PendingParameters {
  tabId: string;
  sql: string;
  catalog: string;
  database: string | null;
  contexts: ParameterContext[];
  initialValues: string[];
}

const noSubscription = () => () => {};
const PAGE_ROWS_FETCH = (id: string, token: string | null) =>
  `/api/athena/queries/${encodeURIComponent(id)}/results${token ? `?nextToken=${encodeURIComponent(token)}` : ''}`;

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The Athena query editor: workgroup-scoped query tabs with the SQL editor, the data panel, results,
 * and the Recent queries and Saved queries views. Queries start through a server action that returns
 * the execution id at once; their state is polled and their results fetched page by page.
 */
export function QueryEditor(props: QueryEditorProps) {
  const { region, workGroup, needsResultLocation, catalogs, catalog, databases, database, databaseFromUrl, tables, savedQueries, initialView } = props;
  const t = useT();
  const router = useRouter();
  const searchParams = useSearchParams();
  const flash = useFlash();
  const [navigating, startNavigation] = useTransition();
  const [view, setView] = useState<EditorView>(initialView);
  const [runs, setRuns] = useState<Record<string, RunState>>({});
  const [asking, setAsking] = useState<PendingParameters | null>(null);
  const [saving, setSaving] = useState<SaveQueryTarget | null>(null);
  const [savePending, startSave] = useTransition();
  const resultLoads = useRef(new Set<string>());
  const [clientLocation, saveClientLocation] = useClientResultLocation(region, workGroup);
  const outputLocation = needsResultLocation ? clientLocation : null;
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  const untitled = t('athena.tabs.untitled');
  const initialTabs = useCallback(
    (): QueryTabsState => {
      const first = { ...blankTab(`${untitled} 1`, catalog, database), id: 'tab-initial' };
      return { tabs: [first], activeId: first.id };
    },
    // The first tab is made once per workgroup; later prop changes must not replace it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workGroup],
  );
  const [tabsState, updateTabs] = useQueryTabs(region, workGroup, initialTabs);
  const activeTab = tabsState.tabs.find((tab) => tab.id === tabsState.activeId) ?? tabsState.tabs[0];

  const updateTab = useCallback(
    (id: string, change: Partial<QueryTab>) =>
      updateTabs((current) => ({ ...current, tabs: current.tabs.map((tab) => (tab.id === id ? { ...tab, ...change } : tab)) })),
    [updateTabs],
  );

  const navigate = useCallback(
    (changes: Parameters<typeof editorHref>[1]) => {
      if (isSwitchingAwayFrom(workGroup)) return;
      startNavigation(() => router.replace(editorHref(searchParams, changes), { scroll: false }));
    },
    [router, searchParams, workGroup],
  );

  // Keep the data panel on the active tab's database. A link naming a database wins once, on arrival.
  const arrivalHandled = useRef(false);
  useEffect(() => {
    if (!hydrated || navigating) return;
    const arriving = !arrivalHandled.current;
    arrivalHandled.current = true;
    const wanted = activeTab.database;
    if (wanted === database) return;
    if (!wanted || (arriving && databaseFromUrl)) {
      updateTab(activeTab.id, { database, catalog });
      return;
    }
    navigate({ database: wanted, catalog: activeTab.catalog === 'AwsDataCatalog' ? null : activeTab.catalog });
  }, [hydrated, navigating, activeTab.id, activeTab.database, activeTab.catalog, database, databaseFromUrl, catalog, navigate, updateTab]);

  /** Shows a view and records it in the URL (`?tab=`) without a server round trip. */
  const showView = useCallback((next: EditorView) => {
    setView(next);
    if (isSwitchingAwayFrom(workGroup)) return;
    const params = new URLSearchParams(window.location.search);
    if (next === 'editor') params.delete('tab');
    else params.set('tab', next);
    const query = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  }, [workGroup]);

  const columnTypes = useMemo(() => {
    const types: Record<string, string> = {};
    if (tables?.ok) for (const table of tables.data) for (const column of [...table.columns, ...table.partitionKeys]) types[column.name.toLowerCase()] ??= column.type;
    return types;
  }, [tables]);

  // ---- results and polling -------------------------------------------------------------------

  /** Fetches one results page into the tab's run, unless `fetched` (the first page, brought by the poll that saw SUCCEEDED) is at hand. */
  const loadResults = useCallback(async (tabId: string, executionId: string, token: string | null, fetched?: Loaded<ResultPage>) => {
    const key = `${executionId}:${token ?? ''}`;
    if (resultLoads.current.has(key)) return;
    resultLoads.current.add(key);
    const patch = (fn: (run: RunState) => RunState) =>
      setRuns((current) => {
        const run = current[tabId];
        return run && run.executionId === executionId ? { ...current, [tabId]: fn(run) } : current;
      });
    let body: Loaded<ResultPage>;
    if (fetched) {
      body = fetched;
    } else {
      patch((run) => ({ ...run, results: { columns: run.results?.columns ?? [], rows: run.results?.rows ?? [], nextToken: token, loading: true, error: null } }));
      try {
        body = await (await fetch(PAGE_ROWS_FETCH(executionId, token), { cache: 'no-store' })).json();
      } catch (error) {
        body = { ok: false, error: { code: 'NetworkError', message: String(error) } };
      }
    }
    if (!body.ok) resultLoads.current.delete(key);
    patch((run) => {
      const previous = run.results ?? { columns: [], rows: [], nextToken: null, loading: false, error: null };
      if (!body.ok) return { ...run, results: { ...previous, loading: false, error: body.error } };
      return {
        ...run,
        results: {
          columns: previous.columns.length > 0 ? previous.columns : body.data.columns,
          rows: token ? previous.rows.concat(body.data.rows) : body.data.rows,
          nextToken: body.data.nextToken,
          loading: false,
          error: null,
        },
      };
    });
  }, []);

  const onExecutionUpdate = useCallback(
    (tabId: string, executionId: string, result: Loaded<QueryExecutionSummary>, firstPage?: Loaded<ResultPage>) => {
      setRuns((current) => {
        const run = current[tabId] ?? { executionId, startedAt: Date.now(), state: null, execution: null, error: null, results: null, nonce: 0 };
        if (run.executionId !== executionId) return current;
        if (!result.ok) return { ...current, [tabId]: { ...run, error: result.error } };
        const submitted = result.data.submittedAt ? Date.parse(result.data.submittedAt) : NaN;
        return {
          ...current,
          [tabId]: { ...run, state: result.data.state, execution: result.data, startedAt: Number.isFinite(submitted) && run.state === null ? submitted : run.startedAt },
        };
      });
      if (result.ok && result.data.state === 'SUCCEEDED') void loadResults(tabId, executionId, null, firstPage?.ok ? firstPage : undefined);
    },
    [loadResults],
  );

  // ---- running --------------------------------------------------------------------------------

  const execute = useCallback(
    async (tabId: string, sql: string, runCatalog: string, runDatabase: string | null, parameters: string[]) => {
      setRuns((current) => ({
        ...current,
        [tabId]: { executionId: null, startedAt: Date.now(), state: 'QUEUED', execution: null, error: null, results: null, nonce: 0 },
      }));
      const result = await startQuery({ sql, workGroup, catalog: runCatalog, database: runDatabase, parameters, outputLocation });
      if (!result.ok) {
        setRuns((current) => ({ ...current, [tabId]: { ...current[tabId], state: null, error: { code: result.code, message: result.message } } }));
        return;
      }
      const executionId = result.data.queryExecutionId;
      setRuns((current) => ({ ...current, [tabId]: { ...current[tabId], executionId, state: 'QUEUED' } }));
      updateTab(tabId, { lastExecutionId: executionId });
    },
    [workGroup, outputLocation, updateTab],
  );

  const run = useCallback(
    (tab: QueryTab) => {
      const sql = tab.sql;
      if (!sql.trim()) return;
      const current = runs[tab.id];
      if (current && current.state !== null && !isTerminal(current.state) && !current.error) return;
      const runDatabase = tab.database ?? database;
      if (countSqlParameters(sql) > 0) {
        setAsking({ tabId: tab.id, sql, catalog: tab.catalog, database: runDatabase, contexts: detectParameterContexts(sql, columnTypes), initialValues: tab.parameters });
        return;
      }
      void execute(tab.id, sql, tab.catalog, runDatabase, []);
    },
    [runs, database, columnTypes, execute],
  );

  const cancel = async (tab: QueryTab) => {
    const executionId = runs[tab.id]?.executionId;
    if (!executionId) return;
    const result = await stopQuery(executionId);
    if (!result.ok) {
      flash.push({ type: 'error', header: t('athena.editor.cancelFailed'), code: result.code, content: result.message });
      return;
    }
    // Poll again right away rather than at the backed-off interval.
    setRuns((current) => (current[tab.id] ? { ...current, [tab.id]: { ...current[tab.id], nonce: current[tab.id].nonce + 1 } } : current));
  };

  // ---- tabs -----------------------------------------------------------------------------------

  /** Opens a new tab (or says why not) and returns it. */
  const openTab = (init: Partial<QueryTab>): QueryTab | null => {
    if (tabsState.tabs.length >= MAX_QUERY_TABS) {
      flash.push({ type: 'warning', content: t('athena.tabs.limit', { max: MAX_QUERY_TABS }) });
      return null;
    }
    const tab = { ...blankTab(nextUntitled(tabsState.tabs, untitled), catalog, database), ...init };
    updateTabs((current) => ({ tabs: [...current.tabs, tab], activeId: tab.id }));
    showView('editor');
    return tab;
  };

  const closeTab = (id: string) => {
    updateTabs((current) => {
      const index = current.tabs.findIndex((tab) => tab.id === id);
      const rest = current.tabs.filter((tab) => tab.id !== id);
      if (rest.length === 0) {
        const fresh = blankTab(`${untitled} 1`, catalog, database);
        return { tabs: [fresh], activeId: fresh.id };
      }
      const activeId = current.activeId === id ? rest[Math.max(0, index - 1)].id : current.activeId;
      return { tabs: rest, activeId };
    });
    setRuns((current) => {
      const next = { ...current };
      delete next[id];
      return next;
    });
  };

  const openSavedQuery = (query: SavedQuery, runNow: boolean) => {
    const tab = openTab({ title: query.name, sql: query.queryString, database: query.database || database, savedQuery: { id: query.id, name: query.name, description: query.description ?? '' } });
    if (tab && runNow) run(tab);
  };

  const openExecution = (execution: QueryExecutionSummary) => {
    openTab({ sql: execution.query, database: execution.database ?? database, catalog: execution.catalog ?? catalog, lastExecutionId: execution.id });
  };

  const previewTable = (table: string) => {
    const sql = `SELECT * FROM ${quoteIdentifier(database ?? '')}.${quoteIdentifier(table)} LIMIT 10;`;
    const tab = openTab({ title: table, sql });
    if (tab) void execute(tab.id, sql, catalog, database, []);
  };

  const save = (tab: QueryTab) => {
    if (!tab.savedQuery) {
      setSaving({ mode: 'save-as', name: '', description: '', sql: tab.sql, database: tab.database ?? database, workGroup });
      return;
    }
    const saved = tab.savedQuery;
    startSave(async () => {
      const form = new FormData();
      form.set('id', saved.id);
      form.set('name', saved.name);
      form.set('description', saved.description);
      form.set('sql', tab.sql);
      form.set('database', tab.database ?? database ?? '');
      form.set('workGroup', workGroup);
      const result = await saveQuery(null, form);
      if (result.ok) {
        flash.push({ type: 'success', content: result.message });
        router.refresh();
      } else {
        flash.push({ type: 'error', header: t('athena.save.failed'), code: result.code, content: result.message });
      }
    });
  };

  // ---- render ---------------------------------------------------------------------------------

  const restoring = activeTab.lastExecutionId && !runs[activeTab.id] ? activeTab.lastExecutionId : null;
  const watched = Object.entries(runs).filter(([, state]) => state.executionId && !state.error && (state.state === null || !isTerminal(state.state)));

  const editor = (
    <div className="flex flex-col gap-6 lg:flex-row">
      <aside className="w-full shrink-0 lg:w-72">
        <div className="rounded-2xl border border-line bg-white p-4 shadow-[0_1px_1px_rgba(0,7,22,0.1),0_0_1px_rgba(0,7,22,0.2)]">
          <DataPanel
            catalogs={catalogs}
            catalog={catalog}
            databases={databases}
            database={activeTab.database ?? database}
            tables={tables}
            loading={navigating}
            onCatalogChange={(next) => {
              updateTab(activeTab.id, { catalog: next, database: null });
              navigate({ catalog: next === 'AwsDataCatalog' ? null : next, database: null });
            }}
            onDatabaseChange={(next) => updateTab(activeTab.id, { database: next })}
            onPreview={previewTable}
          />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col gap-4">
        {needsResultLocation && <ResultLocationSetting key={clientLocation ?? ''} workGroup={workGroup} value={clientLocation} onSave={saveClientLocation} />}
        <EditorPane
          tabs={tabsState.tabs}
          activeTab={activeTab}
          run={runs[activeTab.id] ?? null}
          restoring={Boolean(restoring)}
          savePending={savePending}
          onSelectTab={(id) => updateTabs((current) => ({ ...current, activeId: id }))}
          onAddTab={() => openTab({})}
          onCloseTab={closeTab}
          onChangeSql={(sql) => updateTab(activeTab.id, { sql })}
          onRun={() => run(activeTab)}
          onCancel={() => void cancel(activeTab)}
          onSave={() => save(activeTab)}
          onSaveAs={() =>
            setSaving({
              mode: 'save-as',
              name: activeTab.savedQuery ? `${activeTab.savedQuery.name}` : '',
              description: activeTab.savedQuery?.description ?? '',
              sql: activeTab.sql,
              database: activeTab.database ?? database,
              workGroup,
            })
          }
          onClear={() => updateTab(activeTab.id, { sql: '' })}
          onLoadMore={() => {
            const current = runs[activeTab.id];
            if (current?.executionId && current.results?.nextToken) void loadResults(activeTab.id, current.executionId, current.results.nextToken);
          }}
        />
      </div>
    </div>
  );

  return (
    <>
      {watched.map(([tabId, state]) => (
        <ExecutionWatcher key={`${state.executionId}:${state.nonce}`} executionId={state.executionId!} onUpdate={(id, result, firstPage) => onExecutionUpdate(tabId, id, result, firstPage)} />
      ))}
      {restoring && <ExecutionWatcher key={`restore:${restoring}`} executionId={restoring} onUpdate={(id, result, firstPage) => onExecutionUpdate(activeTab.id, id, result, firstPage)} />}
      <Tabs
        ariaLabel={t('athena.views.label')}
        activeTabId={view}
        onChange={(next) => showView(next as EditorView)}
        tabs={[
          { id: 'editor', label: t('athena.views.editor'), content: editor },
          { id: 'recent', label: t('athena.views.recent'), content: <RecentQueries workGroup={workGroup} onOpen={openExecution} /> },
          { id: 'saved', label: t('athena.views.saved'), content: <SavedQueries workGroup={workGroup} savedQueries={savedQueries} onOpen={openSavedQuery} /> },
        ]}
      />
      <ParametersModal
        visible={Boolean(asking)}
        contexts={asking?.contexts ?? []}
        initialValues={asking?.initialValues ?? []}
        onDismiss={() => setAsking(null)}
        onRun={(values, parameters) => {
          if (!asking) return;
          updateTab(asking.tabId, { parameters: values });
          void execute(asking.tabId, asking.sql, asking.catalog, asking.database, parameters);
          setAsking(null);
        }}
      />
      <SaveQueryModal
        target={saving}
        onDismiss={() => setSaving(null)}
        onSaved={(result) => {
          setSaving(null);
          updateTab(activeTab.id, {
            title: result.data.name,
            savedQuery: { id: result.data.id, name: result.data.name, description: result.data.description },
          });
          flash.push({ type: 'success', content: result.message });
          router.refresh();
        }}
      />
    </>
  );
}
