'use client';

import type { InputHTMLAttributes } from 'react';
import { cx } from './class-names';
import { useFormFieldControl } from './form-field';

export const controlClass =
  'w-full rounded-lg border-2 border-input-line bg-white px-3 py-[3px] text-ink placeholder:italic placeholder:text-ink-disabled focus:border-focus focus:outline-none focus-visible:outline-none focus:ring-2 focus:ring-focus/30 disabled:border-line disabled:bg-subtle disabled:text-ink-disabled aria-invalid:border-error';

/** A text input; inside a FormField it is labelled and described by that field. */
export function Input({ className, id, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  const field = useFormFieldControl();
  return (
    <input
      id={id ?? field?.controlId}
      aria-describedby={field?.describedBy}
      aria-invalid={field?.invalid || undefined}
      className={cx(controlClass, className)}
      {...rest}
    />
  );
}
