'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { Select } from '@/components/ui/select';
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import { isCfnInProgress, type StackStatusFilter } from '@/lib/cloudformation';
import type { StackSummary } from '@/server/data/cloudformation';
import { DeleteStackModal } from './delete-stack-modal';
import { createStackHref, stackHref } from './links';
import { CfnStatus } from './stack-status';
import { useRefreshWhile } from './use-refresh-while';

/**
 * Deleted stacks can only be opened by ID; live ones by name, which reads better in the address bar
 * (except a stack named "create", whose name is the Create stack route).
 */
function detailHref(stack: StackSummary): string {
  return stackHref(stack.status === 'DELETE_COMPLETE' || stack.name === 'create' ? stack.id : stack.name);
}

export function StacksTable({ stacks, statusFilter }: { stacks: StackSummary[]; statusFilter: StackStatusFilter }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const flash = useFlash();
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [deleting, setDeleting] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [filtering, startFiltering] = useTransition();

  // Selection survives a refresh while the stack is still listed.
  const selection = stacks.filter((stack) => selectedIds.includes(stack.id));
  const one = selection.length === 1 ? selection[0] : null;
  const deletable = one !== null && one.status !== 'DELETE_COMPLETE' && one.status !== 'DELETE_IN_PROGRESS';

  useRefreshWhile(stacks.some((stack) => isCfnInProgress(stack.status)));

  const changeStatusFilter = (value: string) => {
    const params = new URLSearchParams(window.location.search);
    if (value === 'active') params.delete('status');
    else params.set('status', value);
    params.delete('page');
    const query = params.toString();
    startFiltering(() => router.replace(`${pathname}${query ? `?${query}` : ''}`, { scroll: false }));
  };

  const columns: TableColumn<StackSummary>[] = [
    {
      id: 'name',
      header: t('cfn.stacks.colName'),
      isRowHeader: true,
      sortValue: (s) => s.name,
      cell: (s) => (
        <Link href={detailHref(s)} className="font-normal break-words">
          {s.name}
        </Link>
      ),
    },
    { id: 'status', header: t('cfn.stacks.colStatus'), sortValue: (s) => s.status, minWidth: '12rem', cell: (s) => <CfnStatus status={s.status} /> },
    { id: 'created', header: t('cfn.stacks.colCreated'), sortValue: (s) => s.created, cell: (s) => <DateTime iso={s.created} /> },
    { id: 'description', header: t('cfn.stacks.colDescription'), sortValue: (s) => s.description, minWidth: '14rem', cell: (s) => s.description || '-' },
  ];

  return (
    <>
      <Table
        ariaLabel={t('cfn.stacks.tableLabel')}
        items={stacks}
        columns={columns}
        trackBy={(s) => s.id}
        itemLabel={(s) => s.name}
        selectionType="single"
        selectedItems={selection}
        onSelectionChange={(items) => setSelectedIds(items.map((s) => s.id))}
        loading={filtering}
        filter={{
          placeholder: t('cfn.stacks.filter'),
          text: (s) => s.name,
          controls: (
            <div className="w-full sm:w-52">
              <Select
                aria-label={t('cfn.stacks.statusFilter')}
                value={statusFilter}
                onChange={(event) => changeStatusFilter(event.target.value)}
                options={[
                  { value: 'active', label: t('cfn.stacks.filterActive') },
                  { value: 'deleted', label: t('cfn.stacks.filterDeleted') },
                  { value: 'all', label: t('cfn.stacks.filterAll') },
                ]}
              />
            </div>
          ),
        }}
        defaultSort={{ columnId: 'created', direction: 'desc' }}
        urlState
        header={
          <Header
            counter={one ? `(1/${stacks.length})` : `(${stacks.length})`}
            description={t('cfn.stacks.description')}
            actions={
              <>
                <Button variant="normal" iconName="refresh" ariaLabel={t('common.refresh')} loading={refreshing} onClick={() => startRefresh(() => router.refresh())} />
                <Button disabled={!deletable} onClick={() => setDeleting(true)}>
                  {t('cfn.stacks.delete')}
                </Button>
                <Button href={one ? detailHref(one) : undefined} disabled={!one}>
                  {t('cfn.stacks.viewDetails')}
                </Button>
                <Button variant="primary" href={createStackHref()}>
                  {t('cfn.stacks.create')}
                </Button>
              </>
            }
          >
            {t('cfn.stacks.title')}
          </Header>
        }
        empty={
          <TableEmptyState
            title={t('cfn.stacks.empty')}
            description={statusFilter === 'deleted' ? t('cfn.stacks.emptyDeleted') : t('cfn.stacks.emptyDescription')}
          />
        }
      />
      {one && (
        <DeleteStackModal
          visible={deleting}
          stackId={one.id}
          stackName={one.name}
          status={one.status}
          onDismiss={() => setDeleting(false)}
          onDone={(result) => {
            setDeleting(false);
            if (result.ok) {
              flash.push({ type: 'success', content: t('cfn.delete.started', { name: one.name }) });
              router.refresh();
            } else {
              flash.push({ type: 'error', header: t('cfn.delete.failed', { name: one.name }), code: result.code, content: result.message });
            }
          }}
        />
      )}
    </>
  );
}
