import { cx } from '@/components/ui/class-names';
import type { Translate } from '@/lib/i18n/core';
import { getBackendStatus, type BackendStatus } from '@/server/data/console';
import { getT } from '@/server/i18n';

/** Checks the endpoint while the rest of the page streams in, so a slow endpoint never holds up the frame. */
export async function BackendBadgeLoader({ region }: { region: string }) {
  const [t, status] = await Promise.all([getT(), getBackendStatus(region)]);
  return <BackendBadge status={status} t={t} />;
}

export function BackendBadgePending() {
  return <span aria-hidden="true" className="inline-block h-5 w-24 animate-pulse rounded-full bg-[#414d5c]" />;
}

/** Which AWS the console is talking to — or, in red, that it cannot reach it. */
export function BackendBadge({ status, t }: { status: BackendStatus; t: Translate }) {
  let text: string;
  let title: string;
  let tone: 'ok' | 'bad';
  switch (status.state) {
    case 'local':
      text = t('topbar.backendLocal');
      title = t('topbar.backendLocalTitle', { endpoint: status.endpoint, account: status.account });
      tone = 'ok';
      break;
    case 'aws':
      text = status.account;
      title = t('topbar.backendAccountTitle', { account: status.account, arn: status.arn });
      tone = 'ok';
      break;
    case 'unreachable':
      text = t('topbar.backendUnreachable');
      title = t('topbar.backendErrorTitle', { code: status.error.code, message: status.error.message });
      tone = 'bad';
      break;
    default:
      text = t('topbar.backendError');
      title = t('topbar.backendErrorTitle', { code: status.error.code, message: status.error.message });
      tone = 'bad';
  }
  return (
    <span
      data-testid="backend-badge"
      data-backend-state={status.state}
      title={title}
      className={cx(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-[12px] leading-4 font-bold whitespace-nowrap',
        tone === 'ok' ? 'bg-[#414d5c] text-white' : 'bg-error text-white',
      )}
    >
      <span aria-hidden="true" className={cx('size-2 rounded-full', tone === 'ok' ? 'bg-[#29ad32]' : 'bg-white')} />
      {text}
    </span>
  );
}
