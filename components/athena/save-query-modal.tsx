'use client';

import { useActionState, useId, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { CodeView } from '@/components/ui/code-view';
import { Flashbar } from '@/components/ui/flashbar';
import { FormField } from '@/components/ui/form-field';
import { Icon } from '@/components/ui/icon';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { controlClass } from '@/components/ui/input';
import { cx } from '@/components/ui/class-names';
import { saveQuery, type SaveQueryResult } from '@/server/actions/athena';

export interface SaveQueryTarget {
  /** "save-as" creates a saved query; "rename" changes the name and description of `id`. */
  mode: 'save-as' | 'rename';
  id?: string;
  name: string;
  description: string;
  sql: string;
  database: string | null;
  workGroup: string;
}

interface Props {
  target: SaveQueryTarget | null;
  onDismiss: () => void;
  onSaved: (result: Extract<SaveQueryResult, { ok: true }>) => void;
}

export function SaveQueryModal({ target, ...rest }: Props) {
  return target ? <SaveQueryDialog key={`${target.mode}-${target.id ?? ''}`} target={target} {...rest} /> : null;
}

/** The "Save query" dialog (name, description, a preview of the SQL), also used to rename a saved query. */
function SaveQueryDialog({ target, onDismiss, onSaved }: Props & { target: SaveQueryTarget }) {
  const t = useT();
  const formId = useId();
  const descriptionId = useId();
  const [name, setName] = useState(target.name);
  const [description, setDescription] = useState(target.description);
  const [showSql, setShowSql] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: SaveQueryResult | null, formData: FormData) => {
    const result = await saveQuery(prev, formData);
    if (result.ok) onSaved(result);
    return result;
  }, null);
  const fieldError = (field: string) => (state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined);
  const apiError = state && !state.ok && !state.fieldErrors ? state : null;
  const rename = target.mode === 'rename';

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={rename ? t('athena.save.renameTitle') : t('athena.save.title')}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending}>
            {rename ? t('athena.save.renameSubmit') : t('athena.save.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} action={formAction} noValidate className="flex flex-col gap-4">
        {apiError && <Flashbar items={[{ id: 'save-error', type: 'error', header: t('athena.save.failed'), code: apiError.code, content: apiError.message, dismissible: false }]} />}
        {target.id && <input type="hidden" name="id" value={target.id} />}
        <input type="hidden" name="sql" value={target.sql} />
        <input type="hidden" name="database" value={target.database ?? ''} />
        <input type="hidden" name="workGroup" value={target.workGroup} />
        <FormField label={t('athena.save.name')} constraintText={t('athena.save.nameConstraint')} errorText={fieldError('name')}>
          <Input name="name" value={name} maxLength={128} autoComplete="off" onChange={(event) => setName(event.target.value)} />
        </FormField>
        <FormField label={t('athena.save.description')} optional constraintText={t('athena.save.descriptionConstraint')} errorText={fieldError('description')} controlId={descriptionId}>
          <textarea
            id={descriptionId}
            name="description"
            value={description}
            maxLength={1024}
            rows={3}
            onChange={(event) => setDescription(event.target.value)}
            className={cx(controlClass, 'resize-y')}
          />
        </FormField>
        {fieldError('database') && <p className="text-error">{fieldError('database')}</p>}
        {fieldError('sql') && <p className="text-error">{fieldError('sql')}</p>}
        <div className="flex flex-col gap-2">
          <button type="button" aria-expanded={showSql} onClick={() => setShowSql((value) => !value)} className="flex items-center gap-1.5 self-start font-bold hover:text-link">
            <Icon name={showSql ? 'caret-down' : 'angle-right'} size={showSql ? 16 : 12} className={cx(!showSql && 'mx-0.5')} />
            {t('athena.save.preview')}
          </button>
          {showSql && <CodeView content={target.sql} ariaLabel={t('athena.save.preview')} maxHeight={220} />}
        </div>
      </form>
    </Modal>
  );
}
