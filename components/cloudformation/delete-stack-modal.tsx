'use client';

import { useEffect, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { ActionFormModal } from '@/components/ui/action-form-modal';
import { Checkbox } from '@/components/ui/checkbox';
import { RadioGroup } from '@/components/ui/radio-group';
import { Spinner } from '@/components/ui/spinner';
import { deleteStack, listDeleteFailedResources, type DeleteStackResult, type FailedResourcesResult } from '@/server/actions/cloudformation';

interface Props {
  visible: boolean;
  stackId: string;
  stackName: string;
  /** The stack's status: a DELETE_FAILED stack gets the ways out AWS offers (retain, force). */
  status: string;
  onDismiss: () => void;
  /** Called with the outcome; the caller shows DELETE_IN_PROGRESS or the AWS error as a flash. */
  onDone: (result: DeleteStackResult) => void;
}

/** "Delete stack?" confirmation (unmounted while hidden). */
export function DeleteStackModal(props: Props) {
  return props.visible ? <DeleteStackDialog {...props} /> : null;
}

function DeleteStackDialog({ stackId, stackName, status, onDismiss, onDone }: Props) {
  const t = useT();
  const deleteFailed = status === 'DELETE_FAILED';
  return (
    <ActionFormModal
      header={t('cfn.delete.title')}
      size={deleteFailed ? 'medium' : 'small'}
      submitLabel={t('cfn.delete.submit')}
      action={deleteStack}
      onDismiss={onDismiss}
      onDone={onDone}
    >
      <input type="hidden" name="stackId" value={stackId} />
      <p className="font-bold break-all">{t('cfn.delete.stackName', { name: stackName })}</p>
      {deleteFailed ? <DeleteFailedOptions stackId={stackId} /> : <Alert type="warning">{t('cfn.delete.body')}</Alert>}
    </ActionFormModal>
  );
}

/**
 * A stack stuck in DELETE_FAILED (say, a workgroup that still holds queries) is deleted again,
 * either keeping the resources the user ticks (RetainResources) or forcing the whole stack
 * (FORCE_DELETE_STACK: whatever fails to delete is kept). Either way the kept resources stay in the
 * account, so the dialog says so.
 */
function DeleteFailedOptions({ stackId }: { stackId: string }) {
  const t = useT();
  const [mode, setMode] = useState('retain');
  const [failed, setFailed] = useState<FailedResourcesResult | null>(null);
  useEffect(() => {
    let live = true;
    void listDeleteFailedResources(stackId).then((result) => live && setFailed(result));
    return () => {
      live = false;
    };
  }, [stackId]);
  return (
    <>
      <Alert type="warning">{t('cfn.delete.failedIntro')}</Alert>
      <RadioGroup
        name="mode"
        label={t('cfn.delete.modeLabel')}
        value={mode}
        onChange={setMode}
        options={[
          { value: 'retain', label: t('cfn.delete.modeRetain'), description: t('cfn.delete.modeRetainDescription') },
          { value: 'force', label: t('cfn.delete.modeForce'), description: t('cfn.delete.modeForceDescription') },
        ]}
      />
      {mode === 'retain' && (
        <fieldset className="flex flex-col gap-2">
          <legend className="font-bold text-ink">{t('cfn.delete.retainLabel')}</legend>
          {failed === null && <Spinner />}
          {failed && !failed.ok && <Alert type="error">{failed.message}</Alert>}
          {failed?.ok && failed.data.length === 0 && <p className="text-ink-secondary">{t('cfn.delete.retainNone')}</p>}
          {failed?.ok &&
            failed.data.map((resource) => (
              <Checkbox key={resource.logicalId} name="retain" value={resource.logicalId} defaultChecked description={resource.statusReason ?? undefined}>
                <span className="font-mono text-[13px]">{resource.logicalId}</span> <span className="text-ink-secondary">({resource.type})</span>
              </Checkbox>
            ))}
        </fieldset>
      )}
    </>
  );
}
