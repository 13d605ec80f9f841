import { validateBucketName, type BucketNameIssue } from '../../../../lib/s3-bucket-name';

const MESSAGES: Record<BucketNameIssue['rule'], (issue: BucketNameIssue) => string> = {
  length: () => 'Bucket names must be between 3 and 63 characters long.',
  chars: () => 'Bucket names can consist only of lowercase letters, numbers, dots (.), and hyphens (-).',
  edges: () => 'Bucket names must begin and end with a letter or number.',
  adjacentPeriods: () => 'Bucket names must not contain two adjacent periods.',
  ipAddress: () => 'Bucket names must not be formatted as an IP address.',
  reservedPrefix: (issue) => `Bucket names must not start with the reserved prefix ${'prefix' in issue ? issue.prefix : ''}.`,
  reservedSuffix: (issue) => `Bucket names must not end with the reserved suffix ${'suffix' in issue ? issue.suffix : ''}.`,
};

/** The first naming rule a bucket name breaks, worded for an InvalidBucketName error. */
export function bucketNameProblem(name: string): string | undefined {
  const [first] = validateBucketName(name);
  return first && MESSAGES[first.rule](first);
}
