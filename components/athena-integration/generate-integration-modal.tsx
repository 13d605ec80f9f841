'use client';

import { useActionState, useId, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { CreateBucketModal } from '@/components/s3/create-bucket-modal';
import { Button } from '@/components/ui/button';
import { Flashbar } from '@/components/ui/flashbar';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { Select } from '@/components/ui/select';
import { checkIntegrationDialog, type IntegrationDialogIssue } from '@/lib/athena-integration/dialog-checks';
import type { IntegrationFormField, IntegrationFormValues } from '@/lib/athena-integration/integration-form';
import { parseS3Uri } from '@/lib/athena-integration/s3-locations';
import type { MessageKey } from '@/lib/i18n/core';
import { generateAthenaIntegration, type GeneratedTemplate, type GenerateIntegrationResult } from '@/server/actions/athena-integration';
import type { FlowLogView } from '@/server/data/ec2';
import { SavedQueriesPreview } from './saved-queries-preview';
import { S3LocationBrowser } from './s3-location-browser';

const FREQUENCIES = ['none', 'daily', 'weekly', 'monthly'] as const;

/** Today as YYYY-MM-DD in UTC, the latest day a date picker offers (dates must be in the past). */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Actions → Generate Athena integration, for one flow log that publishes to S3: the fields of the
 * AWS console's dialog, checked as the user types (after the first attempt to submit), and a
 * preview of the saved queries the flow log's format gets. Generate calls GetFlowLogsIntegrationTemplate.
 */
export function GenerateIntegrationModal({
  flowLog,
  region,
  onDismiss,
  onGenerated,
}: {
  flowLog: FlowLogView;
  /** The console's Region (the buckets must be in it). */
  region: string;
  onDismiss: () => void;
  onGenerated: (template: GeneratedTemplate) => void;
}) {
  const t = useT();
  const formId = useId();
  const [values, setValues] = useState<IntegrationFormValues>({
    partitionLoadFrequency: 'daily',
    partitionStartDate: '',
    partitionEndDate: '',
    templateLocation: '',
    resultsLocation: '',
  });
  const [touched, setTouched] = useState(false);
  const [browsing, setBrowsing] = useState<'templateLocation' | 'resultsLocation' | null>(null);
  const [creatingBucketFor, setCreatingBucketFor] = useState<'templateLocation' | 'resultsLocation' | null>(null);
  const [state, formAction, pending] = useActionState(async (prev: GenerateIntegrationResult | null, formData: FormData) => {
    const result = await generateAthenaIntegration(prev, formData);
    if (result.ok) onGenerated(result.data);
    return result;
  }, null);

  const issues = checkIntegrationDialog(values);
  const shown: Partial<Record<IntegrationFormField, IntegrationDialogIssue | string>> = touched ? issues : state && !state.ok && 'issues' in state && state.issues ? state.issues : {};
  const error = (field: IntegrationFormField) => {
    const issue = shown[field];
    return issue ? t(`integration.issue.${issue}` as MessageKey) : undefined;
  };
  const set = (field: IntegrationFormField, value: string) => setValues((current) => ({ ...current, [field]: value }));
  const apiError = state && !state.ok && !('issues' in state && state.issues) ? state : null;
  const none = values.partitionLoadFrequency === 'none';

  const locationField = (field: 'templateLocation' | 'resultsLocation', label: string, description: string) => {
    const parsed = parseS3Uri(values[field]);
    return (
      <FormField label={label} description={description} errorText={error(field)}>
        <div className="flex flex-wrap items-start gap-2">
          <div className="min-w-[240px] flex-1">
            <Input
              name={field}
              value={values[field]}
              placeholder={t('integration.locationPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => set(field, event.target.value)}
            />
          </div>
          <Button ariaLabel={t('integration.browseFor', { field: label })} onClick={() => setBrowsing(field)}>
            {t('integration.browse')}
          </Button>
          <Button iconName="add" onClick={() => setCreatingBucketFor(field)}>
            {t('integration.createBucket')}
          </Button>
        </div>
        {/* Keeps the browser's starting point in step with what was typed. */}
        {browsing === field && (
          <S3LocationBrowser
            initial={parsed.ok ? { bucket: parsed.value.bucket, prefix: parsed.value.prefix } : { bucket: null, prefix: '' }}
            onDismiss={() => setBrowsing(null)}
            onChoose={(uri) => {
              set(field, uri);
              setBrowsing(null);
            }}
          />
        )}
      </FormField>
    );
  };

  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      header={t('integration.title')}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending}>
            {t('integration.submit')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        action={formAction}
        noValidate
        className="flex flex-col gap-5"
        onSubmit={(event) => {
          if (Object.keys(issues).length > 0) {
            event.preventDefault();
            setTouched(true);
          }
        }}
      >
        {apiError && (
          <Flashbar items={[{ id: 'integration-error', type: 'error', header: t('integration.failed'), code: apiError.code, content: apiError.message, dismissible: false }]} />
        )}
        <p className="text-ink-secondary">{t('integration.intro', { id: flowLog.flowLogId })}</p>
        <input type="hidden" name="flowLogId" value={flowLog.flowLogId} />

        <FormField label={t('integration.frequency')} description={t('integration.frequencyDescription')} errorText={error('partitionLoadFrequency')}>
          <Select
            name="partitionLoadFrequency"
            value={values.partitionLoadFrequency}
            onChange={(event) => set('partitionLoadFrequency', event.target.value)}
            options={FREQUENCIES.map((value) => ({ value, label: t(`integration.frequency.${value}`) }))}
            className="max-w-[320px]"
          />
        </FormField>

        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t('integration.startDate')}
            optional={!none}
            description={none ? t('integration.datesRequired') : undefined}
            errorText={error('partitionStartDate')}
          >
            <Input type="date" name="partitionStartDate" value={values.partitionStartDate} max={todayUtc()} onChange={(event) => set('partitionStartDate', event.target.value)} />
          </FormField>
          <FormField label={t('integration.endDate')} optional={!none} description={none ? t('integration.datesRequired') : undefined} errorText={error('partitionEndDate')}>
            <Input type="date" name="partitionEndDate" value={values.partitionEndDate} max={todayUtc()} onChange={(event) => set('partitionEndDate', event.target.value)} />
          </FormField>
        </div>
        {!none && <p className="-mt-3 text-[12px] text-ink-secondary">{t('integration.datesOptional')}</p>}

        {locationField('templateLocation', t('integration.templateLocation'), t('integration.templateLocationDescription'))}
        {locationField('resultsLocation', t('integration.resultsLocation'), t('integration.resultsLocationDescription'))}

        <SavedQueriesPreview logFormat={flowLog.logFormat} />
      </form>

      <CreateBucketModal
        visible={creatingBucketFor !== null}
        region={region}
        onDismiss={() => setCreatingBucketFor(null)}
        onCreated={(name) => {
          if (creatingBucketFor) set(creatingBucketFor, `s3://${name}/`);
          setCreatingBucketFor(null);
        }}
      />
    </Modal>
  );
}
