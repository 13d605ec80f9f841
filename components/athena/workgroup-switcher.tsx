'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useState, useTransition } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { KeyValuePairs } from '@/components/ui/key-value-pairs';
import { Modal } from '@/components/ui/modal';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import type { WorkGroupSummary } from '@/server/data/athena';
import { editorHref } from './links';
import { acknowledge, isAcknowledged, rememberWorkGroup } from './workgroup-memory';
import { beginWorkGroupSwitch, endWorkGroupSwitch } from './workgroup-switch';

interface Props {
  region: string;
  workGroups: WorkGroupSummary[];
  current: string;
  /** Where Cancel goes when the URL opened a workgroup the user has not acknowledged. */
  fallback: string;
}

/** A workgroup whose settings override the client's asks for an acknowledgement before queries run in it. */
function needsAcknowledgement(group: WorkGroupSummary | undefined, region: string): boolean {
  return Boolean(group?.enforced) && !isAcknowledged(region, group!.name);
}

/**
 * The Workgroup selector at the top right of the query editor. Switching to a workgroup that
 * enforces its settings first shows "Workgroup <name> settings" with its query result location;
 * Acknowledge switches (and is remembered for that workgroup), Cancel stays where the user was.
 */
export function WorkGroupSwitcher({ region, workGroups, current, fallback }: Props) {
  const t = useT();
  const router = useRouter();
  const searchParams = useSearchParams();
  const selectId = useId();
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState<{ name: string; fromUrl: boolean } | null>(null);

  const go = (name: string) => {
    rememberWorkGroup(name);
    beginWorkGroupSwitch(name);
    // Another workgroup has other tabs, saved queries and history: start on its editor view.
    startTransition(() => router.push(editorHref(searchParams, { workgroup: name, tab: null })));
  };

  // The switch has landed (or was superseded) once its transition is over.
  useEffect(() => {
    if (!pending) endWorkGroupSwitch();
  }, [pending]);

  // A link (or a reload) can open a workgroup whose settings were never acknowledged in this browser.
  useEffect(() => {
    const group = workGroups.find((candidate) => candidate.name === current);
    if (needsAcknowledgement(group, region)) {
      // Reading localStorage is only possible after hydration, so the question comes from an effect.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setAsking({ name: current, fromUrl: true });
    } else {
      rememberWorkGroup(current);
    }
  }, [current, region, workGroups]);

  const choose = (name: string) => {
    if (name === current) return;
    const group = workGroups.find((candidate) => candidate.name === name);
    if (needsAcknowledgement(group, region)) setAsking({ name, fromUrl: false });
    else go(name);
  };

  const onAcknowledge = () => {
    if (!asking) return;
    acknowledge(region, asking.name);
    if (asking.fromUrl) rememberWorkGroup(asking.name);
    else go(asking.name);
    setAsking(null);
  };

  const onCancel = () => {
    if (asking?.fromUrl && fallback !== asking.name) go(fallback);
    setAsking(null);
  };

  const asked = asking ? workGroups.find((group) => group.name === asking.name) : undefined;

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={selectId} className="font-bold whitespace-nowrap">
        {t('athena.workgroup.label')}
      </label>
      <Select
        id={selectId}
        value={asking && !asking.fromUrl ? asking.name : current}
        onChange={(event) => choose(event.target.value)}
        options={workGroups.map((group) => ({ value: group.name, label: group.name }))}
        className="w-auto max-w-[22rem] min-w-[12rem]"
        disabled={pending}
      />
      {pending && <Spinner />}
      <Modal
        visible={Boolean(asking)}
        onDismiss={onCancel}
        header={t('athena.workgroup.ackTitle', { name: asking?.name ?? '' })}
        footer={
          <>
            <Button variant="link" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onClick={onAcknowledge} data-autofocus>
              {t('athena.workgroup.acknowledge')}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-4">
          <p>{t('athena.workgroup.ackIntro')}</p>
          <KeyValuePairs
            columns={1}
            items={[
              { label: t('athena.workgroup.resultLocation'), value: <span className="break-all">{asked?.outputLocation ?? t('athena.workgroup.noResultLocation')}</span> },
              { label: t('athena.workgroup.overrideClient'), value: asked?.enforced ? t('athena.workgroup.on') : t('athena.workgroup.off') },
              { label: t('athena.workgroup.engine'), value: asked?.engineVersion ?? '-' },
            ]}
          />
          <p className="text-ink-secondary">{t('athena.workgroup.ackNote')}</p>
        </div>
      </Modal>
    </div>
  );
}
