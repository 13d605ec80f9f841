'use client';

import { FlowLogsTable } from '@/components/flow-logs/flow-logs-table';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { Header } from '@/components/ui/header';
import { KeyValuePairs } from '@/components/ui/key-value-pairs';
import { Tabs } from '@/components/ui/tabs';
import type { MessageKey } from '@/lib/i18n/core';
import type { FlowLogView, VpcSummary } from '@/server/data/ec2';

/** The selected VPC: Details, Flow logs (with the Flow logs page's actions) and Tags tabs. */
export function VpcDetails({
  vpc,
  flowLogs,
  accountId,
  region,
}: {
  vpc: VpcSummary;
  flowLogs: { ok: true; data: FlowLogView[] } | { ok: false; error: { code: string; message: string } };
  accountId: string | null;
  region: string;
}) {
  const t = useT();
  const label = vpc.name ? `${vpc.vpcId} / ${vpc.name}` : vpc.vpcId;
  const stateKey = `vpcs.state.${vpc.state}` as MessageKey;
  const state = t(stateKey) === stateKey ? vpc.state : t(stateKey);
  return (
    <Container header={<Header headingId="vpc-details-heading">{label}</Header>} labelledBy="vpc-details-heading">
      <Tabs
        ariaLabel={t('vpcs.tabsLabel')}
        urlParam="tab"
        tabs={[
          {
            id: 'details',
            label: t('vpcs.tab.details'),
            content: (
              <KeyValuePairs
                columns={4}
                items={[
                  { label: t('vpcs.colId'), value: <span className="font-mono text-[13px]">{vpc.vpcId}</span> },
                  { label: t('vpcs.colState'), value: state },
                  { label: t('vpcs.colCidr'), value: vpc.ipv4Cidrs.join(', ') || vpc.cidrBlock || '-' },
                  { label: t('vpcs.colIpv6Cidr'), value: vpc.ipv6Cidrs.join(', ') || '-' },
                  { label: t('vpcs.colDefault'), value: vpc.isDefault ? t('vpcs.yes') : t('vpcs.no') },
                  { label: t('vpcs.colDhcp'), value: vpc.dhcpOptionsId ?? '-' },
                  { label: t('vpcs.colTenancy'), value: vpc.instanceTenancy ?? '-' },
                  { label: t('vpcs.colOwner'), value: vpc.ownerId ?? '-' },
                ]}
              />
            ),
          },
          {
            id: 'flow-logs',
            label: t('vpcs.tab.flowLogs'),
            content: flowLogs.ok ? (
              <FlowLogsTable
                flowLogs={flowLogs.data}
                accountId={accountId}
                region={region}
                createHref={`/vpc/flow-logs/create?resourceId=${vpc.vpcId}`}
                title={t('vpcs.tab.flowLogs')}
                urlPrefix="fl"
                showResourceColumn={false}
              />
            ) : (
              <Alert type="error" header={t('flowLogs.loadFailed')}>
                <AwsErrorText code={flowLogs.error.code} message={flowLogs.error.message} />
              </Alert>
            ),
          },
          {
            id: 'tags',
            label: t('vpcs.tab.tags'),
            content:
              vpc.tags.length === 0 ? (
                <p className="text-ink-secondary">{t('flowLogs.tags.none')}</p>
              ) : (
                <KeyValuePairs columns={3} items={vpc.tags.map((tag) => ({ label: tag.key, value: tag.value || '-' }))} />
              ),
          },
        ]}
      />
    </Container>
  );
}
