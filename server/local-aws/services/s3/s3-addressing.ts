import type { RawRequest } from '../../request-context';
import { s3Errors } from './s3-errors';

export interface S3Address {
  bucket?: string;
  key?: string;
  style: 'path' | 'virtual-host';
}

/**
 * Where a request points. Path style (`/bucket/key`, what the CLI and the console use with a custom
 * endpoint) and virtual-host style (`bucket.localhost:4566/key` or `bucket.s3.<region>.amazonaws.com`,
 * the SDK's default without forcePathStyle) both resolve to the same bucket and key.
 */
export function resolveS3Address(request: RawRequest): S3Address {
  const host = String(request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const hostBucket = bucketFromHost(host);
  const path = request.rawPath;
  if (hostBucket !== undefined) {
    const key = path.length > 1 ? decodeKey(path.slice(1)) : undefined;
    return { bucket: hostBucket, key, style: 'virtual-host' };
  }
  const withoutSlash = path.slice(1);
  if (withoutSlash === '') return { style: 'path' };
  const slash = withoutSlash.indexOf('/');
  if (slash < 0) return { bucket: decodeKey(withoutSlash), style: 'path' };
  const bucket = decodeKey(withoutSlash.slice(0, slash));
  const rawKey = withoutSlash.slice(slash + 1);
  return { bucket, key: rawKey === '' ? undefined : decodeKey(rawKey), style: 'path' };
}

function bucketFromHost(host: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')) return undefined;
  const awsStyle = /^(.+)\.s3([.-][a-z0-9-]+)*\.amazonaws\.com$/.exec(host);
  if (awsStyle) return awsStyle[1];
  // `s3.localhost` is the service's own host (path style), not a bucket named "s3".
  if (host === 's3.localhost') return undefined;
  const local = /^(.+?)\.(s3\.)?localhost$/.exec(host);
  if (local) return local[1];
  return undefined;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw s3Errors.invalidUri();
  }
}
