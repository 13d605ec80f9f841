import type { IntegrationFormField, IntegrationFormValues } from './integration-form';
import { isPartitionLoadFrequency } from './integration-input';
import { checkPartitionDates, parseCalendarDate } from './partition-dates';
import { parseS3Uri } from './s3-locations';

/**
 * The "Generate Athena integration" dialog's checks as issue codes, so the console can word them in
 * the user's language. Same rules as validateIntegrationForm (which builds the API request); a form
 * with no issues here is one validateIntegrationForm accepts.
 */
export type IntegrationDialogIssue =
  | 'frequencyRequired'
  | 'dateFormat'
  | 'requiredForNone'
  | 'requiredWithEnd'
  | 'notInPast'
  | 'endBeforeStart'
  | 'locationRequired'
  | 'locationInvalid';

export type IntegrationDialogIssues = Partial<Record<IntegrationFormField, IntegrationDialogIssue>>;

export function checkIntegrationDialog(values: IntegrationFormValues, now = new Date()): IntegrationDialogIssues {
  const issues: IntegrationDialogIssues = {};
  const frequency = values.partitionLoadFrequency;
  if (!isPartitionLoadFrequency(frequency)) issues.partitionLoadFrequency = 'frequencyRequired';

  const date = (field: 'partitionStartDate' | 'partitionEndDate') => {
    const text = values[field].trim();
    if (text === '') return undefined;
    const parsed = parseCalendarDate(text);
    if (!parsed) issues[field] = 'dateFormat';
    return parsed;
  };
  const start = date('partitionStartDate');
  const end = date('partitionEndDate');
  if (isPartitionLoadFrequency(frequency)) {
    for (const issue of checkPartitionDates(frequency, start, end, now)) issues[issue.field] ??= issue.rule;
  }

  for (const field of ['templateLocation', 'resultsLocation'] as const) {
    if (values[field].trim() === '') issues[field] = 'locationRequired';
    else if (!parseS3Uri(values[field]).ok) issues[field] = 'locationInvalid';
  }
  return issues;
}

/** `s3://bucket/prefix/` for a bucket and a prefix picked in a browser ('' for the bucket root). */
export function s3LocationUri(bucket: string, prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return `s3://${bucket}/${trimmed && !trimmed.endsWith('/') ? `${trimmed}/` : trimmed}`;
}
