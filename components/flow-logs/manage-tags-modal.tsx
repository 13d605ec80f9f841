'use client';

import { useActionState, useId, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { Flashbar } from '@/components/ui/flashbar';
import { Modal } from '@/components/ui/modal';
import { checkTags, type TagRow } from '@/lib/ec2-tags';
import { updateFlowLogTags, type UpdateTagsResult } from '@/server/actions/flow-logs';
import { TagEditor } from './tag-editor';

/** Manage tags of one flow log: edit the rows, Save sends CreateTags / DeleteTags for the difference. */
export function ManageTagsModal({
  flowLogId,
  tags,
  onDismiss,
  onSaved,
}: {
  flowLogId: string;
  tags: TagRow[];
  onDismiss: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const formId = useId();
  const [rows, setRows] = useState<TagRow[]>(() => tags.map((tag) => ({ ...tag })));
  const [touched, setTouched] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: UpdateTagsResult | null, formData: FormData) => {
    const result = await updateFlowLogTags(prev, formData);
    if (result.ok) onSaved();
    return result;
  }, null);
  const issues = checkTags(rows);
  const shownIssues = touched ? issues : state && !state.ok ? (state.tagIssues ?? []) : [];

  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      header={`${t('flowLogs.tags.title')}: ${flowLogId}`}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending}>
            {t('flowLogs.tags.save')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        action={formAction}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          if (issues.some(Boolean)) {
            event.preventDefault();
            setTouched(true);
          }
        }}
      >
        {state && !state.ok && !state.tagIssues && (
          <Flashbar items={[{ id: 'tags-error', type: 'error', header: t('flowLogs.tags.failed'), code: state.code, content: state.message, dismissible: false }]} />
        )}
        <p className="text-ink-secondary">{t('flowLogs.tags.description')}</p>
        <input type="hidden" name="flowLogId" value={flowLogId} />
        <TagEditor rows={rows} onChange={setRows} issues={shownIssues} />
      </form>
    </Modal>
  );
}
