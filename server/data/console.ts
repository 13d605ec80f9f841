import 'server-only';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { backendKind, ec2Client, stsClient } from '@/server/aws/clients';
import { consoleConfig } from '@/server/aws/config';
import type { AwsErrorInfo } from '@/server/aws/errors';
import { attempt, quickSignal } from './read-result';

export type BackendStatus =
  | { state: 'local'; endpoint: string; account: string }
  | { state: 'aws'; account: string; arn: string }
  | { state: 'unreachable'; error: AwsErrorInfo }
  | { state: 'error'; error: AwsErrorInfo };

/** Who the console is talking to, for the badge in the top bar. Never throws. */
export async function getBackendStatus(region: string): Promise<BackendStatus> {
  const result = await attempt(() => stsClient(region).send(new GetCallerIdentityCommand({}), { abortSignal: quickSignal() }));
  if (!result.ok) {
    return result.error.code === 'EndpointUnreachable' ? { state: 'unreachable', error: result.error } : { state: 'error', error: result.error };
  }
  const account = result.data.Account ?? '';
  if (backendKind() === 'local') return { state: 'local', endpoint: consoleConfig().localEndpoint, account };
  return { state: 'aws', account, arn: result.data.Arn ?? '' };
}

let regionCache: { regions: string[]; at: number } | undefined;
const REGION_CACHE_MS = 10 * 60 * 1000;

/**
 * The Regions enabled for the account (EC2 DescribeRegions), cached for a few minutes because the
 * list practically never changes. When the call fails, just the current Region, so the selector
 * still shows where the console is pointed.
 */
export async function listRegions(current: string): Promise<string[]> {
  if (regionCache && Date.now() - regionCache.at < REGION_CACHE_MS) return withCurrent(regionCache.regions, current);
  const result = await attempt(() => ec2Client(current).send(new DescribeRegionsCommand({}), { abortSignal: quickSignal() }));
  if (!result.ok) return [current];
  const regions = (result.data.Regions ?? []).map((r) => r.RegionName).filter((name): name is string => Boolean(name)).sort();
  if (regions.length > 0) regionCache = { regions, at: Date.now() };
  return withCurrent(regions, current);
}

function withCurrent(regions: string[], current: string): string[] {
  return regions.includes(current) ? regions : [...regions, current].sort();
}
