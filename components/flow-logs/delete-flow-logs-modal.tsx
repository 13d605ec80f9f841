'use client';

import { useActionState, useId, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Flashbar } from '@/components/ui/flashbar';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { deleteFlowLogs, type DeleteFlowLogsResult } from '@/server/actions/flow-logs';

const CONFIRMATION = 'delete';

/** "Delete flow logs": the Delete button stays disabled until the user types "delete". */
export function DeleteFlowLogsModal({
  flowLogIds,
  onDismiss,
  onDeleted,
}: {
  flowLogIds: string[];
  onDismiss: () => void;
  onDeleted: (ids: string[]) => void;
}) {
  const t = useT();
  const formId = useId();
  const [confirmation, setConfirmation] = useState('');
  const [state, formAction, pending] = useActionState(async (prev: DeleteFlowLogsResult | null, formData: FormData) => {
    const result = await deleteFlowLogs(prev, formData);
    if (result.ok) onDeleted(result.data.deleted);
    return result;
  }, null);
  const confirmed = confirmation.trim() === CONFIRMATION;

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('flowLogs.delete.title')}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} disabled={!confirmed} loading={pending}>
            {t('flowLogs.delete.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} action={formAction} className="flex flex-col gap-4" noValidate>
        {state && !state.ok && (
          <Flashbar items={[{ id: 'delete-error', type: 'error', header: t('flowLogs.delete.failed'), code: state.code, content: state.message, dismissible: false }]} />
        )}
        {flowLogIds.map((id) => (
          <input key={id} type="hidden" name="flowLogId" value={id} />
        ))}
        <p>{flowLogIds.length === 1 ? t('flowLogs.delete.bodyOne', { id: flowLogIds[0] }) : t('flowLogs.delete.bodyMany', { count: flowLogIds.length })}</p>
        {flowLogIds.length > 1 && (
          <ul className="list-disc pl-6 font-mono text-[13px]">
            {flowLogIds.map((id) => (
              <li key={id}>{id}</li>
            ))}
          </ul>
        )}
        <Alert type="info">{t('flowLogs.delete.note')}</Alert>
        <FormField label={t('flowLogs.delete.confirmLabel')}>
          <Input
            name="confirmation"
            value={confirmation}
            placeholder={t('flowLogs.delete.confirmPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setConfirmation(event.target.value)}
          />
        </FormField>
      </form>
    </Modal>
  );
}
