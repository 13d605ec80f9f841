'use client';

import { useActionState, useId } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { deleteBucket, type DeleteBucketResult } from '@/server/actions/s3';

interface Props {
  visible: boolean;
  name: string;
  onDismiss: () => void;
  /** Called with the outcome; the page shows success or the AWS error (e.g. BucketNotEmpty) as a flash. */
  onDone: (result: DeleteBucketResult) => void;
}

export function DeleteBucketModal(props: Props) {
  return props.visible ? <DeleteBucketDialog {...props} /> : null;
}

function DeleteBucketDialog({ name, onDismiss, onDone }: Props) {
  const t = useT();
  const formId = useId();
  const [, formAction, pending] = useActionState(async (prev: DeleteBucketResult | null, formData: FormData) => {
    const result = await deleteBucket(prev, formData);
    onDone(result);
    return result;
  }, null);
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('s3.delete.title')}
      size="small"
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending}>
            {t('s3.delete.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} action={formAction} className="flex flex-col gap-3">
        <input type="hidden" name="name" value={name} />
        <p className="break-words">{t('s3.delete.body', { name })}</p>
        <Alert type="info">{t('s3.delete.emptyNote')}</Alert>
      </form>
    </Modal>
  );
}
