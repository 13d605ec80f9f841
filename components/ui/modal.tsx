'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from './button';
import { cx } from './class-names';
import { Icon } from './icon';

export interface ModalProps {
  visible: boolean;
  /** Called for the close button and Escape; the parent decides whether to hide the modal. */
  onDismiss: () => void;
  header: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: 'small' | 'medium' | 'large';
}

const widths = { small: 'max-w-[440px]', medium: 'max-w-[600px]', large: 'max-w-[820px]' };

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert
 * (focus stays inside), names the dialog by its header, and Escape asks the parent to dismiss it.
 * The content is unmounted while hidden, so every opening starts from a clean form.
 */
export function Modal(props: ModalProps) {
  if (!props.visible) return null;
  return <OpenModal {...props} />;
}

function OpenModal({ onDismiss, header, children, footer, size = 'medium' }: ModalProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onDismissRef = useRef(onDismiss);

  useEffect(() => {
    onDismissRef.current = onDismiss;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Focus the first field if there is one, else the dialog itself (not the close button).
    const field = dialog.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]):not([disabled]), select, textarea');
    (field ?? dialog).focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onDismissRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      tabIndex={-1}
      className={cx(
        'm-auto w-[calc(100%-2rem)] rounded-2xl border-0 bg-white p-0 text-ink shadow-[0_4px_20px_1px_rgba(0,7,22,0.25)] outline-none backdrop:bg-[rgba(35,43,55,0.7)]',
        widths[size],
      )}
    >
      <div className="flex items-start justify-between gap-4 px-5 pt-4 pb-3">
        <h2 id={titleId} className="text-[18px] leading-[22px] font-bold">
          {header}
        </h2>
        <Button variant="icon" ariaLabel={t('modal.close')} onClick={() => onDismissRef.current()}>
          <Icon name="close" />
        </Button>
      </div>
      {children && <div className="max-h-[70vh] overflow-y-auto px-5 pb-4">{children}</div>}
      {footer && <div className="flex justify-end gap-2 border-t border-line px-5 py-3">{footer}</div>}
    </dialog>
  );
}
