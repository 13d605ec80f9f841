'use client';

import { useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { toExecutionParameter, type ParameterContext, type ParameterError, type ParameterKind } from '@/lib/athena-parameters';
import type { MessageKey } from '@/lib/i18n/translate';

interface Props {
  visible: boolean;
  contexts: ParameterContext[];
  /** The values typed last time in this tab. */
  initialValues: string[];
  onDismiss: () => void;
  /** The raw values (remembered for the tab) and the execution parameters to send. */
  onRun: (values: string[], parameters: string[]) => void;
}

const HINTS: Record<ParameterKind, MessageKey> = {
  ip: 'athena.params.hintIp',
  port: 'athena.params.hintPort',
  integer: 'athena.params.hintInteger',
  number: 'athena.params.hintNumber',
  string: 'athena.params.hintString',
  literal: 'athena.params.hintLiteral',
};

const ERRORS: Record<ParameterError, MessageKey> = {
  required: 'athena.params.errorRequired',
  tooLong: 'athena.params.errorTooLong',
  ip: 'athena.params.errorIp',
  port: 'athena.params.errorPort',
  integer: 'athena.params.errorInteger',
  number: 'athena.params.errorNumber',
  literal: 'athena.params.errorLiteral',
};

const PLACEHOLDERS: Record<ParameterKind, string> = {
  ip: '10.0.0.1',
  port: '22',
  integer: '0',
  number: '0.0',
  string: 'ACCEPT',
  literal: "'value'",
};

export function ParametersModal(props: Props) {
  return props.visible ? <ParametersDialog {...props} /> : null;
}

/**
 * "Enter parameters": one field per `?`, in order. Each value is checked against what its
 * placeholder is compared with (an IP address for srcaddr/dstaddr, a port number for ports…)
 * and becomes one SQL literal in ExecutionParameters; the query text is never touched.
 */
function ParametersDialog({ contexts, initialValues, onDismiss, onRun }: Props) {
  const t = useT();
  const formId = useId();
  const [values, setValues] = useState<string[]>(() => contexts.map((_, index) => initialValues[index] ?? ''));
  const [touched, setTouched] = useState<boolean[]>(() => contexts.map(() => false));
  const [submitted, setSubmitted] = useState(false);

  const results = contexts.map((context, index) => toExecutionParameter(values[index] ?? '', context.kind));
  const errorFor = (index: number) => {
    const result = results[index];
    if (result.ok || (!submitted && !touched[index])) return undefined;
    return t(ERRORS[result.error]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const parameters: string[] = [];
    for (const result of results) {
      if (!result.ok) {
        const firstInvalid = results.findIndex((r) => !r.ok);
        document.getElementById(`${formId}-param-${firstInvalid}`)?.focus();
        return;
      }
      parameters.push(result.value);
    }
    onRun(values, parameters);
  };

  const clear = () => {
    setValues(contexts.map(() => ''));
    setTouched(contexts.map(() => false));
    setSubmitted(false);
  };

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('athena.params.title')}
      footer={
        <>
          <Button variant="link" onClick={clear}>
            {t('athena.params.clear')}
          </Button>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId}>
            {t('athena.editor.run')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-4">
        <p className="text-ink-secondary">{t('athena.params.intro', { count: contexts.length })}</p>
        {contexts.map((context, index) => (
          <FormField
            key={index}
            controlId={`${formId}-param-${index}`}
            label={t('athena.params.label', { n: index + 1 })}
            description={context.column ? t('athena.params.comparedWith', { column: context.column, hint: t(HINTS[context.kind]) }) : t(HINTS[context.kind])}
            errorText={errorFor(index)}
          >
            <Input
              value={values[index] ?? ''}
              autoComplete="off"
              spellCheck={false}
              placeholder={PLACEHOLDERS[context.kind]}
              className="font-mono"
              onChange={(event) => setValues((current) => current.map((value, i) => (i === index ? event.target.value : value)))}
              onBlur={() => setTouched((current) => current.map((value, i) => (i === index ? true : value)))}
            />
          </FormField>
        ))}
      </form>
    </Modal>
  );
}
