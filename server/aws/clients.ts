import 'server-only';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { LOCAL_CREDENTIALS } from '@/lib/runtime-config';
import { consoleConfig } from './config';

/**
 * The only place the console builds AWS SDK clients. With BACKEND=local every client points at the
 * embedded endpoint (static credentials, path-style S3); with BACKEND=aws they use the default
 * credential chain, exactly as any AWS tool would. One client per service and region, reused.
 */
type ClientCtor<T> = new (config: Record<string, unknown>) => T;

const clientCache = new Map<string, unknown>();

function build<T>(name: string, Ctor: ClientCtor<T>, region?: string, extra: Record<string, unknown> = {}): T {
  const cfg = consoleConfig();
  const effectiveRegion = region ?? cfg.region;
  const key = `${name}:${effectiveRegion}`;
  const existing = clientCache.get(key);
  if (existing) return existing as T;
  const base: Record<string, unknown> =
    cfg.BACKEND === 'local'
      ? { region: effectiveRegion, endpoint: cfg.localEndpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 }
      : { region: effectiveRegion };
  const client = new Ctor({ ...base, ...extra });
  clientCache.set(key, client);
  return client;
}

export const ec2Client = (region?: string) => build('ec2', EC2Client, region);
export const s3Client = (region?: string) =>
  build('s3', S3Client, region, consoleConfig().BACKEND === 'local' ? { forcePathStyle: true } : {});
export const cloudFormationClient = (region?: string) => build('cloudformation', CloudFormationClient, region);
export const athenaClient = (region?: string) => build('athena', AthenaClient, region);
export const glueClient = (region?: string) => build('glue', GlueClient, region);
export const stsClient = (region?: string) => build('sts', STSClient, region);

export function backendKind(): 'local' | 'aws' {
  return consoleConfig().BACKEND;
}
