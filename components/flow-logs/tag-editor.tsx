'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { Input } from '@/components/ui/input';
import { MAX_TAGS, type TagIssue, type TagRow } from '@/lib/ec2-tags';
import type { MessageKey } from '@/lib/i18n/core';

/**
 * Key/value rows for EC2 tags, posted as repeated `tagKey` / `tagValue` fields (in row order, so
 * the server pairs them up again). Issues come from lib/ec2-tags checkTags, one per row.
 */
export function TagEditor({
  rows,
  onChange,
  issues = [],
  reserved = 0,
}: {
  rows: TagRow[];
  onChange: (rows: TagRow[]) => void;
  issues?: (TagIssue | string | undefined)[];
  /** Tags added elsewhere in the form (the Name field), counted against the limit. */
  reserved?: number;
}) {
  const t = useT();
  const remaining = MAX_TAGS - reserved - rows.length;
  const update = (index: number, patch: Partial<TagRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="flex flex-col gap-3">
      {rows.length > 0 && (
        <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-start gap-x-3 gap-y-2">
          <span className="font-bold">{t('flowLogs.tags.keyLabel')}</span>
          <span className="font-bold">
            {t('flowLogs.tags.valueLabel')} <i className="font-normal text-ink-secondary">- {t('common.optional')}</i>
          </span>
          <span />
          {rows.map((row, index) => {
            const issue = issues[index];
            const errorId = `tag-issue-${index}`;
            return (
              <div key={index} className="contents">
                <div className="flex flex-col gap-1">
                  <Input
                    name="tagKey"
                    value={row.key}
                    aria-label={t('flowLogs.tags.keyOf', { index: index + 1 })}
                    aria-invalid={issue ? true : undefined}
                    aria-describedby={issue ? errorId : undefined}
                    maxLength={200}
                    autoComplete="off"
                    onChange={(event) => update(index, { key: event.target.value })}
                  />
                  {issue && (
                    <span id={errorId} className="flex items-start gap-1.5 text-[12px] leading-4 text-error">
                      <Icon name="status-negative" size={14} className="mt-px" />
                      {t(`flowLogs.tagIssue.${issue}` as MessageKey)}
                    </span>
                  )}
                </div>
                <Input
                  name="tagValue"
                  value={row.value}
                  aria-label={t('flowLogs.tags.valueOf', { index: index + 1 })}
                  maxLength={300}
                  autoComplete="off"
                  onChange={(event) => update(index, { value: event.target.value })}
                />
                <Button ariaLabel={t('flowLogs.tags.removeOf', { index: index + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                  {t('flowLogs.tags.remove')}
                </Button>
              </div>
            );
          })}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={remaining <= 0} onClick={() => onChange([...rows, { key: '', value: '' }])}>
          {t('flowLogs.tags.add')}
        </Button>
        <span className="text-[12px] text-ink-secondary">{t('flowLogs.tags.remaining', { count: Math.max(0, remaining) })}</span>
      </div>
    </div>
  );
}
