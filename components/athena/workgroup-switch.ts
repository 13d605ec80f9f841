'use client';

/**
 * A workgroup switch in flight. The switcher and the editor are siblings on the page: while the
 * switcher's navigation loads, the editor of the workgroup being left must not rewrite the URL
 * (a view tab, its database), or that write lands on top of the switch and the user is left on the
 * old workgroup. The switched-to editor mounts fresh, so nothing the old one skips is lost.
 */
let target: string | null = null;

export function beginWorkGroupSwitch(workGroup: string): void {
  target = workGroup;
}

export function endWorkGroupSwitch(): void {
  target = null;
}

/** True while a switch from `workGroup` to another one is loading. */
export function isSwitchingAwayFrom(workGroup: string): boolean {
  return target !== null && target !== workGroup;
}
