'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { ActionFormModal } from '@/components/ui/action-form-modal';
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
  return (
    <ActionFormModal header={t('s3.delete.title')} size="small" submitLabel={t('s3.delete.submit')} action={deleteBucket} onDismiss={onDismiss} onDone={onDone}>
      <input type="hidden" name="name" value={name} />
      <p className="break-words">{t('s3.delete.body', { name })}</p>
      <Alert type="info">{t('s3.delete.emptyNote')}</Alert>
    </ActionFormModal>
  );
}
