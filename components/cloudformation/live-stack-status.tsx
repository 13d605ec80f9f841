'use client';

import { useStackLive } from './stack-live';
import { CfnStatus } from './stack-status';

/** The stack's status as it changes, for the page header. */
export function LiveStackStatus() {
  const { stack } = useStackLive().activity;
  return <CfnStatus status={stack.status} />;
}
