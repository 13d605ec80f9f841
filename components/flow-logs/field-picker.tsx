'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/class-names';
import { Icon } from '@/components/ui/icon';
import { DEFAULT_FLOW_LOG_FIELDS, FLOW_LOG_FIELDS, findFlowLogField } from '@/lib/flow-logs/fields';
import { logFormatOf } from '@/lib/flow-logs/create-flow-log-input';
import { recordVersion } from '@/lib/flow-logs/log-format';
import type { MessageKey } from '@/lib/i18n/core';

/**
 * The custom log format picker: every field of versions 2–8 with its version and description on
 * the left; the chosen fields, in record order, on the right (move up/down, remove); the resulting
 * `${…}` LogFormat below. The chosen fields are posted as repeated `field` inputs, in order.
 */
export function FieldPicker({ fields, onChange, errorText }: { fields: string[]; onChange: (fields: string[]) => void; errorText?: string }) {
  const t = useT();
  const [filter, setFilter] = useState('');
  const chosen = new Set(fields);
  const needle = filter.trim().toLowerCase();
  const description = (name: string) => t(`flowLogs.field.${name}` as MessageKey);
  const available = FLOW_LOG_FIELDS.filter((field) => !needle || field.name.includes(needle) || description(field.name).toLowerCase().includes(needle));
  const move = (index: number, by: -1 | 1) => {
    const next = [...fields];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange(next);
  };
  const format = logFormatOf(fields);

  return (
    <div className="flex flex-col gap-3">
      {fields.map((name) => (
        <input key={name} type="hidden" name="field" value={name} />
      ))}
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="fields-available" className="flex min-w-0 flex-col gap-2 rounded-xl border border-line p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="fields-available" className="font-bold">
              {t('flowLogs.create.fieldsAvailable')}
            </h3>
            <div className="flex gap-1">
              <Button variant="link" onClick={() => onChange([...fields, ...DEFAULT_FLOW_LOG_FIELDS.filter((name) => !chosen.has(name))])}>
                {t('flowLogs.create.addDefaultFields')}
              </Button>
              <Button variant="link" onClick={() => onChange([...fields, ...FLOW_LOG_FIELDS.map((f) => f.name).filter((name) => !chosen.has(name))])}>
                {t('flowLogs.create.addAllFields')}
              </Button>
            </div>
          </div>
          <div className="relative">
            <Icon name="search" className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-ink-secondary" />
            <input
              type="search"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              placeholder={t('flowLogs.create.fieldFilter')}
              aria-label={t('flowLogs.create.fieldFilter')}
              className="w-full rounded-lg border-2 border-input-line bg-white py-[3px] pr-3 pl-9 placeholder:italic placeholder:text-ink-disabled focus:border-focus focus:ring-2 focus:ring-focus/30 focus:outline-none"
            />
          </div>
          <ul aria-label={t('flowLogs.create.fieldsAvailable')} className="max-h-[420px] overflow-y-auto rounded-lg border border-line">
            {available.map((field) => {
              const added = chosen.has(field.name);
              return (
                <li key={field.name} className={cx('flex items-start gap-3 border-b border-line px-3 py-2 last:border-b-0', added && 'bg-subtle')}>
                  <div className="min-w-0 flex-1">
                    <div className="flex items-center gap-2">
                      <code className="font-mono text-[13px] font-bold">{field.name}</code>
                      <VersionBadge version={field.version} />
                    </div>
                    <p className="text-[12px] leading-4 text-ink-secondary">{description(field.name)}</p>
                  </div>
                  <Button
                    variant="normal"
                    iconName={added ? 'check' : 'add'}
                    disabled={added}
                    ariaLabel={t('flowLogs.create.fieldAdd', { field: field.name })}
                    onClick={() => onChange([...fields, field.name])}
                  />
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-labelledby="fields-selected" className="flex min-w-0 flex-col gap-2 rounded-xl border border-line p-3">
          <div className="flex items-center justify-between gap-2">
            <h3 id="fields-selected" className="font-bold">
              {t('flowLogs.create.fieldsSelected', { count: fields.length })}
            </h3>
            <Button variant="link" disabled={fields.length === 0} onClick={() => onChange([])}>
              {t('flowLogs.create.clearFields')}
            </Button>
          </div>
          {fields.length === 0 ? (
            <p className="rounded-lg border border-dashed border-line-strong px-3 py-6 text-center text-ink-secondary">{t('flowLogs.create.fieldsSelectedEmpty')}</p>
          ) : (
            <ol aria-label={t('flowLogs.create.fieldsSelected', { count: fields.length })} className="max-h-[462px] overflow-y-auto rounded-lg border border-line">
              {fields.map((name, index) => (
                <li key={name} className="flex items-center gap-2 border-b border-line px-3 py-1 last:border-b-0">
                  <span className="w-6 text-right text-[12px] text-ink-secondary">{index + 1}</span>
                  <code className="min-w-0 flex-1 font-mono text-[13px] break-all">{name}</code>
                  <VersionBadge version={findFlowLogField(name)?.version ?? 2} />
                  <Button variant="icon" ariaLabel={t('flowLogs.create.fieldUp', { field: name })} disabled={index === 0} onClick={() => move(index, -1)}>
                    <Icon name="caret-up" />
                  </Button>
                  <Button variant="icon" ariaLabel={t('flowLogs.create.fieldDown', { field: name })} disabled={index === fields.length - 1} onClick={() => move(index, 1)}>
                    <Icon name="caret-down" />
                  </Button>
                  <Button variant="icon" ariaLabel={t('flowLogs.create.fieldRemove', { field: name })} onClick={() => onChange(fields.filter((f) => f !== name))}>
                    <Icon name="close" size={12} />
                  </Button>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {errorText && (
        <div className="flex items-start gap-1.5 text-[12px] leading-4 text-error" aria-live="polite">
          <Icon name="status-negative" size={14} className="mt-px" />
          <span>{errorText}</span>
        </div>
      )}
      <section aria-labelledby="format-preview" className="flex flex-col gap-1">
        <h3 id="format-preview" className="font-bold">
          {t('flowLogs.create.formatPreview')}
          {fields.length > 0 && <span className="ml-2 font-normal text-ink-secondary">{t('flowLogs.create.formatVersion', { version: recordVersion(fields) })}</span>}
        </h3>
        <output aria-labelledby="format-preview" className="block min-h-9 rounded-lg border border-line bg-[#fbfbfb] px-3 py-2 font-mono text-[12px] leading-[18px] break-words">
          {format || '-'}
        </output>
      </section>
    </div>
  );
}

function VersionBadge({ version }: { version: number }) {
  const t = useT();
  return (
    <span title={t('flowLogs.create.fieldVersionLabel', { version })} className="rounded-full bg-[#e9ebed] px-1.5 text-[11px] leading-4 font-bold text-ink-secondary">
      <span aria-hidden="true">{t('flowLogs.create.fieldVersion', { version })}</span>
      <span className="sr-only">{t('flowLogs.create.fieldVersionLabel', { version })}</span>
    </span>
  );
}
