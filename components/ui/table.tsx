'use client';

import { useSearchParams } from 'next/navigation';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from './button';
import { cx } from './class-names';
import { Icon } from './icon';
import { Pagination } from './pagination';
import { Spinner } from './spinner';
import { TextFilter } from './text-filter';

export type SortValue = string | number | null | undefined;

export interface TableColumn<T> {
  id: string;
  header: string;
  cell: (item: T) => ReactNode;
  /** The value the column sorts by (and, by default, filters on). */
  sortValue?: (item: T) => SortValue;
  /** Defaults to true when the column has a sortValue. */
  sortable?: boolean;
  /** The cell names the row (rendered as a row header); usually the name column. */
  isRowHeader?: boolean;
  align?: 'start' | 'end';
  width?: string;
  /** Keeps a column readable on narrow screens (the table scrolls sideways instead); row headers default to 12rem. */
  minWidth?: string;
}

export type SortDirection = 'asc' | 'desc';

export interface TableProps<T> {
  items: readonly T[];
  columns: TableColumn<T>[];
  trackBy: (item: T) => string;
  /** The table's accessible name. */
  ariaLabel: string;
  /** Usually a <Header variant="h2"> with counter and actions. */
  header?: ReactNode;
  filter?: {
    placeholder: string;
    ariaLabel?: string;
    /** The text an item is matched against; defaults to its columns' sort values. */
    text?: (item: T) => string;
    /** More filter controls beside the text filter, e.g. a status select (Cloudscape collection-select-filter). */
    controls?: ReactNode;
  };
  selectionType?: 'single' | 'multi';
  selectedItems?: readonly T[];
  onSelectionChange?: (items: T[]) => void;
  /** Names the row in its selection control ("Select my-bucket"); defaults to trackBy. */
  itemLabel?: (item: T) => string;
  /** What to show when there are no items at all (not when a filter hides them). */
  empty: ReactNode;
  pageSize?: number;
  defaultSort?: { columnId: string; direction?: SortDirection };
  /**
   * Keep filter, sort and page in the URL (`filter`, `sort=col` / `sort=col:desc`, `page`) so the
   * view can be linked and reloaded. A prefix keeps two tables on one page apart.
   */
  urlState?: boolean | { prefix: string };
  loading?: boolean;
  loadingText?: string;
  /** "container" draws the card; "embedded" is for tables already inside one. */
  variant?: 'container' | 'embedded';
}

interface ViewState {
  filter: string;
  sort: { columnId: string; direction: SortDirection } | null;
  page: number;
}

function compare(a: SortValue, b: SortValue): number {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

function paramNames(urlState: TableProps<unknown>['urlState']) {
  const prefix = typeof urlState === 'object' ? urlState.prefix : '';
  return { filter: `${prefix}filter`, sort: `${prefix}sort`, page: `${prefix}page` };
}

/** Writes the view into the URL in place (history.replaceState keeps Next's router in sync, no server round trip). */
function writeUrl(names: ReturnType<typeof paramNames>, state: ViewState, defaultSort: ViewState['sort']) {
  const params = new URLSearchParams(window.location.search);
  const set = (name: string, value: string | null) => (value ? params.set(name, value) : params.delete(name));
  set(names.filter, state.filter || null);
  const sortIsDefault =
    state.sort?.columnId === defaultSort?.columnId && (state.sort?.direction ?? 'asc') === (defaultSort?.direction ?? 'asc');
  set(names.sort, state.sort && !sortIsDefault ? `${state.sort.columnId}${state.sort.direction === 'desc' ? ':desc' : ''}` : null);
  set(names.page, state.page > 1 ? String(state.page) : null);
  const query = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
}

/**
 * A collection table with the Cloudscape behaviour: text filter with a match counter, sortable
 * headers (aria-sort), pagination, single or multi selection, and distinct empty and no-match states.
 */
export function Table<T>({
  items,
  columns,
  trackBy,
  ariaLabel,
  header,
  filter,
  selectionType,
  selectedItems = [],
  onSelectionChange,
  itemLabel,
  empty,
  pageSize = 20,
  defaultSort,
  urlState,
  loading,
  loadingText,
  variant = 'container',
}: TableProps<T>) {
  const t = useT();
  const searchParams = useSearchParams();
  const radioName = useId();
  const names = paramNames(urlState);
  const initialSort = defaultSort ? { columnId: defaultSort.columnId, direction: defaultSort.direction ?? 'asc' } : null;

  const [view, setView] = useState<ViewState>(() => {
    if (!urlState) return { filter: '', sort: initialSort, page: 1 };
    const sortParam = searchParams.get(names.sort);
    const [sortColumn, sortDirection] = sortParam ? sortParam.split(':') : [];
    const page = Number(searchParams.get(names.page));
    return {
      filter: searchParams.get(names.filter) ?? '',
      sort: sortColumn && columns.some((c) => c.id === sortColumn) ? { columnId: sortColumn, direction: sortDirection === 'desc' ? 'desc' : 'asc' } : initialSort,
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  });

  const update = (next: Partial<ViewState>) => {
    const state = { ...view, ...next };
    setView(state);
    if (urlState) writeUrl(names, state, initialSort);
  };

  const filterText = useMemo(() => {
    if (filter?.text) return filter.text;
    return (item: T) =>
      columns
        .map((column) => column.sortValue?.(item))
        .filter((value) => value !== null && value !== undefined)
        .join(' ');
  }, [filter, columns]);

  const filtered = useMemo(() => {
    const needle = view.filter.trim().toLowerCase();
    if (!needle) return items;
    return items.filter((item) => filterText(item).toLowerCase().includes(needle));
  }, [items, view.filter, filterText]);

  const sorted = useMemo(() => {
    const column = view.sort && columns.find((c) => c.id === view.sort!.columnId);
    if (!column?.sortValue) return filtered;
    const factor = view.sort!.direction === 'desc' ? -1 : 1;
    const value = column.sortValue;
    return [...filtered].sort((a, b) => factor * compare(value(a), value(b)));
  }, [filtered, view.sort, columns]);

  const pageCount = Math.max(1, Math.ceil(sorted.length / pageSize));
  const currentPage = Math.min(view.page, pageCount);
  const pageItems = sorted.slice((currentPage - 1) * pageSize, currentPage * pageSize);

  const selectedIds = new Set(selectedItems.map(trackBy));
  const pageSelectedCount = pageItems.filter((item) => selectedIds.has(trackBy(item))).length;
  const label = (item: T) => (itemLabel ? itemLabel(item) : trackBy(item));

  const toggle = (item: T, checked: boolean) => {
    if (!onSelectionChange) return;
    if (selectionType === 'single') {
      onSelectionChange(checked ? [item] : []);
      return;
    }
    const id = trackBy(item);
    const rest = selectedItems.filter((selected) => trackBy(selected) !== id);
    onSelectionChange(checked ? [...rest, item] : rest);
  };

  const toggleAllOnPage = (checked: boolean) => {
    if (!onSelectionChange) return;
    const pageIds = new Set(pageItems.map(trackBy));
    const others = selectedItems.filter((selected) => !pageIds.has(trackBy(selected)));
    onSelectionChange(checked ? [...others, ...pageItems] : others);
  };

  const onSort = (column: TableColumn<T>) => {
    const direction: SortDirection = view.sort?.columnId === column.id && view.sort.direction === 'asc' ? 'desc' : 'asc';
    update({ sort: { columnId: column.id, direction }, page: 1 });
  };

  const colSpan = columns.length + (selectionType ? 1 : 0);
  const showTools = Boolean(filter) || pageCount > 1;

  let body: ReactNode;
  if (loading) {
    body = (
      <tr>
        <td colSpan={colSpan} className="px-4 py-8 text-center text-ink-secondary">
          <span className="inline-flex items-center gap-2">
            <Spinner /> {loadingText ?? t('table.loading')}
          </span>
        </td>
      </tr>
    );
  } else if (items.length === 0) {
    body = (
      <tr>
        <td colSpan={colSpan} className="px-4 py-8 text-center">
          {empty}
        </td>
      </tr>
    );
  } else if (sorted.length === 0) {
    body = (
      <tr>
        <td colSpan={colSpan} className="px-4 py-8 text-center">
          <TableEmptyState
            title={t('table.noMatchTitle')}
            description={t('table.noMatchDescription')}
            action={<Button onClick={() => update({ filter: '', page: 1 })}>{t('table.clearFilter')}</Button>}
          />
        </td>
      </tr>
    );
  } else {
    body = pageItems.map((item) => {
      const id = trackBy(item);
      const selected = selectedIds.has(id);
      return (
        <tr key={id} className={cx('border-b border-line last:border-b-0', selected ? 'bg-selected' : 'hover:bg-[#f9f9fa]')}>
          {selectionType && (
            <td className="w-10 py-2 pr-0 pl-4 align-middle">
              <input
                type={selectionType === 'single' ? 'radio' : 'checkbox'}
                name={selectionType === 'single' ? radioName : undefined}
                checked={selected}
                onChange={(event) => toggle(item, event.target.checked)}
                aria-label={t('table.selectRow', { name: label(item) })}
                className="size-4 cursor-pointer accent-link align-middle"
              />
            </td>
          )}
          {columns.map((column) => {
            const Cell = column.isRowHeader ? 'th' : 'td';
            return (
              <Cell
                key={column.id}
                scope={column.isRowHeader ? 'row' : undefined}
                style={column.isRowHeader ? { minWidth: column.minWidth ?? '12rem' } : column.minWidth ? { minWidth: column.minWidth } : undefined}
                className={cx('px-4 py-2 align-middle font-normal break-words', column.align === 'end' ? 'text-right' : 'text-left')}
              >
                {column.cell(item)}
              </Cell>
            );
          })}
        </tr>
      );
    });
  }

  const table = (
    <div className="overflow-x-auto">
      <table aria-label={ariaLabel} aria-busy={loading || undefined} className="w-full border-collapse">
        <thead>
          <tr className="border-b border-line-strong">
            {selectionType && (
              <th scope="col" className="w-10 py-2 pr-0 pl-4 text-left align-middle">
                {selectionType === 'multi' ? (
                  <input
                    type="checkbox"
                    aria-label={t('table.selectAll')}
                    checked={pageItems.length > 0 && pageSelectedCount === pageItems.length}
                    ref={(node) => {
                      if (node) node.indeterminate = pageSelectedCount > 0 && pageSelectedCount < pageItems.length;
                    }}
                    disabled={pageItems.length === 0}
                    onChange={(event) => toggleAllOnPage(event.target.checked)}
                    className="size-4 cursor-pointer accent-link align-middle"
                  />
                ) : (
                  <span className="sr-only">{t('table.selectionColumn')}</span>
                )}
              </th>
            )}
            {columns.map((column) => {
              const sortable = column.sortable ?? Boolean(column.sortValue);
              const active = view.sort?.columnId === column.id;
              const ariaSort = sortable ? (active ? (view.sort!.direction === 'asc' ? 'ascending' : 'descending') : 'none') : undefined;
              return (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={ariaSort}
                  style={column.width ? { width: column.width } : undefined}
                  className={cx('px-4 py-2 align-middle font-bold whitespace-nowrap text-[#414d5c]', column.align === 'end' ? 'text-right' : 'text-left')}
                >
                  {sortable ? (
                    <button
                      type="button"
                      onClick={() => onSort(column)}
                      title={t('table.sortBy', { column: column.header })}
                      className="group inline-flex items-center gap-1 font-bold hover:text-ink"
                    >
                      {column.header}
                      <Icon
                        name={active ? (view.sort!.direction === 'desc' ? 'caret-down' : 'caret-up') : 'sort'}
                        className={active ? 'text-ink' : 'text-ink-disabled group-hover:text-ink-secondary'}
                      />
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );

  const tools = showTools && (
    <div className="flex flex-wrap items-center justify-between gap-3 px-5 pb-3">
      {filter ? (
        <TextFilter
          value={view.filter}
          onChange={(value) => update({ filter: value, page: 1 })}
          placeholder={filter.placeholder}
          ariaLabel={filter.ariaLabel}
          matchCount={sorted.length}
          controls={filter.controls}
        />
      ) : (
        <span />
      )}
      {pageCount > 1 && <Pagination currentPage={currentPage} pageCount={pageCount} onChange={(page) => update({ page })} />}
    </div>
  );

  if (variant === 'embedded') {
    return (
      <div>
        {header && <div className="px-5 pt-4 pb-3">{header}</div>}
        {tools}
        {table}
      </div>
    );
  }
  return (
    <div className="rounded-2xl border border-line bg-white pb-1 shadow-[0_1px_1px_rgba(0,7,22,0.1),0_0_1px_rgba(0,7,22,0.2)]">
      {header && <div className="px-5 pt-4 pb-3">{header}</div>}
      {tools}
      {table}
    </div>
  );
}

/** The centred text of an empty or no-match table, with an optional action (e.g. "Create bucket"). */
export function TableEmptyState({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-1 py-2 text-ink-secondary">
      <b>{title}</b>
      {description && <p>{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
