'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Button } from '@/components/ui/button';
import { DeleteStackModal } from './delete-stack-modal';
import { useStackLive } from './stack-live';

/** The stack page's header actions: refresh and Delete (with confirmation). */
export function StackActions() {
  const t = useT();
  const router = useRouter();
  const flash = useFlash();
  const { activity, expect, refresh } = useStackLive();
  const [confirming, setConfirming] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const { stack } = activity;
  const deletable = stack.status !== 'DELETE_COMPLETE' && stack.status !== 'DELETE_IN_PROGRESS';
  return (
    <>
      <Button
        iconName="refresh"
        ariaLabel={t('common.refresh')}
        loading={refreshing}
        onClick={() =>
          startRefresh(async () => {
            await refresh();
            router.refresh();
          })
        }
      />
      <Button disabled={!deletable} onClick={() => setConfirming(true)}>
        {t('cfn.stacks.delete')}
      </Button>
      <DeleteStackModal
        visible={confirming}
        stackId={stack.id}
        stackName={stack.name}
        status={stack.status}
        onDismiss={() => setConfirming(false)}
        onDone={(result) => {
          setConfirming(false);
          if (result.ok) expect('DELETE_IN_PROGRESS');
          else flash.push({ type: 'error', header: t('cfn.delete.failed', { name: stack.name }), code: result.code, content: result.message });
        }}
      />
    </>
  );
}
