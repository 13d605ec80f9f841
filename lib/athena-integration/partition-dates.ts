import type { PartitionLoadFrequency } from './integration-input';

/**
 * The rules for partition dates, shared by the API (which turns them into EC2 errors) and the
 * console dialog (which shows them next to the fields). From the VPC guide: "If you choose None, you
 * must specify the partition start and end date, using dates that are in the past. If you choose
 * Daily, Weekly, or Monthly, the partition start and end dates are optional."
 * Our additions: an end date needs a start date, and the end may not be before the start.
 */
export type PartitionDateIssue =
  | { field: 'partitionStartDate' | 'partitionEndDate'; rule: 'requiredForNone' }
  | { field: 'partitionStartDate'; rule: 'requiredWithEnd' }
  | { field: 'partitionStartDate' | 'partitionEndDate'; rule: 'notInPast' }
  | { field: 'partitionEndDate'; rule: 'endBeforeStart' };

export function checkPartitionDates(
  frequency: PartitionLoadFrequency,
  start: Date | undefined,
  end: Date | undefined,
  now: Date,
): PartitionDateIssue[] {
  const issues: PartitionDateIssue[] = [];
  if (frequency === 'none') {
    if (!start) issues.push({ field: 'partitionStartDate', rule: 'requiredForNone' });
    if (!end) issues.push({ field: 'partitionEndDate', rule: 'requiredForNone' });
    if (start && start.getTime() >= now.getTime()) issues.push({ field: 'partitionStartDate', rule: 'notInPast' });
    if (end && end.getTime() >= now.getTime()) issues.push({ field: 'partitionEndDate', rule: 'notInPast' });
  } else if (end && !start) {
    issues.push({ field: 'partitionStartDate', rule: 'requiredWithEnd' });
  }
  if (start && end && end.getTime() < start.getTime()) issues.push({ field: 'partitionEndDate', rule: 'endBeforeStart' });
  return issues;
}

/** The dialog's wording of each rule. */
export function partitionDateIssueMessage(issue: PartitionDateIssue): string {
  const label = issue.field === 'partitionStartDate' ? 'start date' : 'end date';
  switch (issue.rule) {
    case 'requiredForNone':
      return `Partition ${label} is required when the partition load frequency is None.`;
    case 'requiredWithEnd':
      return 'Partition start date is required when you give an end date.';
    case 'notInPast':
      return `The partition ${label} must be in the past when the partition load frequency is None.`;
    case 'endBeforeStart':
      return 'The partition end date must be on or after the start date.';
  }
}

/**
 * A date as the dialog's date picker gives it (`YYYY/MM/DD` or `YYYY-MM-DD`), as midnight UTC;
 * undefined for anything else, including dates that do not exist (2021/02/30).
 */
export function parseCalendarDate(text: string): Date | undefined {
  const match = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}
