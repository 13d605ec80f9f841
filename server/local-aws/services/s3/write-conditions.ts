import { AwsError } from '../../errors';
import type { RawRequest } from '../../request-context';
import { header } from './object-request-headers';
import { etagListMatches } from './etag-match';
import { s3Errors } from './s3-errors';

/**
 * S3 conditional writes (PutObject, CompleteMultipartUpload, CopyObject): `If-None-Match: *` writes
 * only when the key is free, `If-Match: <etag>` only over that exact version. Checked once before the
 * body is received (no wasted upload) and again inside the transaction that switches the key, so two
 * writers racing for a free key cannot both win.
 */
export interface WriteCondition {
  ifNoneMatch?: '*';
  ifMatch?: string;
}

export function readWriteCondition(request: RawRequest): WriteCondition | undefined {
  const ifNoneMatch = header(request, 'if-none-match')?.trim();
  const ifMatch = header(request, 'if-match')?.trim();
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  // S3 implements only the wildcard form on writes; anything else is refused rather than ignored.
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') {
    throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, { Header: 'If-None-Match' });
  }
  return { ...(ifNoneMatch ? { ifNoneMatch: '*' as const } : {}), ...(ifMatch !== undefined ? { ifMatch } : {}) };
}

/** Throws S3's answer when `condition` does not hold for the key's current ETag (undefined: no object). */
export function checkWriteCondition(condition: WriteCondition | undefined, key: string, currentEtag: string | undefined) {
  if (!condition) return;
  if (condition.ifNoneMatch && currentEtag !== undefined) throw s3Errors.preconditionFailed('If-None-Match');
  if (condition.ifMatch !== undefined) {
    if (currentEtag === undefined) throw s3Errors.noSuchKey(key);
    if (!etagListMatches(condition.ifMatch, currentEtag)) throw s3Errors.preconditionFailed('If-Match');
  }
}
