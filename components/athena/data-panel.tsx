'use client';

import { useId, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/class-names';
import { Icon } from '@/components/ui/icon';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import type { ColumnSummary, DataCatalogSummary, TableSummary } from '@/server/data/athena';
import type { AwsErrorInfo } from '@/server/aws/errors';

export type Loaded<T> = { ok: true; data: T } | { ok: false; error: AwsErrorInfo };

interface Props {
  catalogs: Loaded<DataCatalogSummary[]>;
  catalog: string;
  databases: Loaded<string[]>;
  database: string | null;
  tables: Loaded<TableSummary[]> | null;
  /** A database switch is on its way from the server. */
  loading: boolean;
  onCatalogChange: (catalog: string) => void;
  onDatabaseChange: (database: string) => void;
  /** Opens `SELECT * … LIMIT 10` for a table in a new tab and runs it. */
  onPreview: (table: string) => void;
}

function ColumnList({ columns, partition }: { columns: ColumnSummary[]; partition?: boolean }) {
  const t = useT();
  return (
    <>
      {columns.map((column) => (
        <li key={`${partition ? 'p' : 'c'}-${column.name}`} className="flex items-baseline justify-between gap-3 py-0.5 pr-2 pl-9">
          <span className="min-w-0 break-all">
            {column.name}
            {partition && <span className="ml-1 text-[12px] text-ink-secondary">({t('athena.data.partitioned')})</span>}
          </span>
          <span className="shrink-0 font-mono text-[12px] text-ink-secondary">{column.type}</span>
        </li>
      ))}
    </>
  );
}

/** The editor's left panel: data source, database, and the database's tables with their columns. */
export function DataPanel({ catalogs, catalog, databases, database, tables, loading, onCatalogChange, onDatabaseChange, onPreview }: Props) {
  const t = useT();
  const catalogId = useId();
  const databaseId = useId();
  const filterId = useId();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');

  const toggle = (name: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  const catalogOptions = catalogs.ok ? catalogs.data.map((c) => ({ value: c.name, label: c.name })) : [{ value: catalog, label: catalog }];
  const databaseOptions = databases.ok ? databases.data.map((name) => ({ value: name, label: name })) : [];
  const shown = tables?.ok ? tables.data.filter((table) => table.name.toLowerCase().includes(filter.trim().toLowerCase())) : [];

  return (
    <nav aria-label={t('athena.data.label')} className="flex flex-col gap-4">
      <h2 className="text-[16px] leading-5 font-bold">{t('athena.data.title')}</h2>
      <div className="flex flex-col gap-1">
        <label htmlFor={catalogId} className="font-bold">
          {t('athena.data.source')}
        </label>
        <Select id={catalogId} value={catalog} options={catalogOptions} onChange={(event) => onCatalogChange(event.target.value)} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={databaseId} className="font-bold">
          {t('athena.data.database')}
        </label>
        {databases.ok ? (
          databaseOptions.length > 0 ? (
            <Select id={databaseId} value={database ?? ''} options={databaseOptions} onChange={(event) => onDatabaseChange(event.target.value)} />
          ) : (
            <p className="text-ink-secondary">{t('athena.data.noDatabases')}</p>
          )
        ) : (
          <Alert type="error">
            <AwsErrorText code={databases.error.code} message={databases.error.message} />
          </Alert>
        )}
      </div>
      <section aria-labelledby={`${filterId}-heading`} className="flex flex-col gap-2">
        <div className="flex items-center justify-between">
          <h3 id={`${filterId}-heading`} className="font-bold">
            {t('athena.data.tables')}
            {tables?.ok && <span className="ml-1 font-normal text-ink-secondary">({tables.data.length})</span>}
          </h3>
          {loading && <Spinner />}
        </div>
        {tables?.ok && tables.data.length > 0 && (
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder={t('athena.data.filterTables')}
            aria-label={t('athena.data.filterTables')}
            className="w-full rounded-lg border-2 border-input-line px-3 py-[3px] placeholder:text-ink-disabled placeholder:italic focus:border-focus focus:ring-2 focus:ring-focus/30 focus:outline-none"
          />
        )}
        {tables === null ? null : !tables.ok ? (
          <Alert type="error">
            <AwsErrorText code={tables.error.code} message={tables.error.message} />
          </Alert>
        ) : tables.data.length === 0 ? (
          <p className="text-ink-secondary">{t('athena.data.noTables')}</p>
        ) : (
          <ul className={cx('flex flex-col', loading && 'opacity-60')} aria-busy={loading || undefined}>
            {shown.map((table) => {
              const open = expanded.has(table.name);
              const listId = `${filterId}-${table.name}`;
              return (
                <li key={table.name} className="border-b border-line last:border-b-0">
                  <div className="flex items-center gap-1">
                    <button
                      type="button"
                      aria-expanded={open}
                      aria-controls={listId}
                      onClick={() => toggle(table.name)}
                      className="flex min-w-0 flex-1 items-center gap-1.5 rounded py-1 text-left hover:text-link"
                    >
                      <Icon name={open ? 'caret-down' : 'angle-right'} size={open ? 16 : 12} className={cx('shrink-0', !open && 'mx-0.5')} />
                      <span className="min-w-0 font-bold break-all">{table.name}</span>
                    </button>
                    <Button variant="icon" iconName="search" ariaLabel={t('athena.data.preview', { table: table.name })} title={t('athena.data.previewShort')} onClick={() => onPreview(table.name)} />
                  </div>
                  {open && (
                    <ul id={listId} aria-label={t('athena.data.columnsOf', { table: table.name })} className="pb-2">
                      <ColumnList columns={table.columns} />
                      <ColumnList columns={table.partitionKeys} partition />
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </nav>
  );
}
