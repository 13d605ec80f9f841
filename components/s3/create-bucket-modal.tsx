'use client';

import { useActionState, useId, useState } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { Flashbar } from '@/components/ui/flashbar';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { regionLabel } from '@/lib/aws-regions';
import { bucketNameIssueMessage, validateBucketName } from '@/lib/s3-bucket-name';
import { createBucket, type CreateBucketResult } from '@/server/actions/s3';

interface Props {
  visible: boolean;
  region: string;
  onDismiss: () => void;
  onCreated: (name: string) => void;
}

/** Unmounted while hidden, so each opening starts with an empty form. */
export function CreateBucketModal(props: Props) {
  return props.visible ? <CreateBucketDialog {...props} /> : null;
}

function CreateBucketDialog({ region, onDismiss, onCreated }: Props) {
  const t = useT();
  const lang = useLang();
  const formId = useId();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: CreateBucketResult | null, formData: FormData) => {
    const result = await createBucket(prev, formData);
    if (result.ok) onCreated(result.data.name);
    return result;
  }, null);

  // Rules are checked as the user types (once they have left the field or tried to submit);
  // the server checks them again, and S3 has the last word on uniqueness.
  const issues = validateBucketName(name);
  const localError = touched && issues.length > 0 ? bucketNameIssueMessage(issues[0], t) : undefined;
  const serverError = state && !state.ok ? state.fieldErrors?.name?.[0] : undefined;
  const apiError = state && !state.ok && !state.fieldErrors ? state : null;

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('s3.create.title')}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending}>
            {t('s3.create.submit')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        action={formAction}
        noValidate
        onSubmit={(event) => {
          if (issues.length > 0) {
            event.preventDefault();
            setTouched(true);
          }
        }}
        className="flex flex-col gap-4"
      >
        {apiError && (
          <Flashbar
            items={[{ id: 'create-error', type: 'error', header: t('s3.create.failed', { name }), code: apiError.code, content: apiError.message, dismissible: false }]}
          />
        )}
        <FormField
          label={t('s3.create.nameLabel')}
          description={t('s3.create.nameDescription')}
          constraintText={t('s3.create.nameConstraint')}
          errorText={localError ?? serverError}
        >
          <Input
            name="name"
            value={name}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('s3.create.namePlaceholder')}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => name && setTouched(true)}
          />
        </FormField>
        <FormField label={t('s3.create.regionLabel')}>
          <Input value={regionLabel(region, lang)} readOnly disabled />
        </FormField>
      </form>
    </Modal>
  );
}
