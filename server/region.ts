import 'server-only';
import { cookies } from 'next/headers';
import { REGION_PATTERN } from '@/lib/aws-regions';
import { consoleConfig } from './aws/config';

export const REGION_COOKIE = 'region';

/** The Region the user picked in the top bar (cookie `region`), else the configured default. */
export async function currentRegion(): Promise<string> {
  const chosen = (await cookies()).get(REGION_COOKIE)?.value;
  return chosen && REGION_PATTERN.test(chosen) ? chosen : consoleConfig().region;
}
