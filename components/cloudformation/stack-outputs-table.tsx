'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Header } from '@/components/ui/header';
import { Table, TableEmptyState } from '@/components/ui/table';
import { useStackLive } from './stack-live';

/** Outputs tab. A value that is a URL is a link, as in the CloudFormation console. */
export function StackOutputsTable() {
  const t = useT();
  const { outputs } = useStackLive().activity.stack;
  return (
    <Table
      ariaLabel={t('cfn.outputs.tableLabel')}
      items={outputs}
      trackBy={(o) => o.key}
      columns={[
        { id: 'key', header: t('cfn.outputs.colKey'), isRowHeader: true, sortValue: (o) => o.key, cell: (o) => <span className="break-all">{o.key}</span> },
        {
          id: 'value',
          header: t('cfn.outputs.colValue'),
          sortValue: (o) => o.value,
          minWidth: '14rem',
          cell: (o) =>
            /^https?:\/\//.test(o.value) ? (
              <a href={o.value} target="_blank" rel="noreferrer" className="break-all">
                {o.value}
              </a>
            ) : (
              <span className="break-all">{o.value || '-'}</span>
            ),
        },
        { id: 'description', header: t('cfn.outputs.colDescription'), sortValue: (o) => o.description, cell: (o) => o.description || '-' },
        { id: 'exportName', header: t('cfn.outputs.colExportName'), sortValue: (o) => o.exportName, cell: (o) => <span className="break-all">{o.exportName || '-'}</span> },
      ]}
      filter={{ placeholder: t('cfn.outputs.filter') }}
      defaultSort={{ columnId: 'key' }}
      urlState={{ prefix: 'outputs-' }}
      header={<Header counter={`(${outputs.length})`}>{t('cfn.outputs.title')}</Header>}
      empty={<TableEmptyState title={t('cfn.outputs.empty')} description={t('cfn.outputs.emptyDescription')} />}
    />
  );
}
