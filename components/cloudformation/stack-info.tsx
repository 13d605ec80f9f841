'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Container } from '@/components/ui/container';
import { CopyToClipboard } from '@/components/ui/copy-to-clipboard';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { KeyValuePairs, type KeyValueItem } from '@/components/ui/key-value-pairs';
import { Table, TableEmptyState } from '@/components/ui/table';
import { useStackLive } from './stack-live';
import { CfnStatus } from './stack-status';

/** Stack info tab: the overview (live status and reason) and the stack's tags. */
export function StackInfo() {
  const t = useT();
  const { stack } = useStackLive().activity;
  const items: KeyValueItem[] = [
    {
      label: t('cfn.stack.id'),
      value: (
        <span className="inline-flex max-w-full items-start gap-1">
          <CopyToClipboard text={stack.id} label={t('cfn.stack.copyId')} />
          <span className="min-w-0 break-all">{stack.id}</span>
        </span>
      ),
    },
    { label: t('cfn.stack.description'), value: stack.description || '-' },
    { label: t('cfn.stack.status'), value: <CfnStatus status={stack.status} /> },
    { label: t('cfn.stack.statusReason'), value: <span className="break-words">{stack.statusReason || '-'}</span> },
    { label: t('cfn.stack.created'), value: <DateTime iso={stack.created} /> },
    ...(stack.updated ? [{ label: t('cfn.stack.updated'), value: <DateTime iso={stack.updated} /> }] : []),
    ...(stack.deleted ? [{ label: t('cfn.stack.deleted'), value: <DateTime iso={stack.deleted} /> }] : []),
    { label: t('cfn.stack.terminationProtection'), value: stack.terminationProtection ? t('cfn.stack.activated') : t('cfn.stack.deactivated') },
    { label: t('cfn.stack.rollbackOnFailure'), value: stack.rollbackDisabled ? t('cfn.stack.rollbackDisabled') : t('cfn.stack.rollbackEnabled') },
    ...(stack.capabilities.length > 0 ? [{ label: t('cfn.stack.capabilities'), value: stack.capabilities.join(', ') }] : []),
  ];
  return (
    <div className="flex flex-col gap-6">
      <Container header={<Header headingId="stack-overview">{t('cfn.stack.overview')}</Header>} labelledBy="stack-overview">
        <KeyValuePairs items={items} columns={2} />
      </Container>
      <Table
        ariaLabel={t('cfn.stack.tagsLabel')}
        header={<Header counter={`(${stack.tags.length})`}>{t('cfn.stack.tags')}</Header>}
        items={stack.tags}
        trackBy={(tag) => tag.key}
        columns={[
          { id: 'key', header: t('cfn.stack.tagKey'), isRowHeader: true, sortValue: (tag) => tag.key, cell: (tag) => <span className="break-all">{tag.key}</span> },
          { id: 'value', header: t('cfn.stack.tagValue'), sortValue: (tag) => tag.value, cell: (tag) => <span className="break-all">{tag.value || '-'}</span> },
        ]}
        defaultSort={{ columnId: 'key' }}
        empty={<TableEmptyState title={t('cfn.stack.tagsEmpty')} description={t('cfn.stack.tagsEmptyDescription')} />}
      />
    </div>
  );
}
