'use client';

import { WORKGROUP_COOKIE } from './links';

/**
 * What the browser remembers about workgroups: which ones' settings the user acknowledged (per
 * Region, in localStorage) and the workgroup last switched to (cookie, so the server renders it
 * when the URL names none).
 */
const ACK_KEY = 'athena:acknowledged-workgroups';

function readAcknowledged(): string[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(ACK_KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export function isAcknowledged(region: string, workGroup: string): boolean {
  return readAcknowledged().includes(`${region}/${workGroup}`);
}

export function acknowledge(region: string, workGroup: string): void {
  const entry = `${region}/${workGroup}`;
  const list = readAcknowledged().filter((item) => item !== entry);
  try {
    window.localStorage.setItem(ACK_KEY, JSON.stringify([...list, entry].slice(-200)));
  } catch {
    // Without storage the dialog simply asks again next time.
  }
}

export function rememberWorkGroup(workGroup: string): void {
  document.cookie = `${WORKGROUP_COOKIE}=${encodeURIComponent(workGroup)}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}
