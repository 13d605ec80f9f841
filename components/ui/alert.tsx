import type { ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconName } from './icon';

export type AlertType = 'info' | 'success' | 'warning' | 'error';

const styles: Record<AlertType, { icon: IconName; box: string; iconColor: string }> = {
  info: { icon: 'status-info', box: 'border-info bg-[#f2f8fd]', iconColor: 'text-info' },
  success: { icon: 'status-positive', box: 'border-success bg-[#f2fcf3]', iconColor: 'text-success' },
  warning: { icon: 'status-warning', box: 'border-[#8d6605] bg-warning-bg', iconColor: 'text-warning' },
  error: { icon: 'status-negative', box: 'border-error bg-[#fff7f7]', iconColor: 'text-error' },
};

/** An in-context message (inside a page or a dialog); page-level notices go to the Flashbar. */
export function Alert({ type = 'info', header, children, action }: { type?: AlertType; header?: ReactNode; children?: ReactNode; action?: ReactNode }) {
  const style = styles[type];
  return (
    <div role={type === 'error' ? 'alert' : 'status'} className={cx('flex gap-2.5 rounded-xl border-2 px-4 py-2.5', style.box)}>
      <Icon name={style.icon} className={cx('mt-0.5', style.iconColor)} />
      <div className="min-w-0 flex-1 break-words">
        {header && <div className="font-bold">{header}</div>}
        {children && <div>{children}</div>}
      </div>
      {action && <div className="shrink-0 self-center">{action}</div>}
    </div>
  );
}

/** How an AWS error reads everywhere in the console: the error code, then the service's message. */
export function AwsErrorText({ code, message }: { code?: string; message: ReactNode }) {
  return (
    <>
      {code && <span className="font-bold">{code}: </span>}
      <span>{message}</span>
    </>
  );
}
