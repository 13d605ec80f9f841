'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { Spinner } from '@/components/ui/spinner';
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import type { StackEvent } from '@/server/data/cloudformation';
import { useStackLive } from './stack-live';
import { CfnStatus } from './stack-status';

/** Events tab: newest first; while the stack works, new events are prepended as they arrive. */
export function StackEventsTable() {
  const t = useT();
  const { activity, polling } = useStackLive();
  const events = activity.events;
  const columns: TableColumn<StackEvent>[] = [
    { id: 'timestamp', header: t('cfn.events.colTimestamp'), sortValue: (e) => e.timestamp, cell: (e) => <DateTime iso={e.timestamp} /> },
    { id: 'logicalId', header: t('cfn.events.colLogicalId'), isRowHeader: true, sortValue: (e) => e.logicalId, cell: (e) => <span className="break-all">{e.logicalId}</span> },
    { id: 'status', header: t('cfn.events.colStatus'), sortValue: (e) => e.status, minWidth: '13rem', cell: (e) => <CfnStatus status={e.status} /> },
    { id: 'reason', header: t('cfn.events.colReason'), minWidth: '16rem', cell: (e) => <span className="break-words">{e.statusReason || '-'}</span> },
  ];
  return (
    <Table
      ariaLabel={t('cfn.events.tableLabel')}
      items={events}
      columns={columns}
      trackBy={(e) => e.id}
      filter={{ placeholder: t('cfn.events.filter'), text: (e) => `${e.logicalId} ${e.physicalId ?? ''} ${e.resourceType} ${e.status} ${e.statusReason ?? ''}` }}
      defaultSort={{ columnId: 'timestamp', direction: 'desc' }}
      urlState={{ prefix: 'events-' }}
      pageSize={50}
      header={
        <Header
          counter={`(${events.length})`}
          description={
            polling ? (
              <span className="inline-flex items-center gap-2">
                <Spinner /> {t('cfn.events.live')}
              </span>
            ) : undefined
          }
        >
          {t('cfn.events.title')}
        </Header>
      }
      empty={<TableEmptyState title={t('cfn.events.empty')} description={t('cfn.events.emptyDescription')} />}
    />
  );
}
