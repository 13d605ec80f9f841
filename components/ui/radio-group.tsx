'use client';

import { useId, type ReactNode } from 'react';
import { cx } from './class-names';
import { Icon } from './icon';

export interface RadioOption {
  value: string;
  label: ReactNode;
  description?: ReactNode;
}

/** A labelled group of radio buttons (fieldset + legend), styled like the console's form fields. */
export function RadioGroup({
  name,
  label,
  description,
  value,
  options,
  onChange,
  errorText,
  inline = false,
}: {
  name: string;
  label: ReactNode;
  description?: ReactNode;
  value: string;
  options: RadioOption[];
  onChange: (value: string) => void;
  errorText?: string;
  inline?: boolean;
}) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={[errorText ? `${id}-error` : '', description ? `${id}-description` : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="font-bold text-ink">{label}</legend>
      {description && (
        <div id={`${id}-description`} className="text-[12px] leading-4 text-ink-secondary">
          {description}
        </div>
      )}
      <div className={cx('mt-1 flex gap-x-6 gap-y-2', inline ? 'flex-row flex-wrap' : 'flex-col')}>
        {options.map((option) => (
          <label key={option.value} className="inline-flex cursor-pointer items-start gap-2">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="mt-0.5 size-4 shrink-0 cursor-pointer accent-link"
            />
            <span>
              <span className="text-ink">{option.label}</span>
              {option.description && <span className="block text-[12px] leading-4 text-ink-secondary">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {errorText && (
        <div id={`${id}-error`} className="flex items-start gap-1.5 text-[12px] leading-4 text-error" aria-live="polite">
          <Icon name="status-negative" size={14} className="mt-px" />
          <span>{errorText}</span>
        </div>
      )}
    </fieldset>
  );
}
