'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { isCfnInProgress } from '@/lib/cloudformation';
import { stackHref } from './links';
import type { StackActivity } from '@/server/data/cloudformation';
import type { AwsErrorInfo } from '@/server/aws/errors';

/** Polling cadence while a stack is in progress: a quick first look, then back off; reset when something changes. */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5000;
const MAX_ERROR_DELAY_MS = 15_000;

interface StackLiveValue {
  activity: StackActivity;
  /** The last poll failed (the page keeps showing what it has and retries). */
  pollError: AwsErrorInfo | null;
  polling: boolean;
  /** After an action (e.g. DeleteStack): show the expected status at once and poll until it settles. */
  expect: (status: string) => void;
  /** Poll once now, whatever the status. */
  refresh: () => Promise<void>;
}

const StackLiveContext = createContext<StackLiveValue | null>(null);

function merge(current: StackActivity, next: StackActivity): StackActivity {
  // New events are the ones the page has not seen; they go on top (events are newest first).
  const known = new Set(current.events.map((event) => event.id));
  const fresh = next.events.filter((event) => !known.has(event.id));
  return { ...next, events: [...fresh, ...current.events] };
}

/**
 * Holds a stack's live state for its page. The server renders the first snapshot; while the stack
 * is *_IN_PROGRESS this polls /api/cloudformation/stack-activity for the events newer than the newest
 * one shown, prepends them, and updates the status and resources — no reload needed.
 */
export function StackLiveProvider({ initial, children }: { initial: StackActivity; children: ReactNode }) {
  const [live, setLive] = useState<StackActivity | null>(null);
  const [pollError, setPollError] = useState<AwsErrorInfo | null>(null);
  const [wake, setWake] = useState(0);
  // A newer server render (router.refresh) wins over an older poll, and the other way round.
  const activity = live && live.fetchedAt >= initial.fetchedAt ? live : initial;
  const activityRef = useRef(activity);
  useEffect(() => {
    activityRef.current = activity;
  });

  const stackId = activity.stack.id;
  const status = activity.stack.status;
  const polling = isCfnInProgress(status);

  // A deleted stack can only be found by its ID: once deletion starts, the address names the stack
  // by ID, so a reload (or a link copied now) still opens it.
  useEffect(() => {
    if (status !== 'DELETE_IN_PROGRESS' && status !== 'DELETE_COMPLETE') return;
    const byId = stackHref(stackId);
    if (window.location.pathname !== byId) window.history.replaceState(null, '', `${byId}${window.location.search}${window.location.hash}`);
  }, [status, stackId]);

  const pollOnce = useCallback(async (): Promise<'changed' | 'same' | 'failed'> => {
    const current = activityRef.current;
    const params = new URLSearchParams({ stackId });
    if (current.events[0]) params.set('after', current.events[0].id);
    try {
      const response = await fetch(`/api/cloudformation/stack-activity?${params}`, { cache: 'no-store' });
      const result = (await response.json()) as { ok: true; data: StackActivity } | { ok: false; error: AwsErrorInfo };
      if (!result.ok) {
        setPollError(result.error);
        return 'failed';
      }
      setPollError(null);
      const latest = activityRef.current;
      const merged = merge(latest, result.data);
      activityRef.current = merged;
      setLive(merged);
      const changed = result.data.events.length > 0 || result.data.stack.status !== latest.stack.status;
      return changed ? 'changed' : 'same';
    } catch {
      setPollError({ code: 'NetworkError', message: 'The console server did not answer.' });
      return 'failed';
    }
  }, [stackId]);

  useEffect(() => {
    if (!polling) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    let delay = FIRST_DELAY_MS;
    const tick = async () => {
      const outcome = await pollOnce();
      if (cancelled) return;
      if (!isCfnInProgress(activityRef.current.stack.status)) return;
      delay = outcome === 'changed' ? FIRST_DELAY_MS : Math.min(delay * 2, outcome === 'failed' ? MAX_ERROR_DELAY_MS : MAX_DELAY_MS);
      timer = setTimeout(tick, delay);
    };
    timer = setTimeout(tick, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [polling, pollOnce, wake]);

  const expect = useCallback((status: string) => {
    const current = activityRef.current;
    const next = { ...current, stack: { ...current.stack, status, statusReason: null }, fetchedAt: Math.max(Date.now(), current.fetchedAt + 1) };
    activityRef.current = next;
    setLive(next);
    setWake((n) => n + 1);
  }, []);

  const refresh = useCallback(async () => {
    await pollOnce();
    setWake((n) => n + 1);
  }, [pollOnce]);

  return (
    <StackLiveContext.Provider value={{ activity, pollError, polling, expect, refresh }}>{children}</StackLiveContext.Provider>
  );
}

export function useStackLive(): StackLiveValue {
  const value = useContext(StackLiveContext);
  if (!value) throw new Error('useStackLive() needs a <StackLiveProvider> (the stack page provides one).');
  return value;
}
