'use client';

import { useActionState, useId, type ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from './button';
import { Modal, type ModalProps } from './modal';

interface Props<R> {
  header: string;
  size?: ModalProps['size'];
  /** Label of the primary button that submits the form. */
  submitLabel: string;
  /** The server action the form posts to. */
  action: (previous: R | null, formData: FormData) => Promise<R>;
  onDismiss: () => void;
  /** Called with the action's outcome; the caller shows it (usually as a flash) and closes the modal. */
  onDone: (result: R) => void;
  /** The form's fields: hidden inputs and what the user reads before confirming. */
  children: ReactNode;
  /** Keeps the primary button disabled (e.g. while what the form submits is still loading). */
  submitDisabled?: boolean;
}

/**
 * A confirmation modal whose body is a form posted to a server action: Cancel, and a primary
 * button that submits and shows progress until the action answers. Render it only while open, so
 * every opening starts with fresh action state.
 */
export function ActionFormModal<R>({ header, size, submitLabel, action, onDismiss, onDone, children, submitDisabled = false }: Props<R>) {
  const t = useT();
  const formId = useId();
  const [, formAction, pending] = useActionState(async (previous: R | null, formData: FormData) => {
    const result = await action(previous, formData);
    onDone(result);
    return result;
  }, null);
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={header}
      size={size}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={pending} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} action={formAction} className="flex flex-col gap-3">
        {children}
      </form>
    </Modal>
  );
}
