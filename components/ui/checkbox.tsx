'use client';

import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { cx } from './class-names';
import { useFormFieldControl } from './form-field';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  /** Visible label; omit it and pass aria-label when the checkbox sits in a labelled row. */
  children?: ReactNode;
  indeterminate?: boolean;
  description?: ReactNode;
}

export function Checkbox({ children, indeterminate = false, description, className, id, ...rest }: CheckboxProps) {
  const field = useFormFieldControl();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  const box = (
    <input
      ref={ref}
      type="checkbox"
      id={id ?? field?.controlId}
      aria-describedby={field?.describedBy}
      className={cx('size-4 shrink-0 cursor-pointer accent-link disabled:cursor-default', className)}
      {...rest}
    />
  );
  if (!children) return box;
  return (
    <label className="inline-flex cursor-pointer items-start gap-2">
      <span className="mt-0.5 flex">{box}</span>
      <span>
        <span className="text-ink">{children}</span>
        {description && <span className="block text-[12px] leading-4 text-ink-secondary">{description}</span>}
      </span>
    </label>
  );
}
