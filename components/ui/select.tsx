'use client';

import type { SelectHTMLAttributes } from 'react';
import { cx } from './class-names';
import { useFormFieldControl } from './form-field';
import { controlClass } from './input';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** A native select (keyboard, screen reader and test friendly) in the console's control style. */
export function Select({
  options,
  className,
  id,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & { options: SelectOption[] }) {
  const field = useFormFieldControl();
  return (
    <select
      id={id ?? field?.controlId}
      aria-describedby={field?.describedBy}
      aria-invalid={field?.invalid || undefined}
      className={cx(controlClass, 'cursor-pointer appearance-none bg-[length:16px] bg-[right_8px_center] bg-no-repeat pr-8', className)}
      style={{
        backgroundImage:
          "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='m4 6 4 4 4-4z' fill='%23000716'/%3E%3C/svg%3E\")",
      }}
      {...rest}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value} disabled={option.disabled}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
