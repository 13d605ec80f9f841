'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useOptimistic, useTransition } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { Header } from '@/components/ui/header';
import { StatusIndicator } from '@/components/ui/status-indicator';
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import type { MessageKey } from '@/lib/i18n/core';
import type { VpcSummary } from '@/server/data/ec2';

/**
 * Your VPCs. Selecting a VPC puts it in the URL (`selected=vpc-…`), and the page renders its
 * details and flow logs (read on the server with DescribeFlowLogs filtered by resource-id).
 */
export function VpcsTable({ vpcs, selectedId }: { vpcs: VpcSummary[]; selectedId: string | null }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  // The radio follows the click at once; the details follow when the server has rendered them.
  const [shownId, setShownId] = useOptimistic(selectedId);
  const selected = vpcs.filter((vpc) => vpc.vpcId === shownId);

  const stateLabel = (state: string) => {
    const key = `vpcs.state.${state}` as MessageKey;
    const text = t(key);
    return text === key ? state : text;
  };

  const columns: TableColumn<VpcSummary>[] = [
    { id: 'name', header: t('vpcs.colName'), isRowHeader: true, sortValue: (v) => v.name, cell: (v) => v.name ?? '-' },
    { id: 'id', header: t('vpcs.colId'), sortValue: (v) => v.vpcId, cell: (v) => <span className="font-mono text-[13px] whitespace-nowrap">{v.vpcId}</span> },
    {
      id: 'state',
      header: t('vpcs.colState'),
      sortValue: (v) => v.state,
      cell: (v) => (
        <StatusIndicator type={v.state === 'available' ? 'success' : 'pending'} className="whitespace-nowrap">
          {stateLabel(v.state)}
        </StatusIndicator>
      ),
    },
    { id: 'cidr', header: t('vpcs.colCidr'), sortValue: (v) => v.cidrBlock, cell: (v) => v.cidrBlock ?? '-' },
    { id: 'ipv6', header: t('vpcs.colIpv6Cidr'), sortValue: (v) => v.ipv6Cidrs[0], cell: (v) => v.ipv6Cidrs.join(', ') || '-' },
    { id: 'default', header: t('vpcs.colDefault'), sortValue: (v) => (v.isDefault ? 1 : 0), cell: (v) => (v.isDefault ? t('vpcs.yes') : t('vpcs.no')) },
    { id: 'dhcp', header: t('vpcs.colDhcp'), sortValue: (v) => v.dhcpOptionsId, cell: (v) => v.dhcpOptionsId ?? '-' },
    { id: 'owner', header: t('vpcs.colOwner'), sortValue: (v) => v.ownerId, cell: (v) => v.ownerId ?? '-' },
  ];

  const select = (items: VpcSummary[]) => {
    const params = new URLSearchParams(window.location.search);
    const id = items[0]?.vpcId;
    if (id) params.set('selected', id);
    else params.delete('selected');
    // The flow logs table of the previous VPC keeps its own state; start the next one clean.
    for (const name of ['flselected', 'flfilter', 'flsort', 'flpage']) params.delete(name);
    const query = params.toString();
    startTransition(() => {
      setShownId(id ?? null);
      router.replace(`${pathname}${query ? `?${query}` : ''}`, { scroll: false });
    });
  };

  return (
    <Table
      ariaLabel={t('vpcs.tableLabel')}
      items={vpcs}
      columns={columns}
      trackBy={(v) => v.vpcId}
      itemLabel={(v) => (v.name ? `${v.name} (${v.vpcId})` : v.vpcId)}
      selectionType="single"
      selectedItems={selected}
      onSelectionChange={select}
      filter={{ placeholder: t('vpcs.filter'), text: (v) => [v.name, v.vpcId, v.state, v.cidrBlock, ...v.ipv6Cidrs, ...v.tags.map((tag) => `${tag.key} ${tag.value}`)].filter(Boolean).join(' ') }}
      defaultSort={{ columnId: 'name' }}
      urlState
      loading={false}
      header={
        <Header
          counter={selected.length ? `(1/${vpcs.length})` : `(${vpcs.length})`}
          description={t('vpcs.description')}
          actions={
            <>
              <Button variant="normal" iconName="refresh" ariaLabel={t('common.refresh')} loading={pending} onClick={() => startTransition(() => router.refresh())} />
              <Button variant="primary" disabled={!selected.length} href={selected.length ? `/vpc/flow-logs/create?resourceId=${selected[0].vpcId}` : undefined}>
                {t('vpcs.createFlowLog')}
              </Button>
            </>
          }
        >
          {t('vpcs.title')}
        </Header>
      }
      empty={<TableEmptyState title={t('vpcs.empty')} description={t('vpcs.emptyDescription')} />}
    />
  );
}
