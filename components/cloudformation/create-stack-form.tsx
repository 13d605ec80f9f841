'use client';

import { useActionState, useId, useRef, useState, useSyncExternalStore, useTransition, type FormEvent, type ReactNode } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { objectHref } from '@/components/s3/links';
import { useFlash } from '@/components/shell/flash-provider';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { cx } from '@/components/ui/class-names';
import { Container } from '@/components/ui/container';
import { FormField, useFormFieldControl } from '@/components/ui/form-field';
import { Header } from '@/components/ui/header';
import { Icon } from '@/components/ui/icon';
import { controlClass, Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { iamCapabilities, validateStackName, type StackNameIssue } from '@/lib/cloudformation';
import { formatBytes } from '@/lib/format';
import type { MessageKey } from '@/lib/i18n/translate';
import { parseS3ObjectUrl } from '@/lib/s3-object-url';
import { createStack, loadTemplate, type CreateStackResult } from '@/server/actions/cloudformation';
import type { TemplateParameter, TemplateSummary } from '@/server/data/cloudformation';
import { STACKS_HREF } from './links';

const MAX_TEMPLATE_BODY_BYTES = 51_200;
const MAX_TAGS = 50;
const noSubscription = () => () => {};

type SourceKind = 'url' | 'upload' | 'paste';

/** What the template was loaded from, so the form knows when the loaded summary no longer matches. */
type SourceInput = { kind: 'url'; templateURL: string } | { kind: 'body'; templateBody: string };

export interface InitialTemplate {
  templateURL: string;
  result: { ok: true; data: TemplateSummary } | { ok: false; code: string; message: string } | null;
}

const NAME_ISSUE_KEYS: Record<StackNameIssue, MessageKey> = {
  required: 'cfn.create.nameRequired',
  start: 'cfn.create.nameStart',
  chars: 'cfn.create.nameChars',
  length: 'cfn.create.nameLength',
};

function sourceKey(source: SourceInput | null): string {
  if (!source) return '';
  return source.kind === 'url' ? `url:${source.templateURL.trim()}` : `body:${source.templateBody}`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function initialValues(summary: TemplateSummary | null, previous: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of summary?.parameters ?? []) values[p.key] = previous[p.key] ?? p.defaultValue ?? '';
  return values;
}

/**
 * The Create stack form: template source (S3 URL — prefilled from ?templateURL= — or an uploaded or
 * pasted template), ValidateTemplate to learn the parameters and IAM capabilities, stack name,
 * parameters, tags, and the IAM acknowledgement. The fields are controlled, so they keep their values
 * when CreateStack fails; the AWS error shows as a red flash with its code.
 */
export function CreateStackForm({ initial }: { initial: InitialTemplate }) {
  const t = useT();
  const lang = useLang();
  const flash = useFlash();
  const formId = useId();
  const ackErrorId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);
  // Submitting before hydration would skip the checks and the template load below; wait for it.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  const [kind, setKind] = useState<SourceKind>('url');
  const [templateURL, setTemplateURL] = useState(initial.templateURL);
  const [upload, setUpload] = useState<{ name: string; body: string; size: number } | null>(null);
  const [pasted, setPasted] = useState('');
  const initialLoaded = initial.result?.ok ? { key: sourceKey({ kind: 'url', templateURL: initial.templateURL }), summary: initial.result.data } : null;
  const [loaded, setLoaded] = useState<{ key: string; summary: TemplateSummary } | null>(initialLoaded);
  const [loadError, setLoadError] = useState<{ code?: string; message: string } | null>(
    initial.result && !initial.result.ok ? { code: initial.result.code, message: initial.result.message } : null,
  );
  const [loading, startLoading] = useTransition();
  const [justLoaded, setJustLoaded] = useState(false);

  const [stackName, setStackName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(initialLoaded?.summary ?? null));
  const [tags, setTags] = useState<{ id: number; key: string; value: string }[]>([]);
  const nextTagId = useRef(1);
  const [acknowledged, setAcknowledged] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const [state, formAction, pending] = useActionState(async (prev: CreateStackResult | null, formData: FormData) => {
    const result = await createStack(prev, formData);
    // Success redirects to the stack; only failures come back here.
    if (!result.ok && !result.fieldErrors) {
      flash.push({ id: 'create-stack-error', type: 'error', header: t('cfn.create.failed', { name: String(formData.get('stackName')) }), code: result.code, content: result.message });
      window.scrollTo({ top: 0, behavior: 'smooth' });
    }
    return result;
  }, null);

  const source: SourceInput | null =
    kind === 'url'
      ? templateURL.trim()
        ? { kind: 'url', templateURL: templateURL.trim() }
        : null
      : kind === 'upload'
        ? upload
          ? { kind: 'body', templateBody: upload.body }
          : null
        : pasted.trim()
          ? { kind: 'body', templateBody: pasted }
          : null;
  const currentKey = sourceKey(source);
  const summary = loaded && loaded.key === currentKey ? loaded.summary : null;
  const stale = loaded !== null && loaded.key !== currentKey && currentKey !== '';
  const tooLarge = source?.kind === 'body' && byteLength(source.templateBody) > MAX_TEMPLATE_BODY_BYTES;
  const s3Location = kind === 'url' ? parseS3ObjectUrl(templateURL) : null;
  const capabilities = summary ? iamCapabilities(summary.capabilities) : [];
  const needsAck = capabilities.length > 0;

  const load = (input: SourceInput | null = source) => {
    setJustLoaded(false);
    if (!input) {
      setLoadError({ message: t('cfn.create.templateRequired') });
      return;
    }
    if (input.kind === 'body' && byteLength(input.templateBody) > MAX_TEMPLATE_BODY_BYTES) {
      setLoadError({ message: t('cfn.create.templateTooLarge') });
      return;
    }
    startLoading(async () => {
      const result = await loadTemplate(input);
      if (result.ok) {
        setLoaded({ key: sourceKey(input), summary: result.data });
        setValues((previous) => initialValues(result.data, previous));
        setLoadError(null);
        setAcknowledged(false);
      } else {
        setLoaded(null);
        setLoadError({ code: result.code, message: result.message });
      }
    });
  };

  const nameIssue = validateStackName(stackName)[0];
  const nameError = (nameTouched || submitted) && nameIssue ? t(NAME_ISSUE_KEYS[nameIssue]) : state && !state.ok ? state.fieldErrors?.stackName?.[0] : undefined;
  const tagErrors = tags.map((tag, index) => {
    if (!submitted) return undefined;
    if (!tag.key.trim()) return t('cfn.create.tagKeyRequired');
    if (tags.findIndex((other) => other.key.trim() === tag.key.trim()) !== index) return t('cfn.create.tagKeyDuplicate');
    return undefined;
  });
  const ackError = submitted && needsAck && !acknowledged ? t('cfn.create.acknowledgeRequired') : state && !state.ok ? state.fieldErrors?.acknowledged?.[0] : undefined;
  const templateError = loadError ?? (state && !state.ok && state.fieldErrors?.template ? { message: state.fieldErrors.template[0] } : null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setSubmitted(true);
    setNameTouched(true);
    const invalid = Boolean(nameIssue) || tagErrorsFor(tags).some(Boolean) || !source || tooLarge;
    if (!summary && source && !tooLarge) {
      // Load first: the user sees the parameters and capabilities before anything is created.
      event.preventDefault();
      load(source);
      setJustLoaded(true);
      return;
    }
    if (invalid || (needsAck && !acknowledged)) {
      event.preventDefault();
      if (!source) setLoadError({ message: t('cfn.create.templateRequired') });
    }
  };

  const kinds: { id: SourceKind; label: string }[] = [
    { id: 'url', label: t('cfn.create.sourceUrl') },
    { id: 'upload', label: t('cfn.create.sourceUpload') },
    { id: 'paste', label: t('cfn.create.sourcePaste') },
  ];

  return (
    <form id={formId} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {/* What the server action reads; the visible fields below drive these. */}
      <input type="hidden" name="templateSource" value={source?.kind ?? kind} />
      {source?.kind === 'url' && <input type="hidden" name="templateURL" value={source.templateURL} />}
      {source?.kind === 'body' && <input type="hidden" name="templateBody" value={source.templateBody} />}
      {summary?.capabilities.map((capability) => <input key={capability} type="hidden" name="capability" value={capability} />)}

      <Container
        header={<Header headingId="cfn-template" description={t('cfn.create.templateDescription')}>{t('cfn.create.templateHeader')}</Header>}
        labelledBy="cfn-template"
      >
        <div className="flex flex-col gap-4">
          <fieldset>
            <legend className="font-bold text-ink">{t('cfn.create.templateSource')}</legend>
            <div className="mt-2 grid grid-cols-1 gap-2 md:grid-cols-3">
              {kinds.map((option) => (
                <label
                  key={option.id}
                  className={cx(
                    'flex cursor-pointer items-center gap-2 rounded-lg border-2 px-3 py-2',
                    kind === option.id ? 'border-link bg-selected' : 'border-line hover:border-input-line',
                  )}
                >
                  <input
                    type="radio"
                    name="templateSourceKind"
                    value={option.id}
                    checked={kind === option.id}
                    onChange={() => {
                      setKind(option.id);
                      setLoadError(null);
                    }}
                    className="size-4 accent-link"
                  />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>

          {kind === 'url' && (
            <FormField
              label={t('cfn.create.urlLabel')}
              constraintText={t('cfn.create.urlConstraint')}
              errorText={templateError ? <AwsErrorText code={templateError.code} message={templateError.message} /> : undefined}
            >
              <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
                <Input
                  value={templateURL}
                  type="url"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={t('cfn.create.urlPlaceholder')}
                  onChange={(event) => {
                    setTemplateURL(event.target.value);
                    setLoadError(null);
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      load();
                    }
                  }}
                  className="sm:flex-1"
                />
                <Button onClick={() => load()} loading={loading}>
                  {t('cfn.create.load')}
                </Button>
              </div>
            </FormField>
          )}
          {kind === 'url' && s3Location && (
            <p className="-mt-2 text-[12px] leading-4 text-ink-secondary">
              <a
                href={objectHref(s3Location.bucket, s3Location.key)}
                target="_blank"
                rel="noreferrer"
                title={t('cfn.create.viewTemplateHint')}
                className="inline-flex items-center gap-1 text-[14px] font-bold"
              >
                {t('cfn.create.viewTemplate')}
                <Icon name="external" size={14} />
              </a>{' '}
              <span className="break-all">
                s3://{s3Location.bucket}/{s3Location.key}
              </span>
            </p>
          )}

          {kind === 'upload' && (
            <FormField
              label={t('cfn.create.fileLabel')}
              constraintText={t('cfn.create.fileConstraint')}
              errorText={templateError ? <AwsErrorText code={templateError.code} message={templateError.message} /> : undefined}
            >
              <div className="flex flex-wrap items-center gap-3">
                <input
                  ref={fileInputRef}
                  type="file"
                  accept=".json,.yaml,.yml,.template,.txt,application/json,application/x-yaml,text/yaml,text/plain"
                  className="sr-only"
                  tabIndex={-1}
                  aria-hidden="true"
                  onChange={async (event) => {
                    const file = event.target.files?.[0];
                    event.target.value = '';
                    if (!file) return;
                    const body = await file.text();
                    setUpload({ name: file.name, body, size: file.size });
                    setLoadError(null);
                    load({ kind: 'body', templateBody: body });
                  }}
                />
                <Button iconName="upload" onClick={() => fileInputRef.current?.click()} loading={loading}>
                  {t('cfn.create.fileLabel')}
                </Button>
                {upload && <span className="break-all text-ink">{t('cfn.create.fileChosen', { name: upload.name, size: formatBytes(upload.size, lang) })}</span>}
              </div>
            </FormField>
          )}

          {kind === 'paste' && (
            <FormField
              label={t('cfn.create.pasteLabel')}
              constraintText={t('cfn.create.pasteConstraint')}
              errorText={templateError ? <AwsErrorText code={templateError.code} message={templateError.message} /> : undefined}
            >
              <PasteArea
                value={pasted}
                onChange={(value) => {
                  setPasted(value);
                  setLoadError(null);
                }}
              />
            </FormField>
          )}
          {kind === 'paste' && (
            <div>
              <Button onClick={() => load()} loading={loading}>
                {t('cfn.create.load')}
              </Button>
            </div>
          )}

          {loading && (
            <span className="inline-flex items-center gap-2 text-ink-secondary">
              <Spinner /> {t('common.loading')}
            </span>
          )}
          {!loading && summary && (
            <Alert type={justLoaded ? 'info' : 'success'}>
              {justLoaded
                ? t('cfn.create.reviewLoaded')
                : summary.description
                  ? t('cfn.create.templateLoaded', { description: summary.description })
                  : t('cfn.create.templateLoadedNoDescription')}
            </Alert>
          )}
          {!loading && stale && !templateError && <Alert type="warning">{t('cfn.create.templateStale')}</Alert>}
          {tooLarge && !templateError && <Alert type="error">{t('cfn.create.templateTooLarge')}</Alert>}
        </div>
      </Container>

      <Container header={<Header headingId="cfn-details">{t('cfn.create.detailsHeader')}</Header>} labelledBy="cfn-details">
        <div className="max-w-[720px]">
          <FormField label={t('cfn.create.nameLabel')} constraintText={t('cfn.create.nameConstraint')} errorText={nameError}>
            <Input
              name="stackName"
              value={stackName}
              autoComplete="off"
              spellCheck={false}
              maxLength={255}
              placeholder={t('cfn.create.namePlaceholder')}
              onChange={(event) => setStackName(event.target.value)}
              onBlur={() => stackName && setNameTouched(true)}
            />
          </FormField>
        </div>
      </Container>

      <Container
        header={
          <Header headingId="cfn-parameters" description={t('cfn.create.parametersDescription')}>
            {t('cfn.create.parametersHeader')}
          </Header>
        }
        labelledBy="cfn-parameters"
      >
        {!summary ? (
          <p className="text-ink-secondary">{t('cfn.create.parametersNotLoaded')}</p>
        ) : summary.parameters.length === 0 ? (
          <div className="text-ink-secondary">
            <b>{t('cfn.create.parametersNone')}</b>
            <p>{t('cfn.create.parametersNoneDescription')}</p>
          </div>
        ) : (
          <div className="flex max-w-[720px] flex-col gap-5">
            {summary.parameters.map((parameter) => (
              <ParameterField
                key={parameter.key}
                parameter={parameter}
                value={values[parameter.key] ?? ''}
                onChange={(value) => setValues((current) => ({ ...current, [parameter.key]: value }))}
              />
            ))}
          </div>
        )}
      </Container>

      <Container
        header={
          <Header headingId="cfn-tags" description={t('cfn.create.tagsDescription')}>
            {t('cfn.create.tagsHeader')} <i className="text-[14px] font-normal text-ink-secondary">- {t('common.optional')}</i>
          </Header>
        }
        labelledBy="cfn-tags"
      >
        <div className="flex flex-col gap-3">
          {tags.length === 0 && <p className="text-ink-secondary">{t('cfn.create.tagsNone')}</p>}
          {tags.map((tag, index) => (
            <div key={tag.id} className="grid grid-cols-1 items-start gap-2 sm:grid-cols-[1fr_1fr_auto]">
              <FormField label={index === 0 ? t('cfn.create.tagKey') : <span className="sr-only">{t('cfn.create.tagKey')}</span>} errorText={tagErrors[index]}>
                <Input
                  name="tagKey"
                  value={tag.key}
                  maxLength={128}
                  aria-label={t('cfn.create.tagKeyN', { index: index + 1 })}
                  onChange={(event) => setTags((current) => current.map((c) => (c.id === tag.id ? { ...c, key: event.target.value } : c)))}
                />
              </FormField>
              <FormField label={index === 0 ? t('cfn.create.tagValue') : <span className="sr-only">{t('cfn.create.tagValue')}</span>}>
                <Input
                  name="tagValue"
                  value={tag.value}
                  maxLength={256}
                  aria-label={t('cfn.create.tagValueN', { index: index + 1 })}
                  onChange={(event) => setTags((current) => current.map((c) => (c.id === tag.id ? { ...c, value: event.target.value } : c)))}
                />
              </FormField>
              <div className={cx(index === 0 && 'sm:pt-6')}>
                <Button ariaLabel={t('cfn.create.tagRemoveN', { index: index + 1 })} onClick={() => setTags((current) => current.filter((c) => c.id !== tag.id))}>
                  {t('cfn.create.tagRemove')}
                </Button>
              </div>
            </div>
          ))}
          <div>
            <Button
              disabled={tags.length >= MAX_TAGS}
              onClick={() => {
                const id = nextTagId.current++;
                setTags((current) => [...current, { id, key: '', value: '' }]);
              }}
            >
              {t('cfn.create.tagAdd')}
            </Button>
          </div>
          {tags.length >= MAX_TAGS && <p className="text-[12px] text-ink-secondary">{t('cfn.create.tagLimit')}</p>}
        </div>
      </Container>

      {needsAck && (
        <Container header={<Header headingId="cfn-capabilities">{t('cfn.create.capabilitiesHeader')}</Header>} labelledBy="cfn-capabilities">
          <div className="flex flex-col gap-3">
            <Alert type="info" header={summary?.capabilitiesReason ? t('cfn.create.capabilitiesNotice', { types: capabilityTypes(summary.capabilitiesReason) }) : undefined}>
              {t('cfn.create.capabilitiesBody')}
            </Alert>
            <div className="flex flex-col gap-1">
              <Checkbox
                name="acknowledgeCapabilities"
                checked={acknowledged}
                onChange={(event) => setAcknowledged(event.target.checked)}
                aria-invalid={ackError ? true : undefined}
                aria-describedby={ackError ? ackErrorId : undefined}
              >
                {capabilities.includes('CAPABILITY_NAMED_IAM') ? t('cfn.create.acknowledgeNamedIam') : t('cfn.create.acknowledgeIam')}
              </Checkbox>
              {ackError && (
                <div id={ackErrorId} className="flex items-start gap-1.5 text-[12px] leading-4 text-error" aria-live="polite">
                  <Icon name="status-negative" size={14} className="mt-px" />
                  <span>{ackError}</span>
                </div>
              )}
            </div>
          </div>
        </Container>
      )}

      <div className="flex justify-end gap-2">
        <Button variant="link" href={STACKS_HREF}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" loading={pending} disabled={!hydrated}>
          {t('cfn.create.submit')}
        </Button>
      </div>
    </form>
  );
}

function tagErrorsFor(tags: { key: string }[]): boolean[] {
  return tags.map((tag, index) => !tag.key.trim() || tags.findIndex((other) => other.key.trim() === tag.key.trim()) !== index);
}

/** "The following resource(s) require capabilities: [AWS::IAM::Role]" → "[AWS::IAM::Role]". */
function capabilityTypes(reason: string): string {
  return /\[[^\]]*\]/.exec(reason)?.[0] ?? reason;
}

/** The template text, in a monospace textarea tied to its FormField (label, description, invalid state). */
function PasteArea({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const field = useFormFieldControl();
  return (
    <textarea
      id={field?.controlId}
      aria-describedby={field?.describedBy}
      aria-invalid={field?.invalid || undefined}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      rows={14}
      spellCheck={false}
      className={cx(controlClass, 'resize-y py-2 font-mono text-[12px] leading-[18px]')}
    />
  );
}

function ParameterField({ parameter, value, onChange }: { parameter: TemplateParameter; value: string; onChange: (value: string) => void }) {
  const t = useT();
  const hint: ReactNode =
    parameter.type === 'CommaDelimitedList' || parameter.type?.startsWith('List<')
      ? t('cfn.create.parameterListHint')
      : parameter.type === 'Number'
        ? t('cfn.create.parameterNumberHint')
        : undefined;
  const name = `parameter.${parameter.key}`;
  return (
    <FormField label={parameter.key} description={parameter.description ?? undefined} constraintText={hint}>
      {parameter.allowedValues.length > 0 ? (
        <Select
          name={name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          options={[
            ...(parameter.allowedValues.includes(value) ? [] : [{ value, label: value || '-', disabled: true }]),
            ...parameter.allowedValues.map((allowed) => ({ value: allowed, label: allowed })),
          ]}
        />
      ) : (
        <Input
          name={name}
          value={value}
          type={parameter.noEcho ? 'password' : 'text'}
          inputMode={parameter.type === 'Number' ? 'decimal' : undefined}
          autoComplete={parameter.noEcho ? 'new-password' : 'off'}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}

