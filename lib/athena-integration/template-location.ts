import type { S3Location } from './s3-locations';

/**
 * Where GetFlowLogsIntegrationTemplate puts the template and the URL it answers with.
 *
 * Verified by the AWS CLI example and by a user's `aws s3 ls` (team reference §1.4):
 * `VPCFlowLogsIntegrationTemplate_fl-1234567890abcdef0_Wed Jul 21 00:57:56 UTC 2021.yml`, returned as
 * `https://<bucket>.s3.<region>.amazonaws.com/VPCFlowLogsIntegrationTemplate_fl-…_Wed%20Jul%2021%2000%3A57%3A56%20UTC%202021.yml`.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Java's `Date.toString()` in UTC (`EEE MMM dd HH:mm:ss zzz yyyy`), the form AWS puts in the name. */
export function templateTimestamp(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[time.getUTCDay()]} ${MONTHS[time.getUTCMonth()]} ${pad(time.getUTCDate())} ` +
    `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} UTC ${time.getUTCFullYear()}`
  );
}

export function templateFileName(flowLogId: string, time: Date): string {
  return `VPCFlowLogsIntegrationTemplate_${flowLogId}_${templateTimestamp(time)}.yml`;
}

/**
 * The object key: the file name under the location's prefix. AWS joins prefix and name with `/`
 * (a user saw `prefix//…` after giving a trailing slash), so the trailing slashes of the prefix are
 * dropped first; `templates` and `templates/` both give `templates/VPCFlowLogs…`.
 */
export function templateObjectKey(location: Pick<S3Location, 'prefix'>, flowLogId: string, time: Date): string {
  const prefix = location.prefix.replace(/\/+$/, '');
  const name = templateFileName(flowLogId, time);
  return prefix ? `${prefix}/${name}` : name;
}

/** `https://<bucket>.s3.<region>.amazonaws.com/<key>` with each key segment percent-encoded. */
export function templateObjectUrl(bucket: string, region: string, key: string): string {
  return `https://${bucket}.s3.${region}.amazonaws.com/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** Reads bucket, region and key back out of a template URL (the console links to the object with them). */
export function parseTemplateObjectUrl(url: string): { bucket: string; region: string; key: string } | undefined {
  const match = /^https:\/\/([^/]+)\.s3\.([a-z0-9-]+)\.amazonaws\.com\/(.+)$/.exec(url);
  if (!match) return undefined;
  try {
    return { bucket: match[1], region: match[2], key: match[3].split('/').map(decodeURIComponent).join('/') };
  } catch {
    return undefined;
  }
}
