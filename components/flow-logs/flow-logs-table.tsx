'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, useTransition } from 'react';
import { GenerateIntegrationModal } from '@/components/athena-integration/generate-integration-modal';
import { integrationSuccessFlash } from '@/components/athena-integration/integration-success';
import { useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Button } from '@/components/ui/button';
import { ButtonDropdown } from '@/components/ui/button-dropdown';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { StatusIndicator } from '@/components/ui/status-indicator';
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import type { FlowLogView } from '@/server/data/ec2';
import { DeleteFlowLogsModal } from './delete-flow-logs-modal';
import { FlowLogDetails } from './flow-log-details';
import { destinationTypeLabel, fileFormatLabel, intervalLabel, logFormatKindLabel, statusLabel, trafficTypeLabel } from './labels';
import { ManageTagsModal } from './manage-tags-modal';


type Dialog = 'delete' | 'tags' | 'athena' | null;

export interface FlowLogsTableProps {
  flowLogs: FlowLogView[];
  accountId: string | null;
  region: string;
  /** Where "Create flow log" goes (with ?resourceId= on a resource's Flow logs tab). */
  createHref: string;
  title: string;
  description?: string;
  /** Keeps this table's URL state apart from another table on the same page. */
  urlPrefix?: string;
  /** The Flow logs page lists every resource's flow logs; a resource's tab does not need the column. */
  showResourceColumn?: boolean;
}

/** Reads the selected flow log ids from the URL (`selected=fl-a,fl-b`). */
function selectedFromUrl(value: string | null): string[] {
  return value ? value.split(',').filter((id) => /^fl-[0-9a-z]+$/.test(id)) : [];
}

function writeSelectionToUrl(param: string, ids: string[]) {
  const params = new URLSearchParams(window.location.search);
  if (ids.length > 0) params.set(param, ids.join(','));
  else params.delete(param);
  const query = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
}

/**
 * The flow logs of the Region or of one resource: table with filter, sort, pagination and row
 * selection (all in the URL), the Actions menu, and the details of the selected flow log below.
 */
export function FlowLogsTable({ flowLogs, accountId, region, createHref, title, description, urlPrefix = '', showResourceColumn = true }: FlowLogsTableProps) {
  const t = useT();
  const router = useRouter();
  const flash = useFlash();
  const searchParams = useSearchParams();
  const selectionParam = `${urlPrefix}selected`;
  const [selectedIds, setSelectedIds] = useState<string[]>(() => selectedFromUrl(searchParams.get(selectionParam)));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [refreshing, startRefresh] = useTransition();

  // Selection survives a refresh only while the flow log still exists.
  const selection = flowLogs.filter((flowLog) => selectedIds.includes(flowLog.flowLogId));
  const one = selection.length === 1 ? selection[0] : null;

  const select = (items: FlowLogView[]) => {
    const ids = items.map((item) => item.flowLogId);
    setSelectedIds(ids);
    writeSelectionToUrl(selectionParam, ids);
  };

  const columns: TableColumn<FlowLogView>[] = [
    { id: 'name', header: t('flowLogs.colName'), isRowHeader: true, minWidth: '13rem', sortValue: (f) => f.name, cell: (f) => f.name ?? '-' },
    { id: 'id', header: t('flowLogs.colId'), sortValue: (f) => f.flowLogId, cell: (f) => <span className="font-mono text-[13px] whitespace-nowrap">{f.flowLogId}</span> },
    ...(showResourceColumn
      ? [{ id: 'resource', header: t('flowLogs.colResource'), sortValue: (f: FlowLogView) => f.resourceId, cell: (f: FlowLogView) => <span className="font-mono text-[13px] whitespace-nowrap">{f.resourceId}</span> }]
      : []),
    { id: 'filter', header: t('flowLogs.colFilter'), sortValue: (f) => trafficTypeLabel(t, f.trafficType), cell: (f) => trafficTypeLabel(t, f.trafficType) },
    { id: 'destinationType', header: t('flowLogs.colDestinationType'), sortValue: (f) => destinationTypeLabel(t, f.logDestinationType), cell: (f) => destinationTypeLabel(t, f.logDestinationType) },
    {
      id: 'destination',
      header: t('flowLogs.colDestination'),
      sortValue: (f) => f.logDestination ?? f.logGroupName,
      cell: (f) => <span className="whitespace-nowrap">{f.logDestination ?? f.logGroupName ?? '-'}</span>,
    },
    { id: 'interval', header: t('flowLogs.colInterval'), sortValue: (f) => f.maxAggregationInterval, cell: (f) => <span className="whitespace-nowrap">{intervalLabel(t, f.maxAggregationInterval)}</span> },
    {
      id: 'logFormat',
      header: t('flowLogs.colLogFormat'),
      sortValue: (f) => f.logFormat,
      // The format itself, as the AWS console shows it; long ones are cut, the whole is in the tooltip.
      cell: (f) => (
        <span title={`${logFormatKindLabel(t, f.logFormat)}: ${f.logFormat}`} className="block max-w-[280px] truncate font-mono text-[12px]">
          {f.logFormat}
        </span>
      ),
    },
    { id: 'fileFormat', header: t('flowLogs.colFileFormat'), sortValue: (f) => fileFormatLabel(t, f.fileFormat), cell: (f) => fileFormatLabel(t, f.fileFormat) },
    { id: 'created', header: t('flowLogs.colCreated'), sortValue: (f) => f.creationTime, cell: (f) => <DateTime iso={f.creationTime} /> },
    {
      id: 'status',
      header: t('flowLogs.colStatus'),
      sortValue: (f) => f.flowLogStatus,
      cell: (f) => (
        <StatusIndicator type={f.flowLogStatus === 'ACTIVE' ? 'success' : 'stopped'} className="whitespace-nowrap">
          {statusLabel(t, f.flowLogStatus)}
        </StatusIndicator>
      ),
    },
  ];

  const athenaReason = !one ? t('flowLogs.reason.selectOne') : one.logDestinationType !== 's3' ? t('flowLogs.reason.notS3') : undefined;

  return (
    <div className="flex flex-col gap-6">
      <Table
        ariaLabel={title}
        items={flowLogs}
        columns={columns}
        trackBy={(f) => f.flowLogId}
        itemLabel={(f) => (f.name ? `${f.name} (${f.flowLogId})` : f.flowLogId)}
        selectionType="multi"
        selectedItems={selection}
        onSelectionChange={select}
        filter={{
          placeholder: t('flowLogs.filter'),
          text: (f) => [f.name, f.flowLogId, f.resourceId, f.trafficType, f.logDestinationType, f.logDestination, f.logGroupName, f.logFormat, f.fileFormat, ...f.tags.map((tag) => `${tag.key} ${tag.value}`)].filter(Boolean).join(' '),
        }}
        defaultSort={{ columnId: 'created', direction: 'desc' }}
        urlState={urlPrefix ? { prefix: urlPrefix } : true}
        header={
          <Header
            counter={selection.length > 0 ? `(${selection.length}/${flowLogs.length})` : `(${flowLogs.length})`}
            description={description}
            actions={
              <>
                <Button variant="normal" iconName="refresh" ariaLabel={t('common.refresh')} loading={refreshing} onClick={() => startRefresh(() => router.refresh())} />
                <ButtonDropdown
                  text={t('flowLogs.actions')}
                  items={[
                    { id: 'create', text: t('flowLogs.action.create') },
                    { id: 'athena', text: t('flowLogs.action.generateAthena'), disabled: Boolean(athenaReason), disabledReason: athenaReason },
                    { id: 'tags', text: t('flowLogs.action.manageTags'), disabled: !one, disabledReason: one ? undefined : t('flowLogs.reason.selectOne') },
                    { id: 'delete', text: t('flowLogs.action.delete'), disabled: selection.length === 0, disabledReason: selection.length ? undefined : t('flowLogs.reason.selectSome') },
                  ]}
                  onItemClick={(id) => {
                    if (id === 'create') router.push(createHref);
                    else setDialog(id as Dialog);
                  }}
                />
                <Button variant="primary" href={createHref}>
                  {t('flowLogs.action.create')}
                </Button>
              </>
            }
          >
            {title}
          </Header>
        }
        empty={
          <TableEmptyState
            title={t('flowLogs.empty')}
            description={t('flowLogs.emptyDescription')}
            action={<Button href={createHref}>{t('flowLogs.action.create')}</Button>}
          />
        }
      />

      {one ? (
        <FlowLogDetails flowLog={one} accountId={accountId} region={region} />
      ) : (
        <div className="rounded-2xl border border-dashed border-line-strong px-5 py-6 text-center text-ink-secondary">
          <b>{selection.length > 1 ? `${selection.length} / ${flowLogs.length}` : t('flowLogs.details.none')}</b>
          <p>{t('flowLogs.details.noneDescription')}</p>
        </div>
      )}

      {dialog === 'delete' && selection.length > 0 && (
        <DeleteFlowLogsModal
          flowLogIds={selection.map((f) => f.flowLogId)}
          onDismiss={() => setDialog(null)}
          onDeleted={(ids) => {
            setDialog(null);
            select([]);
            flash.push({ type: 'success', content: t('flowLogs.delete.success', { ids: ids.join(', ') }) });
          }}
        />
      )}
      {dialog === 'tags' && one && (
        <ManageTagsModal
          flowLogId={one.flowLogId}
          tags={one.tags}
          onDismiss={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            flash.push({ type: 'success', content: t('flowLogs.tags.success', { id: one.flowLogId }) });
          }}
        />
      )}
      {dialog === 'athena' && one && one.logDestinationType === 's3' && (
        <GenerateIntegrationModal
          flowLog={one}
          region={region}
          onDismiss={() => setDialog(null)}
          onGenerated={(template) => {
            setDialog(null);
            flash.push(integrationSuccessFlash(t, template));
          }}
        />
      )}
    </div>
  );
}
