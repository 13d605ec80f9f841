'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { AwsErrorText } from './alert';
import { cx } from './class-names';
import { Icon, type IconName } from './icon';
import { Spinner } from './spinner';

export type FlashType = 'success' | 'error' | 'warning' | 'info' | 'in-progress';

export interface FlashItem {
  id: string;
  type: FlashType;
  header?: ReactNode;
  content?: ReactNode;
  /** For errors from AWS: the error code, shown in bold before the message in `content`. */
  code?: string;
  dismissible?: boolean;
  action?: ReactNode;
}

const styles: Record<FlashType, { box: string; icon: IconName | null }> = {
  success: { box: 'bg-success text-white', icon: 'status-positive' },
  error: { box: 'bg-error text-white', icon: 'status-negative' },
  warning: { box: 'bg-warning-flash text-ink', icon: 'status-warning' },
  info: { box: 'bg-info text-white', icon: 'status-info' },
  'in-progress': { box: 'bg-info text-white', icon: null },
};

/**
 * Page-level notifications stacked above the content. Errors are announced assertively
 * (role=alert), everything else politely (role=status).
 */
export function Flashbar({ items, onDismiss }: { items: FlashItem[]; onDismiss?: (id: string) => void }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <ul aria-label={t('flash.label')} className="mb-4 flex flex-col gap-2">
      {items.map((item) => {
        const style = styles[item.type];
        return (
          <li
            key={item.id}
            role={item.type === 'error' ? 'alert' : 'status'}
            data-flash-type={item.type}
            className={cx('flex items-start gap-3 rounded-xl px-4 py-2.5 [&_a]:text-inherit [&_a]:underline', style.box)}
          >
            <span className="mt-0.5 flex">{style.icon ? <Icon name={style.icon} /> : <Spinner />}</span>
            <div className="min-w-0 flex-1 break-words">
              {item.header && <div className="font-bold">{item.header}</div>}
              {(item.content || item.code) && (
                <div>
                  <AwsErrorText code={item.code} message={item.content} />
                </div>
              )}
            </div>
            {item.action && <div className="shrink-0 self-center">{item.action}</div>}
            {item.dismissible !== false && onDismiss && (
              <button
                type="button"
                aria-label={t('flash.dismiss')}
                onClick={() => onDismiss(item.id)}
                className="shrink-0 rounded-full p-0.5 opacity-90 hover:opacity-100 focus-visible:outline-current"
              >
                <Icon name="close" />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
