import { isPartitionLoadFrequency, type PartitionLoadFrequency } from './integration-input';
import { checkPartitionDates, parseCalendarDate, partitionDateIssueMessage } from './partition-dates';
import { parseS3Uri, s3LocationToArn } from './s3-locations';

/** The "Generate Athena integration" dialog's inputs, as the form holds them. */
export interface IntegrationFormValues {
  partitionLoadFrequency: string;
  /** `YYYY/MM/DD` or `YYYY-MM-DD`; '' when empty. */
  partitionStartDate: string;
  partitionEndDate: string;
  /** S3 location for the CloudFormation template, `s3://bucket[/prefix]`. */
  templateLocation: string;
  /** S3 location for the Athena query results. */
  resultsLocation: string;
}

export type IntegrationFormField = keyof IntegrationFormValues;

/** The GetFlowLogsIntegrationTemplate input, shaped as the SDK's command takes it. */
export interface IntegrationTemplateRequest {
  FlowLogId: string;
  ConfigDeliveryS3DestinationArn: string;
  IntegrateServices: {
    AthenaIntegrations: {
      IntegrationResultS3DestinationArn: string;
      PartitionLoadFrequency: PartitionLoadFrequency;
      PartitionStartDate?: Date;
      PartitionEndDate?: Date;
    }[];
  };
}

export type IntegrationFormResult =
  | { ok: true; request: IntegrationTemplateRequest }
  | { ok: false; fieldErrors: Partial<Record<IntegrationFormField, string>> };

/**
 * Checks the dialog's inputs as the API will, with messages for the fields, and builds the request
 * (the console sends exactly one Athena integration, as the AWS console does).
 */
export function validateIntegrationForm(flowLogId: string, values: IntegrationFormValues, now = new Date()): IntegrationFormResult {
  const fieldErrors: Partial<Record<IntegrationFormField, string>> = {};
  const frequency = values.partitionLoadFrequency;
  if (!isPartitionLoadFrequency(frequency)) fieldErrors.partitionLoadFrequency = 'Choose a partition load frequency: None, Daily, Weekly or Monthly.';

  const date = (field: 'partitionStartDate' | 'partitionEndDate') => {
    const text = values[field].trim();
    if (text === '') return undefined;
    const parsed = parseCalendarDate(text);
    if (!parsed) fieldErrors[field] = 'Enter a date as YYYY/MM/DD.';
    return parsed;
  };
  const start = date('partitionStartDate');
  const end = date('partitionEndDate');
  if (isPartitionLoadFrequency(frequency)) {
    for (const issue of checkPartitionDates(frequency, start, end, now)) {
      fieldErrors[issue.field] ??= partitionDateIssueMessage(issue);
    }
  }

  const location = (field: 'templateLocation' | 'resultsLocation') => {
    if (values[field].trim() === '') {
      fieldErrors[field] = 'Enter an S3 location, for example s3://bucket/prefix/.';
      return undefined;
    }
    const parsed = parseS3Uri(values[field]);
    if (!parsed.ok) fieldErrors[field] = parsed.message;
    return parsed.ok ? s3LocationToArn(parsed.value) : undefined;
  };
  const templateArn = location('templateLocation');
  const resultsArn = location('resultsLocation');

  if (Object.keys(fieldErrors).length > 0 || !templateArn || !resultsArn || !isPartitionLoadFrequency(frequency)) {
    return { ok: false, fieldErrors };
  }
  return {
    ok: true,
    request: {
      FlowLogId: flowLogId,
      ConfigDeliveryS3DestinationArn: templateArn,
      IntegrateServices: {
        AthenaIntegrations: [
          {
            IntegrationResultS3DestinationArn: resultsArn,
            PartitionLoadFrequency: frequency,
            ...(start ? { PartitionStartDate: start } : {}),
            ...(end ? { PartitionEndDate: end } : {}),
          },
        ],
      },
    },
  };
}
