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
  const [mode, setMode] = useState('retain');
  const [failed, setFailed] = useState<FailedResourcesResult | null>(null);
  // What the user ticks, kept here so switching to Force and back does not re-tick anything.
  const [retained, setRetained] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!deleteFailed) return;
    let live = true;
    void listDeleteFailedResources(stackId).then((result) => {
      if (!live) return;
      setFailed(result);
      if (result.ok) setRetained(new Set(result.data.map((resource) => resource.logicalId)));
    });
    return () => {
      live = false;
    };
  }, [stackId, deleteFailed]);
  return (
    <ActionFormModal
      header={t('cfn.delete.title')}
      size={deleteFailed ? 'medium' : 'small'}
      submitLabel={t('cfn.delete.submit')}
      action={deleteStack}
      onDismiss={onDismiss}
      onDone={onDone}
      // Retaining needs the list: submitted before it loads, the stack would just fail to delete again.
      submitDisabled={deleteFailed && mode === 'retain' && !failed?.ok}
    >
      <input type="hidden" name="stackId" value={stackId} />
      <p className="font-bold break-all">{t('cfn.delete.stackName', { name: stackName })}</p>
      {deleteFailed ? (
        <DeleteFailedOptions mode={mode} onModeChange={setMode} failed={failed} retained={retained} onRetainedChange={setRetained} />
      ) : (
        <Alert type="warning">{t('cfn.delete.body')}</Alert>
      )}
    </ActionFormModal>
  );
}

/**
 * A stack stuck in DELETE_FAILED (say, a workgroup that still holds queries) is deleted again,
 * either keeping the resources the user ticks (RetainResources) or forcing the whole stack
 * (FORCE_DELETE_STACK: whatever fails to delete is kept). Either way the kept resources stay in the
 * account, so the dialog says so.
 */
function DeleteFailedOptions({
  mode,
  onModeChange,
  failed,
  retained,
  onRetainedChange,
}: {
  mode: string;
  onModeChange: (mode: string) => void;
  failed: FailedResourcesResult | null;
  retained: Set<string>;
  onRetainedChange: (retained: Set<string>) => void;
}) {
  const t = useT();
  const toggle = (logicalId: string, keep: boolean) => {
    const next = new Set(retained);
    if (keep) next.add(logicalId);
    else next.delete(logicalId);
    onRetainedChange(next);
  };
  return (
    <>
      <Alert type="warning">{t('cfn.delete.failedIntro')}</Alert>
      <RadioGroup
        name="mode"
        label={t('cfn.delete.modeLabel')}
        value={mode}
        onChange={onModeChange}
        options={[
          { value: 'retain', label: t('cfn.delete.modeRetain'), description: t('cfn.delete.modeRetainDescription') },
          { value: 'force', label: t('cfn.delete.modeForce'), description: t('cfn.delete.modeForceDescription') },
        ]}
      />
      {mode === 'retain' && (
        <fieldset className="flex flex-col gap-2" aria-busy={failed === null}>
          <legend className="font-bold text-ink">{t('cfn.delete.retainLabel')}</legend>
          {failed === null && (
            <p className="flex items-center gap-2 text-ink-secondary">
              <Spinner />
              {t('cfn.delete.retainLoading')}
            </p>
          )}
          {failed && !failed.ok && <Alert type="error">{failed.message}</Alert>}
          {failed?.ok && failed.data.length === 0 && <p className="text-ink-secondary">{t('cfn.delete.retainNone')}</p>}
          {failed?.ok &&
            failed.data.map((resource) => (
              <Checkbox
                key={resource.logicalId}
                name="retain"
                value={resource.logicalId}
                checked={retained.has(resource.logicalId)}
                onChange={(event) => toggle(resource.logicalId, event.target.checked)}
                description={resource.statusReason ?? undefined}
              >
                <span className="font-mono text-[13px]">{resource.logicalId}</span> <span className="text-ink-secondary">({resource.type})</span>
              </Checkbox>
            ))}
        </fieldset>
      )}
    </>
  );
}
