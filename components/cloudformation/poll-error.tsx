'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { useStackLive } from './stack-live';

/** Says so when polling for stack updates fails (the page keeps retrying with back-off). */
export function PollError() {
  const t = useT();
  const { pollError, polling } = useStackLive();
  if (!pollError || !polling) return null;
  return <Alert type="warning">{t('cfn.stack.pollFailed', { code: pollError.code })}</Alert>;
}
