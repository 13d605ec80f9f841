'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Header } from '@/components/ui/header';
import { ActionFormModal } from '@/components/ui/action-form-modal';
import { Table, TableEmptyState } from '@/components/ui/table';
import { queryPreview } from '@/lib/athena-format';
import { deleteSavedQueries, type DeleteSavedQueriesResult } from '@/server/actions/athena';
import type { SavedQuery } from '@/server/data/athena';
import type { Loaded } from './data-panel';
import { SaveQueryModal, type SaveQueryTarget } from './save-query-modal';

interface Props {
  workGroup: string;
  savedQueries: Loaded<SavedQuery[]>;
  onOpen: (query: SavedQuery, run: boolean) => void;
}

/** The workgroup's saved queries: open one in a new editor tab, run, rename, delete. */
export function SavedQueries({ workGroup, savedQueries, onOpen }: Props) {
  const t = useT();
  const router = useRouter();
  const flash = useFlash();
  const [selected, setSelected] = useState<SavedQuery[]>([]);
  const [renaming, setRenaming] = useState<SaveQueryTarget | null>(null);
  const [deleting, setDeleting] = useState(false);

  if (!savedQueries.ok) {
    return (
      <Alert type="error" header={t('athena.saved.loadFailed')}>
        <AwsErrorText code={savedQueries.error.code} message={savedQueries.error.message} />
      </Alert>
    );
  }
  const items = savedQueries.data;
  // Keep the selection to queries that still exist after a refresh.
  const current = selected.filter((query) => items.some((item) => item.id === query.id));
  const single = current.length === 1 ? current[0] : null;

  return (
    <>
      <Table
        items={items}
        trackBy={(query) => query.id}
        itemLabel={(query) => query.name}
        ariaLabel={t('athena.saved.tableLabel')}
        selectionType="multi"
        selectedItems={current}
        onSelectionChange={setSelected}
        urlState={{ prefix: 'saved-' }}
        filter={{ placeholder: t('athena.saved.filter'), text: (query) => `${query.name} ${query.description ?? ''} ${query.database} ${query.queryString}` }}
        defaultSort={{ columnId: 'name' }}
        header={
          <Header
            counter={current.length > 0 ? `(${current.length}/${items.length})` : `(${items.length})`}
            description={t('athena.saved.description', { workgroup: workGroup })}
            actions={
              <>
                <Button iconName="refresh" ariaLabel={t('common.refresh')} onClick={() => router.refresh()} />
                <Button disabled={!single} onClick={() => single && onOpen(single, true)}>
                  {t('athena.saved.run')}
                </Button>
                <Button
                  disabled={!single}
                  onClick={() =>
                    single &&
                    setRenaming({ mode: 'rename', id: single.id, name: single.name, description: single.description ?? '', sql: single.queryString, database: single.database, workGroup })
                  }
                >
                  {t('athena.saved.rename')}
                </Button>
                <Button disabled={current.length === 0} onClick={() => setDeleting(true)}>
                  {t('common.delete')}
                </Button>
              </>
            }
          >
            {t('athena.saved.title')}
          </Header>
        }
        columns={[
          {
            id: 'name',
            header: t('athena.saved.colName'),
            isRowHeader: true,
            sortValue: (query) => query.name,
            cell: (query) => (
              <Button variant="inline-link" onClick={() => onOpen(query, false)} className="text-left">
                <span className="break-all whitespace-normal">{query.name}</span>
              </Button>
            ),
          },
          { id: 'description', header: t('athena.saved.colDescription'), sortValue: (query) => query.description, cell: (query) => query.description ?? '-' },
          { id: 'database', header: t('athena.saved.colDatabase'), sortValue: (query) => query.database, cell: (query) => <span className="break-all">{query.database}</span> },
          {
            id: 'query',
            header: t('athena.saved.colQuery'),
            cell: (query) => (
              <code className="font-mono text-[12px] break-all text-ink-secondary" title={query.queryString}>
                {queryPreview(query.queryString, 90)}
              </code>
            ),
            minWidth: '16rem',
          },
        ]}
        empty={<TableEmptyState title={t('athena.saved.empty')} description={t('athena.saved.emptyDescription')} />}
      />
      <SaveQueryModal
        target={renaming}
        onDismiss={() => setRenaming(null)}
        onSaved={(result) => {
          setRenaming(null);
          flash.push({ type: 'success', content: result.message });
          router.refresh();
        }}
      />
      <DeleteSavedQueriesModal
        visible={deleting}
        queries={current}
        onDismiss={() => setDeleting(false)}
        onDone={(result) => {
          setDeleting(false);
          if (result.ok) {
            setSelected([]);
            flash.push({ type: 'success', content: result.message });
            for (const failure of result.data.failed) flash.push({ type: 'error', code: failure.code, content: failure.message });
          } else {
            flash.push({ type: 'error', header: t('athena.saved.deleteFailed'), code: result.code, content: result.message });
          }
          router.refresh();
        }}
      />
    </>
  );
}

function DeleteSavedQueriesModal({
  visible,
  queries,
  onDismiss,
  onDone,
}: {
  visible: boolean;
  queries: SavedQuery[];
  onDismiss: () => void;
  onDone: (result: DeleteSavedQueriesResult) => void;
}) {
  if (!visible || queries.length === 0) return null;
  return <DeleteSavedQueriesDialog queries={queries} onDismiss={onDismiss} onDone={onDone} />;
}

function DeleteSavedQueriesDialog({ queries, onDismiss, onDone }: { queries: SavedQuery[]; onDismiss: () => void; onDone: (result: DeleteSavedQueriesResult) => void }) {
  const t = useT();
  return (
    <ActionFormModal header={t('athena.saved.deleteTitle')} submitLabel={t('common.delete')} action={deleteSavedQueries} onDismiss={onDismiss} onDone={onDone}>
      {queries.map((query) => (
        <input key={query.id} type="hidden" name="id" value={query.id} />
      ))}
      <p>{t('athena.saved.deleteBody', { count: queries.length })}</p>
      <ul className="max-h-60 overflow-y-auto rounded-lg border border-line px-3 py-2">
        {queries.map((query) => (
          <li key={query.id} className="py-0.5 font-bold break-all">
            {query.name}
          </li>
        ))}
      </ul>
      <Alert type="warning">{t('athena.saved.deleteWarning')}</Alert>
    </ActionFormModal>
  );
}
