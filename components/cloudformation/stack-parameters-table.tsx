'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Header } from '@/components/ui/header';
import { Table, TableEmptyState } from '@/components/ui/table';
import { useStackLive } from './stack-live';

/** Parameters tab: the values the stack was created with (NoEcho values arrive masked as ****). */
export function StackParametersTable() {
  const t = useT();
  const { parameters } = useStackLive().activity.stack;
  const showResolved = parameters.some((p) => p.resolvedValue);
  return (
    <Table
      ariaLabel={t('cfn.parameters.tableLabel')}
      items={parameters}
      trackBy={(p) => p.key}
      columns={[
        { id: 'key', header: t('cfn.parameters.colKey'), isRowHeader: true, sortValue: (p) => p.key, cell: (p) => <span className="break-all">{p.key}</span> },
        { id: 'value', header: t('cfn.parameters.colValue'), sortValue: (p) => p.value, minWidth: '14rem', cell: (p) => <span className="break-all">{p.value || '-'}</span> },
        ...(showResolved
          ? [{ id: 'resolved', header: t('cfn.parameters.colResolved'), sortValue: (p: (typeof parameters)[number]) => p.resolvedValue, cell: (p: (typeof parameters)[number]) => <span className="break-all">{p.resolvedValue || '-'}</span> }]
          : []),
      ]}
      filter={{ placeholder: t('cfn.parameters.filter') }}
      defaultSort={{ columnId: 'key' }}
      urlState={{ prefix: 'parameters-' }}
      header={<Header counter={`(${parameters.length})`}>{t('cfn.parameters.title')}</Header>}
      empty={<TableEmptyState title={t('cfn.parameters.empty')} description={t('cfn.parameters.emptyDescription')} />}
    />
  );
}
