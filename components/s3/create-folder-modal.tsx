'use client';

import { useActionState, useId, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { Flashbar } from '@/components/ui/flashbar';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { s3Uri } from '@/lib/s3-keys';
import { createFolder, type CreateFolderResult } from '@/server/actions/s3';

interface Props {
  visible: boolean;
  bucket: string;
  prefix: string;
  onDismiss: () => void;
  onCreated: (name: string) => void;
}

export function CreateFolderModal(props: Props) {
  return props.visible ? <CreateFolderDialog {...props} /> : null;
}

function CreateFolderDialog({ bucket, prefix, onDismiss, onCreated }: Props) {
  const t = useT();
  const formId = useId();
  const [name, setName] = useState('');
  const [state, formAction, pending] = useActionState(async (prev: CreateFolderResult | null, formData: FormData) => {
    const result = await createFolder(prev, formData);
    if (result.ok) onCreated(String(formData.get('name')));
    return result;
  }, null);
  const localError = name.includes('/') ? t('s3.folder.slash') : undefined;
  const fieldError = state && !state.ok ? state.fieldErrors?.name?.[0] : undefined;
  const apiError = state && !state.ok && !state.fieldErrors ? state : null;
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('s3.folder.title')}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending} disabled={Boolean(localError)}>
            {t('s3.folder.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} action={formAction} noValidate className="flex flex-col gap-4">
        {apiError && (
          <Flashbar items={[{ id: 'folder-error', type: 'error', header: t('s3.folder.failed', { name }), code: apiError.code, content: apiError.message, dismissible: false }]} />
        )}
        <input type="hidden" name="bucket" value={bucket} />
        <input type="hidden" name="prefix" value={prefix} />
        <p className="break-all text-ink-secondary">{t('s3.folder.destination', { uri: s3Uri(bucket, prefix) })}</p>
        <FormField label={t('s3.folder.nameLabel')} constraintText={t('s3.folder.nameConstraint')} errorText={localError ?? fieldError}>
          <Input name="name" value={name} autoComplete="off" spellCheck={false} onChange={(event) => setName(event.target.value)} />
        </FormField>
      </form>
    </Modal>
  );
}
