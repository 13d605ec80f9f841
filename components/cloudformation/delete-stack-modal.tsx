'use client';

import { useActionState, useId } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
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
  const formId = useId();
  const [, formAction, pending] = useActionState(async (prev: DeleteStackResult | null, formData: FormData) => {
    const result = await deleteStack(prev, formData);
    onDone(result);
    return result;
  }, null);
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('cfn.delete.title')}
      size="small"
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending}>
            {t('cfn.delete.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} action={formAction} className="flex flex-col gap-3">
        <input type="hidden" name="stackId" value={stackId} />
        <p className="font-bold break-all">{t('cfn.delete.stackName', { name: stackName })}</p>
        <Alert type="warning">{t('cfn.delete.body')}</Alert>
      </form>
    </Modal>
  );
}
