import { s3Errors } from './s3-errors';

/**
 * `x-amz-copy-source: [/]bucket/key[?versionId=…]`, URL-encoded (CopyObject, UploadPartCopy).
 * The key is everything after the first slash, so keys with slashes, '..' or a leading '/' survive.
 */
export function parseCopySource(raw: string): { bucket: string; key: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.split('?')[0]);
  } catch {
    throw s3Errors.invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', raw);
  }
  const path = decoded.replace(/^\//, '');
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) {
    throw s3Errors.invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', raw);
  }
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}
