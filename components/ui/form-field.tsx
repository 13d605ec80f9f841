'use client';

import { createContext, useContext, useId, type ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Icon } from './icon';

interface FieldContextValue {
  controlId: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const FieldContext = createContext<FieldContextValue | null>(null);

/** Lets Input, Select and Checkbox pick up the id, description links and invalid state of their field. */
export function useFormFieldControl(): FieldContextValue | null {
  return useContext(FieldContext);
}

export interface FormFieldProps {
  label: ReactNode;
  description?: ReactNode;
  constraintText?: ReactNode;
  errorText?: ReactNode;
  /** Marks the field optional in the label, the way the AWS console does. */
  optional?: boolean;
  /** Set when the control needs a known id (otherwise one is generated). */
  controlId?: string;
  children: ReactNode;
}

/**
 * A labelled control. The description, constraint and error texts are tied to the control with
 * aria-describedby, so a screen reader reads them and tests can find the control by its label.
 */
export function FormField({ label, description, constraintText, errorText, optional, controlId, children }: FormFieldProps) {
  const t = useT();
  const generated = useId();
  const id = controlId ?? `field-${generated}`;
  const descriptionId = description ? `${id}-description` : undefined;
  const constraintId = constraintText ? `${id}-constraint` : undefined;
  const errorId = errorText ? `${id}-error` : undefined;
  const describedBy = [errorId, descriptionId, constraintId].filter(Boolean).join(' ') || undefined;
  return (
    <FieldContext.Provider value={{ controlId: id, describedBy, invalid: Boolean(errorText) }}>
      <div className="flex flex-col gap-1">
        <div>
          <label htmlFor={id} className="font-bold text-ink">
            {label}
            {optional && <i className="ml-1 font-normal text-ink-secondary"> - {t('common.optional')}</i>}
          </label>
          {description && (
            <div id={descriptionId} className="text-[12px] leading-4 text-ink-secondary">
              {description}
            </div>
          )}
        </div>
        {children}
        {errorText && (
          <div id={errorId} className="flex items-start gap-1.5 text-[12px] leading-4 text-error" aria-live="polite">
            <Icon name="status-negative" size={14} className="mt-px" />
            <span>{errorText}</span>
          </div>
        )}
        {constraintText && (
          <div id={constraintId} className="text-[12px] leading-4 text-ink-secondary">
            {constraintText}
          </div>
        )}
      </div>
    </FieldContext.Provider>
  );
}
