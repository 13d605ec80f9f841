'use client';

import type { ReactNode } from 'react';
import { Table, type TableProps } from './table';

/** A row whose cells were rendered on the server; `values` are what it sorts and filters by. */
export interface RecordRow {
  id: string;
  cells: Record<string, ReactNode>;
  values?: Record<string, string | number | null>;
}

export interface RecordColumn {
  id: string;
  header: string;
  sortable?: boolean;
  isRowHeader?: boolean;
  align?: 'start' | 'end';
  width?: string;
}

/**
 * Table for server components: columns are plain data and cells arrive pre-rendered, so a page
 * can show a sortable, filterable table without a client component of its own. Tables with
 * selection and actions use <Table> from a feature client component instead.
 */
export function RecordTable({
  columns,
  items,
  ...rest
}: { columns: RecordColumn[]; items: RecordRow[] } & Omit<TableProps<RecordRow>, 'columns' | 'items' | 'trackBy' | 'selectionType' | 'onSelectionChange' | 'selectedItems' | 'itemLabel'>) {
  return (
    <Table<RecordRow>
      {...rest}
      items={items}
      trackBy={(row) => row.id}
      columns={columns.map((column) => ({
        ...column,
        cell: (row) => row.cells[column.id] ?? '-',
        sortValue: column.sortable === false ? undefined : (row) => row.values?.[column.id] ?? null,
      }))}
    />
  );
}
