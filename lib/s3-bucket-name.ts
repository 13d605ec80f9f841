import type { Translate } from './i18n/core';

/**
 * The naming rules for general purpose buckets, as the S3 User Guide lists them ("Bucket naming
 * rules"). The console checks them while the user types; S3 has the last word either way.
 */
export type BucketNameIssue =
  | { rule: 'length' }
  | { rule: 'chars' }
  | { rule: 'edges' }
  | { rule: 'adjacentPeriods' }
  | { rule: 'ipAddress' }
  | { rule: 'reservedPrefix'; prefix: string }
  | { rule: 'reservedSuffix'; suffix: string };

export const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
export const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;

/** Every rule the name breaks, in the order a user would fix them; empty when the name is valid. */
export function validateBucketName(name: string): BucketNameIssue[] {
  const issues: BucketNameIssue[] = [];
  if (name.length < 3 || name.length > 63) issues.push({ rule: 'length' });
  if (!/^[a-z0-9.-]*$/.test(name)) issues.push({ rule: 'chars' });
  // Other characters are the `chars` rule's business; this one is about a leading or trailing . or -.
  if (/^[.-]|[.-]$/.test(name)) issues.push({ rule: 'edges' });
  if (name.includes('..')) issues.push({ rule: 'adjacentPeriods' });
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) issues.push({ rule: 'ipAddress' });
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) issues.push({ rule: 'reservedPrefix', prefix });
  const suffix = RESERVED_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) issues.push({ rule: 'reservedSuffix', suffix });
  return issues;
}

/** The catalog message for a broken rule (see s3.name.* in lib/i18n/messages). */
export function bucketNameIssueMessage(issue: BucketNameIssue, t: Translate): string {
  switch (issue.rule) {
    case 'reservedPrefix':
      return t('s3.name.reservedPrefix', { prefix: issue.prefix });
    case 'reservedSuffix':
      return t('s3.name.reservedSuffix', { suffix: issue.suffix });
    default:
      return t(`s3.name.${issue.rule}`);
  }
}
