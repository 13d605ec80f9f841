/**
 * S3 locations as the integration takes them (`arn:aws:s3:::bucket[/prefix]`) and as people type
 * them in the console (`s3://bucket[/prefix]`). Unlike a flow log destination, any prefix is allowed.
 */

export interface S3Location {
  bucket: string;
  /** '' or the prefix as given, without a leading slash (a trailing slash is kept). */
  prefix: string;
}

export type S3LocationResult = { ok: true; value: S3Location } | { ok: false; message: string };

const ARN = /^arn:(aws[a-z-]*):s3:::([^/]*)(?:\/(.*))?$/;
const URI = /^s3:\/\/([^/]*)(?:\/(.*))?$/;

/** General purpose bucket names: 3–63 lower-case letters, digits, dots and hyphens, alphanumeric at both ends. */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

function checkedLocation(bucket: string, prefix: string | undefined, shown: string, example: string): S3LocationResult {
  if (!isValidBucketName(bucket)) {
    return { ok: false, message: `${shown} does not name a valid S3 bucket. Use ${example}.` };
  }
  return { ok: true, value: { bucket, prefix: (prefix ?? '').replace(/^\/+/, '') } };
}

export function parseS3Arn(arn: string): S3LocationResult {
  const match = ARN.exec(arn);
  if (!match) return { ok: false, message: `${arn} is not an S3 ARN. Use arn:aws:s3:::bucket or arn:aws:s3:::bucket/prefix.` };
  return checkedLocation(match[2], match[3], arn, 'arn:aws:s3:::bucket or arn:aws:s3:::bucket/prefix');
}

export function parseS3Uri(uri: string): S3LocationResult {
  const match = URI.exec(uri.trim());
  if (!match) return { ok: false, message: 'Enter a valid S3 URI, for example s3://bucket/prefix/.' };
  return checkedLocation(match[1], match[2], uri.trim(), 's3://bucket or s3://bucket/prefix/');
}

export function s3LocationToArn(location: S3Location): string {
  return location.prefix ? `arn:aws:s3:::${location.bucket}/${location.prefix}` : `arn:aws:s3:::${location.bucket}`;
}

export function s3LocationToUri(location: S3Location): string {
  return `s3://${location.bucket}/${location.prefix}`;
}

/** `s3://bucket/prefix/` → `arn:aws:s3:::bucket/prefix/`; undefined when the URI is not valid. */
export function s3UriToArn(uri: string): string | undefined {
  const parsed = parseS3Uri(uri);
  return parsed.ok ? s3LocationToArn(parsed.value) : undefined;
}

/** `arn:aws:s3:::bucket/prefix/` → `s3://bucket/prefix/`; undefined when the ARN is not valid. */
export function s3ArnToUri(arn: string): string | undefined {
  const parsed = parseS3Arn(arn);
  return parsed.ok ? s3LocationToUri(parsed.value) : undefined;
}

/**
 * A folder URI for tools that want one (Athena's OutputLocation, a Glue table Location):
 * `s3://bucket/` or `s3://bucket/prefix/`.
 */
export function s3FolderUri(location: S3Location): string {
  const prefix = location.prefix.replace(/\/+$/, '');
  return prefix ? `s3://${location.bucket}/${prefix}/` : `s3://${location.bucket}/`;
}
