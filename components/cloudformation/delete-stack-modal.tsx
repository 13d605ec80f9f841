'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { ActionFormModal } from '@/components/ui/action-form-modal';
import { deleteStack, type DeleteStackResult } from '@/server/actions/cloudformation';

interface Props {
  visible: boolean;
  stackId: string;
  stackName: string;
  onDismiss: () => void;
  /** Called with the outcome; the caller shows DELETE_IN_PROGRESS or the AWS error as a flash. */
  onDone: (result: DeleteStackResult) => void;
}

/** "Delete stack?" confirmation (unmounted while hidden). */
export function DeleteStackModal(props: Props) {
  return props.visible ? <DeleteStackDialog {...props} /> : null;
}

function DeleteStackDialog({ stackId, stackName, onDismiss, onDone }: Props) {
  const t = useT();
  return (
    <ActionFormModal header={t('cfn.delete.title')} size="small" submitLabel={t('cfn.delete.submit')} action={deleteStack} onDismiss={onDismiss} onDone={onDone}>
      <input type="hidden" name="stackId" value={stackId} />
      <p className="font-bold break-all">{t('cfn.delete.stackName', { name: stackName })}</p>
      <Alert type="warning">{t('cfn.delete.body')}</Alert>
    </ActionFormModal>
  );
}
