'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Container } from '@/components/ui/container';
import { FormField } from '@/components/ui/form-field';
import { Header } from '@/components/ui/header';
import { Icon } from '@/components/ui/icon';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import { checkTags, type TagRow } from '@/lib/ec2-tags';
import { checkCreateFlowLog, FLOW_LOG_RESOURCE_TYPES, s3DestinationArn, type CreateFlowLogField, type FlowLogResourceType } from '@/lib/flow-logs/create-flow-log-input';
import { DEFAULT_FLOW_LOG_FIELDS } from '@/lib/flow-logs/fields';
import type { MessageKey } from '@/lib/i18n/core';
import { createFlowLog, type CreateFlowLogResult } from '@/server/actions/flow-logs';
import { FieldPicker } from './field-picker';
import { RadioGroup } from '@/components/ui/radio-group';
import { TagEditor } from './tag-editor';

/** A VPC, subnet or network interface a flow log can be created for. */
export interface FlowLogResource {
  type: FlowLogResourceType;
  id: string;
  name: string | null;
  /** CIDR, VPC or address: what tells two resources apart besides the name. */
  detail: string;
}

export interface CreateFlowLogFormProps {
  resources: FlowLogResource[];
  buckets: string[];
  /** Preselected from ?resourceId= (the Create button of a resource's Flow logs tab). */
  initialResourceId?: string;
  cancelHref: string;
}

function typeOfId(id: string | undefined): FlowLogResourceType {
  if (id?.startsWith('subnet-')) return 'Subnet';
  if (id?.startsWith('eni-')) return 'NetworkInterface';
  return 'VPC';
}

/** Create flow log: the AWS console's form for an S3 destination, checked as the user goes, then CreateFlowLogs. */
export function CreateFlowLogForm({ resources, buckets, initialResourceId, cancelHref }: CreateFlowLogFormProps) {
  const t = useT();
  const flash = useFlash();
  const [name, setName] = useState('');
  const [resourceType, setResourceType] = useState<FlowLogResourceType>(typeOfId(initialResourceId));
  const [selectedIds, setSelectedIds] = useState<string[]>(initialResourceId && resources.some((r) => r.id === initialResourceId) ? [initialResourceId] : []);
  const [trafficType, setTrafficType] = useState('ALL');
  const [interval, setInterval] = useState('600');
  const [bucket, setBucket] = useState(buckets.length === 1 ? buckets[0] : '');
  const [folder, setFolder] = useState('');
  const [logFormat, setLogFormat] = useState<'default' | 'custom'>('default');
  const [fields, setFields] = useState<string[]>([...DEFAULT_FLOW_LOG_FIELDS]);
  const [fileFormat, setFileFormat] = useState('plain-text');
  const [hive, setHive] = useState(false);
  const [perHour, setPerHour] = useState('false');
  const [tags, setTags] = useState<TagRow[]>([]);
  const [touched, setTouched] = useState(false);

  const [state, formAction, pending] = useActionState(async (prev: CreateFlowLogResult | null, formData: FormData) => {
    // On success the action redirects to the Flow logs page; only failures come back here.
    const result = await createFlowLog(prev, formData);
    if (!result.ok && !result.issues) {
      const failures = result.failures ?? [];
      flash.push({
        type: 'error',
        header: result.createdIds?.length ? t('flowLogs.create.partial', { ids: result.createdIds.join(', ') }) : t('flowLogs.create.failed'),
        code: failures.length > 1 ? undefined : result.code,
        content: failures.length > 1 ? failures.map((f) => `${f.resourceId}: ${f.code}: ${f.message}`).join(' · ') : failures.length === 1 ? `${failures[0].resourceId}: ${result.message}` : result.message,
      });
      window.scrollTo({ top: 0 });
    }
    return result;
  }, null);

  const nameRow: TagRow[] = name.trim() ? [{ key: 'Name', value: name }] : [];
  const allTags = [...nameRow, ...tags];
  const visibleResources = resources.filter((r) => r.type === resourceType);
  const selectedOfType = selectedIds.filter((id) => visibleResources.some((r) => r.id === id));
  const check = checkCreateFlowLog({
    resourceType,
    resourceIds: selectedOfType,
    trafficType,
    maxAggregationInterval: interval,
    bucket,
    folder,
    logFormat,
    fields,
    fileFormat,
    hiveCompatiblePartitions: hive,
    perHourPartition: perHour === 'true',
    tags: allTags,
  });
  const serverIssues = state && !state.ok && state.issues ? state.issues : {};
  const issues: Partial<Record<CreateFlowLogField, string>> = touched && !check.ok ? check.issues : serverIssues;
  const issueText = (field: CreateFlowLogField) => (issues[field] ? t(`flowLogs.createIssue.${issues[field]}` as MessageKey) : undefined);
  const tagIssues = touched ? checkTags(allTags) : state && !state.ok ? (state.tagIssues ?? []) : [];

  const resourceColumns: TableColumn<FlowLogResource>[] = [
    { id: 'name', header: t('flowLogs.colName'), isRowHeader: true, sortValue: (r) => r.name, cell: (r) => r.name ?? '-' },
    { id: 'id', header: t('flowLogs.colResource'), sortValue: (r) => r.id, cell: (r) => <span className="font-mono text-[13px]">{r.id}</span> },
    { id: 'detail', header: '', sortable: false, cell: (r) => <span className="text-ink-secondary">{r.detail}</span> },
  ];

  return (
    <form
      action={formAction}
      noValidate
      className="flex flex-col gap-6"
      onSubmit={(event) => {
        if (!check.ok) {
          event.preventDefault();
          setTouched(true);
        }
      }}
    >
      <Container header={<Header>{t('flowLogs.create.settings')}</Header>}>
        <div className="flex max-w-[960px] flex-col gap-6">
          <FormField label={t('flowLogs.create.name')} optional>
            <Input value={name} placeholder={t('flowLogs.create.namePlaceholder')} maxLength={256} autoComplete="off" onChange={(event) => setName(event.target.value)} className="max-w-[480px]" />
          </FormField>

          <RadioGroup
            name="resourceType"
            label={t('flowLogs.create.resourceType')}
            value={resourceType}
            inline
            errorText={issueText('resourceType')}
            onChange={(value) => setResourceType(value as FlowLogResourceType)}
            options={FLOW_LOG_RESOURCE_TYPES.map((type) => ({ value: type, label: t(`flowLogs.create.resourceType.${type}`) }))}
          />

          <div className="flex flex-col gap-1">
            <span className="font-bold">{t('flowLogs.create.resources')}</span>
            <span className="text-[12px] leading-4 text-ink-secondary">{t('flowLogs.create.resourcesDescription')}</span>
            {selectedOfType.map((id) => (
              <input key={id} type="hidden" name="resourceId" value={id} />
            ))}
            <div className="mt-1">
              <Table
                variant="embedded"
                ariaLabel={t('flowLogs.create.resourcesLabel')}
                items={visibleResources}
                columns={resourceColumns}
                trackBy={(r) => r.id}
                itemLabel={(r) => (r.name ? `${r.name} (${r.id})` : r.id)}
                selectionType="multi"
                selectedItems={visibleResources.filter((r) => selectedIds.includes(r.id))}
                onSelectionChange={(items) => setSelectedIds(items.map((r) => r.id))}
                filter={visibleResources.length > 8 ? { placeholder: t('flowLogs.filter') } : undefined}
                pageSize={10}
                empty={<TableEmptyState title={t('flowLogs.create.resourcesEmpty')} />}
              />
            </div>
            {issueText('resourceIds') && (
              <p className="flex items-start gap-1.5 text-[12px] leading-4 text-error" aria-live="polite">
                <Icon name="status-negative" size={14} className="mt-px" />
                {issueText('resourceIds')}
              </p>
            )}
          </div>

          <RadioGroup
            name="trafficType"
            label={t('flowLogs.create.filter')}
            description={t('flowLogs.create.filterDescription')}
            value={trafficType}
            inline
            errorText={issueText('trafficType')}
            onChange={setTrafficType}
            options={(['ACCEPT', 'REJECT', 'ALL'] as const).map((value) => ({ value, label: t(`flowLogs.traffic.${value}`) }))}
          />

          <RadioGroup
            name="maxAggregationInterval"
            label={t('flowLogs.create.interval')}
            description={t('flowLogs.create.intervalDescription')}
            value={interval}
            inline
            errorText={issueText('maxAggregationInterval')}
            onChange={setInterval}
            options={[
              { value: '600', label: t('flowLogs.interval.600') },
              { value: '60', label: t('flowLogs.interval.60') },
            ]}
          />
        </div>
      </Container>

      <Container header={<Header>{t('flowLogs.create.destination')}</Header>}>
        <div className="flex max-w-[960px] flex-col gap-6">
          <RadioGroup name="destinationType" label={t('flowLogs.colDestinationType')} value="s3" onChange={() => undefined} options={[{ value: 's3', label: t('flowLogs.create.destinationS3') }]} />
          {buckets.length === 0 && <Alert type="warning">{t('flowLogs.create.noBuckets')}</Alert>}
          <div className="grid gap-4 md:grid-cols-2">
            <FormField label={t('flowLogs.create.bucket')} description={t('flowLogs.create.bucketDescription')} errorText={issueText('bucket')}>
              <Select
                name="bucket"
                value={bucket}
                onChange={(event) => setBucket(event.target.value)}
                options={[{ value: '', label: t('flowLogs.create.bucketPlaceholder'), disabled: true }, ...buckets.map((b) => ({ value: b, label: b }))]}
              />
            </FormField>
            <FormField label={t('flowLogs.create.folder')} optional description={t('flowLogs.create.folderDescription')} errorText={issueText('folder')}>
              <Input name="folder" value={folder} placeholder="my-logs/" autoComplete="off" spellCheck={false} onChange={(event) => setFolder(event.target.value)} />
            </FormField>
          </div>
          <div className="flex flex-col gap-1">
            <span id="destination-arn" className="font-bold">
              {t('flowLogs.create.destinationArn')}
            </span>
            <output aria-labelledby="destination-arn" className="font-mono text-[13px] break-all">
              {bucket ? s3DestinationArn(bucket, folder) : '-'}
            </output>
          </div>
        </div>
      </Container>

      <Container header={<Header description={t('flowLogs.create.logFormatDescription')}>{t('flowLogs.create.logFormat')}</Header>}>
        <div className="flex flex-col gap-6">
          <RadioGroup
            name="logFormat"
            label={t('flowLogs.create.logFormat')}
            value={logFormat}
            inline
            onChange={(value) => setLogFormat(value === 'custom' ? 'custom' : 'default')}
            options={[
              { value: 'default', label: t('flowLogs.format.default') },
              { value: 'custom', label: t('flowLogs.format.custom') },
            ]}
          />
          {logFormat === 'custom' ? (
            <div className="flex flex-col gap-1">
              <span className="font-bold">{t('flowLogs.create.fields')}</span>
              <span className="text-[12px] leading-4 text-ink-secondary">{t('flowLogs.create.fieldsDescription')}</span>
              <div className="mt-1">
                <FieldPicker fields={fields} onChange={setFields} errorText={issueText('fields')} />
              </div>
            </div>
          ) : (
            <output className="block rounded-lg border border-line bg-[#fbfbfb] px-3 py-2 font-mono text-[12px] leading-[18px] break-words">
              {DEFAULT_FLOW_LOG_FIELDS.map((f) => `\${${f}}`).join(' ')}
            </output>
          )}
          <div className="grid gap-6 md:grid-cols-3">
            <RadioGroup
              name="fileFormat"
              label={t('flowLogs.create.fileFormat')}
              description={t('flowLogs.create.fileFormatDescription')}
              value={fileFormat}
              errorText={issueText('fileFormat')}
              onChange={setFileFormat}
              options={[
                { value: 'plain-text', label: t('flowLogs.create.fileFormat.plain-text') },
                { value: 'parquet', label: t('flowLogs.create.fileFormat.parquet') },
              ]}
            />
            <fieldset className="flex flex-col gap-1">
              <legend className="font-bold">{t('flowLogs.create.hive')}</legend>
              <span className="text-[12px] leading-4 text-ink-secondary">{t('flowLogs.create.hiveDescription')}</span>
              <input type="hidden" name="hiveCompatiblePartitions" value={String(hive)} />
              <div className="mt-1">
                <Checkbox checked={hive} onChange={(event) => setHive(event.target.checked)}>
                  {t('flowLogs.create.hiveEnable')}
                </Checkbox>
              </div>
            </fieldset>
            <RadioGroup
              name="perHourPartition"
              label={t('flowLogs.create.perHour')}
              value={perHour}
              onChange={setPerHour}
              options={[
                { value: 'false', label: t('flowLogs.create.perHour.false') },
                { value: 'true', label: t('flowLogs.create.perHour.true') },
              ]}
            />
          </div>
        </div>
      </Container>

      <Container header={<Header description={t('flowLogs.create.tagsDescription')}>{t('flowLogs.create.tags')}</Header>}>
        {nameRow.map((row) => (
          <span key="name">
            <input type="hidden" name="tagKey" value={row.key} />
            <input type="hidden" name="tagValue" value={row.value} />
          </span>
        ))}
        <TagEditor rows={tags} onChange={setTags} issues={tagIssues.slice(nameRow.length)} reserved={nameRow.length} />
      </Container>

      <div className="flex items-center justify-end gap-2">
        <Link href={cancelHref} className="rounded-full px-3 py-1 font-bold text-link hover:bg-selected hover:no-underline">
          {t('common.cancel')}
        </Link>
        <Button variant="primary" type="submit" loading={pending}>
          {t('flowLogs.create.submit')}
        </Button>
      </div>
    </form>
  );
}
