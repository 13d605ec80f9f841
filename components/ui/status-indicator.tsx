import type { ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconName } from './icon';
import { Spinner } from './spinner';

export type StatusType = 'success' | 'error' | 'warning' | 'info' | 'stopped' | 'pending' | 'in-progress' | 'loading';

const styles: Record<StatusType, { icon: IconName | null; color: string }> = {
  success: { icon: 'status-positive', color: 'text-success' },
  error: { icon: 'status-negative', color: 'text-error' },
  warning: { icon: 'status-warning', color: 'text-warning' },
  info: { icon: 'status-info', color: 'text-info' },
  stopped: { icon: 'status-stopped', color: 'text-neutral' },
  pending: { icon: 'status-pending', color: 'text-neutral' },
  'in-progress': { icon: 'status-in-progress', color: 'text-neutral' },
  loading: { icon: null, color: 'text-neutral' },
};

/** A status is always an icon plus words: colour alone never carries the meaning. */
export function StatusIndicator({ type, children, className }: { type: StatusType; children: ReactNode; className?: string }) {
  const style = styles[type];
  return (
    <span className={cx('inline-flex items-center gap-1.5 align-middle', style.color, className)} data-status={type}>
      {style.icon ? <Icon name={style.icon} /> : <Spinner />}
      <span>{children}</span>
    </span>
  );
}
