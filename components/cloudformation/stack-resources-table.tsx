'use client';

import Link from 'next/link';
import { Fragment, useMemo } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Header } from '@/components/ui/header';
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import type { StackEvent, StackResource } from '@/server/data/cloudformation';
import { resourceHref } from './links';
import { useStackLive } from './stack-live';
import { CfnStatus } from './stack-status';

/**
 * The database of each AWS::Glue::Table, from the resolved properties CloudFormation reports in the
 * resource's events (its physical ID is only the table name).
 */
function tableDatabases(events: StackEvent[]): Map<string, string> {
  const databases = new Map<string, string>();
  for (const event of events) {
    if (event.resourceType !== 'AWS::Glue::Table' || !event.properties || databases.has(event.logicalId)) continue;
    try {
      const properties = JSON.parse(event.properties) as { DatabaseName?: unknown };
      if (typeof properties.DatabaseName === 'string' && properties.DatabaseName) databases.set(event.logicalId, properties.DatabaseName);
    } catch {
      // Properties that are not JSON simply give no link.
    }
  }
  return databases;
}

/** "AWS::Athena::NamedQuery" may wrap after each "::", never inside a word. */
function ResourceType({ type }: { type: string }) {
  const parts = type.split('::');
  return (
    <span className="break-words">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && (
            <>
              ::<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}

/** Resources tab: logical and physical IDs (linked to the console page that shows the resource), type, status. */
export function StackResourcesTable() {
  const t = useT();
  const { activity } = useStackLive();
  const { resources, events } = activity;
  const databases = useMemo(() => tableDatabases(events), [events]);
  const columns: TableColumn<StackResource>[] = [
    { id: 'logicalId', header: t('cfn.resources.colLogicalId'), isRowHeader: true, sortValue: (r) => r.logicalId, cell: (r) => <span className="break-all">{r.logicalId}</span> },
    {
      id: 'physicalId',
      header: t('cfn.resources.colPhysicalId'),
      sortValue: (r) => r.physicalId,
      minWidth: '14rem',
      cell: (r) => {
        if (!r.physicalId) return '-';
        const href = resourceHref(r, databases.get(r.logicalId));
        return href ? (
          <Link href={href} className="break-all">
            {r.physicalId}
          </Link>
        ) : (
          <span className="break-all">{r.physicalId}</span>
        );
      },
    },
    { id: 'type', header: t('cfn.resources.colType'), sortValue: (r) => r.type, minWidth: '12rem', cell: (r) => <ResourceType type={r.type} /> },
    { id: 'status', header: t('cfn.resources.colStatus'), sortValue: (r) => r.status, minWidth: '13rem', cell: (r) => <CfnStatus status={r.status} /> },
    { id: 'reason', header: t('cfn.resources.colReason'), minWidth: '14rem', cell: (r) => <span className="break-words">{r.statusReason || '-'}</span> },
  ];
  return (
    <Table
      ariaLabel={t('cfn.resources.tableLabel')}
      items={resources}
      columns={columns}
      trackBy={(r) => r.logicalId}
      filter={{ placeholder: t('cfn.resources.filter'), text: (r) => `${r.logicalId} ${r.physicalId ?? ''} ${r.type} ${r.status}` }}
      defaultSort={{ columnId: 'logicalId' }}
      urlState={{ prefix: 'resources-' }}
      pageSize={50}
      header={<Header counter={`(${resources.length})`}>{t('cfn.resources.title')}</Header>}
      empty={<TableEmptyState title={t('cfn.resources.empty')} description={t('cfn.resources.emptyDescription')} />}
    />
  );
}
