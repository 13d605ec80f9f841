'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n/i18n-provider';
import { bucketHref } from '@/components/s3/links';
import { Container } from '@/components/ui/container';
import { CopyToClipboard } from '@/components/ui/copy-to-clipboard';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { Icon } from '@/components/ui/icon';
import { KeyValuePairs } from '@/components/ui/key-value-pairs';
import { StatusIndicator } from '@/components/ui/status-indicator';
import { flowLogLanding } from '@/lib/flow-logs/landing';
import { parseLogFormat } from '@/lib/flow-logs/log-format';
import type { FlowLogView } from '@/server/data/ec2';
import { destinationTypeLabel, fileFormatLabel, intervalLabel, logFormatKindLabel, statusLabel, trafficTypeLabel } from './labels';

function Mono({ children }: { children: React.ReactNode }) {
  return <span className="font-mono text-[13px] break-all">{children}</span>;
}

/**
 * Everything about one flow log: its attributes, where its files land in S3 (with links into the
 * S3 browser), and its tags. Shown below the table for the selected flow log.
 */
export function FlowLogDetails({ flowLog, accountId, region }: { flowLog: FlowLogView; accountId: string | null; region: string }) {
  const t = useT();
  const parsed = parseLogFormat(flowLog.logFormat);
  const landing = accountId ? flowLogLanding(flowLog, accountId, region) : undefined;
  const bucketOnly = !landing && flowLog.logDestinationType === 's3' && flowLog.logDestination ? /^arn:[^:]+:s3:::([^/]+)/.exec(flowLog.logDestination)?.[1] : undefined;
  const headingId = `flow-log-details-${flowLog.flowLogId}`;

  return (
    <Container
      labelledBy={headingId}
      header={
        <Header headingId={headingId} description={flowLog.name ?? undefined}>
          {flowLog.flowLogId}
        </Header>
      }
    >
      <div className="flex flex-col gap-6">
        <KeyValuePairs
          columns={3}
          items={[
            { label: t('flowLogs.colId'), value: <Mono>{flowLog.flowLogId}</Mono> },
            { label: t('flowLogs.colResource'), value: <Mono>{flowLog.resourceId}</Mono> },
            { label: t('flowLogs.colStatus'), value: <StatusIndicator type={flowLog.flowLogStatus === 'ACTIVE' ? 'success' : 'stopped'}>{statusLabel(t, flowLog.flowLogStatus)}</StatusIndicator> },
            { label: t('flowLogs.colFilter'), value: trafficTypeLabel(t, flowLog.trafficType) },
            { label: t('flowLogs.colInterval'), value: intervalLabel(t, flowLog.maxAggregationInterval) },
            { label: t('flowLogs.colCreated'), value: <DateTime iso={flowLog.creationTime} /> },
            { label: t('flowLogs.colDestinationType'), value: destinationTypeLabel(t, flowLog.logDestinationType) },
            {
              label: t('flowLogs.details.destination'),
              value: (
                <span className="inline-flex items-start gap-1">
                  <Mono>{flowLog.logDestination ?? flowLog.logGroupName ?? '-'}</Mono>
                  {flowLog.logDestination && <CopyToClipboard text={flowLog.logDestination} label={t('common.copy')} />}
                </span>
              ),
            },
            {
              label: t('flowLogs.details.deliveryStatus'),
              value: flowLog.deliverLogsStatus ? (
                <StatusIndicator type={flowLog.deliverLogsStatus === 'SUCCESS' ? 'success' : 'error'}>{flowLog.deliverLogsStatus}</StatusIndicator>
              ) : (
                '-'
              ),
            },
            ...(flowLog.deliverLogsErrorMessage ? [{ label: t('flowLogs.details.deliveryError'), value: flowLog.deliverLogsErrorMessage }] : []),
            ...(flowLog.deliverLogsPermissionArn ? [{ label: t('flowLogs.details.iamRole'), value: <Mono>{flowLog.deliverLogsPermissionArn}</Mono> }] : []),
            { label: t('flowLogs.colFileFormat'), value: fileFormatLabel(t, flowLog.fileFormat) },
            { label: t('flowLogs.details.hive'), value: flowLog.hiveCompatiblePartitions ? t('flowLogs.enabled') : t('flowLogs.disabled') },
            { label: t('flowLogs.details.partitionByTime'), value: flowLog.perHourPartition ? t('flowLogs.partition.1h') : t('flowLogs.partition.24h') },
          ]}
        />

        <section aria-labelledby={`${headingId}-format`} className="flex flex-col gap-2">
          <h3 id={`${headingId}-format`} className="font-bold">
            {t('flowLogs.details.logFormat')}: <span className="font-normal">{logFormatKindLabel(t, flowLog.logFormat)}</span>
            {parsed.ok && <span className="ml-2 font-normal text-ink-secondary">({t('flowLogs.details.fieldsSummary', { count: parsed.fields.length, version: parsed.version })})</span>}
          </h3>
          <div className="relative rounded-lg border border-line bg-[#fbfbfb] px-3 py-2 pr-10">
            <code className="font-mono text-[12px] leading-[18px] break-words">{flowLog.logFormat}</code>
            <span className="absolute top-1 right-1">
              <CopyToClipboard text={flowLog.logFormat} label={t('common.copy')} />
            </span>
          </div>
        </section>

        <section aria-labelledby={`${headingId}-files`} className="flex flex-col gap-2">
          <h3 id={`${headingId}-files`} className="font-bold">
            {t('flowLogs.files.title')}
          </h3>
          {flowLog.logDestinationType !== 's3' ? (
            <p className="text-ink-secondary">{t('flowLogs.files.notS3')}</p>
          ) : landing ? (
            <>
              <p className="text-ink-secondary">{t('flowLogs.files.description')}</p>
              <KeyValuePairs
                columns={2}
                items={[
                  {
                    label: t('flowLogs.files.bucket'),
                    value: <Link href={bucketHref(landing.bucket)}>{landing.bucket}</Link>,
                  },
                  {
                    label: t('flowLogs.files.basePrefix'),
                    value: (
                      <Link href={bucketHref(landing.bucket, landing.basePrefix)} className="font-mono text-[13px] break-all">
                        {landing.basePrefix}
                      </Link>
                    ),
                  },
                  {
                    label: t('flowLogs.files.currentPrefix'),
                    value: (
                      <Link href={bucketHref(landing.bucket, landing.currentPrefix)} className="font-mono text-[13px] break-all">
                        {landing.currentPrefix}
                      </Link>
                    ),
                  },
                  { label: t('flowLogs.files.fileName'), value: <Mono>{landing.fileNamePattern}</Mono> },
                ]}
              />
              <div>
                <Link href={bucketHref(landing.bucket, landing.basePrefix)} className="inline-flex items-center gap-1 font-bold">
                  {t('flowLogs.files.openPrefix')}
                  <Icon name="angle-right" size={12} />
                </Link>
              </div>
            </>
          ) : (
            <>
              <p className="text-ink-secondary">{t('flowLogs.files.noAccount')}</p>
              {bucketOnly && <Link href={bucketHref(bucketOnly)}>{t('flowLogs.files.openBucket')}</Link>}
            </>
          )}
        </section>

        <section aria-labelledby={`${headingId}-tags`} className="flex flex-col gap-2">
          <h3 id={`${headingId}-tags`} className="font-bold">
            {t('flowLogs.details.tab.tags')} ({flowLog.tags.length})
          </h3>
          {flowLog.tags.length === 0 ? (
            <p className="text-ink-secondary">{t('flowLogs.tags.none')}</p>
          ) : (
            <table aria-label={t('flowLogs.tags.tableLabel')} className="w-full max-w-[720px] border-collapse">
              <thead>
                <tr className="border-b border-line-strong text-left">
                  <th scope="col" className="py-1.5 pr-4 font-bold text-[#414d5c]">
                    {t('flowLogs.tags.colKey')}
                  </th>
                  <th scope="col" className="py-1.5 font-bold text-[#414d5c]">
                    {t('flowLogs.tags.colValue')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {flowLog.tags.map((tag) => (
                  <tr key={tag.key} className="border-b border-line last:border-b-0">
                    <td className="py-1.5 pr-4 break-all">{tag.key}</td>
                    <td className="py-1.5 break-all">{tag.value || '-'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </Container>
  );
}
