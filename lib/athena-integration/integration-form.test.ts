import { describe, expect, it } from 'vitest';
import { athenaIntegrationIneligibility } from './eligibility';
import { validateIntegrationForm, type IntegrationFormValues } from './integration-form';
import { checkPartitionDates, parseCalendarDate } from './partition-dates';
import { parseS3Arn, parseS3Uri, s3ArnToUri, s3FolderUri, s3UriToArn } from './s3-locations';

const NOW = new Date('2026-11-28T12:00:00Z');
const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('S3 locations', () => {
  it('convert between the dialog’s URIs and the API’s ARNs', () => {
    expect(s3UriToArn('s3://my-bucket/templates/')).toBe('arn:aws:s3:::my-bucket/templates/');
    expect(s3UriToArn('s3://my-bucket')).toBe('arn:aws:s3:::my-bucket');
    expect(s3UriToArn('s3://my-bucket/')).toBe('arn:aws:s3:::my-bucket');
    expect(s3ArnToUri('arn:aws:s3:::my-bucket/athena-query-results/')).toBe('s3://my-bucket/athena-query-results/');
    expect(s3ArnToUri('arn:aws:s3:::my-bucket')).toBe('s3://my-bucket/');
    expect(s3UriToArn('https://my-bucket.s3.amazonaws.com/')).toBeUndefined();
  });

  it('refuse what is not an S3 location, saying why', () => {
    expect(parseS3Arn('arn:aws:s3:::my-bucket/a/b')).toEqual({ ok: true, value: { bucket: 'my-bucket', prefix: 'a/b' } });
    expect(parseS3Arn('arn:aws:logs:us-east-1:1:log-group:x')).toMatchObject({ ok: false, message: expect.stringContaining('is not an S3 ARN') });
    expect(parseS3Arn('arn:aws:s3:::My_Bucket')).toMatchObject({ ok: false, message: expect.stringContaining('does not name a valid S3 bucket') });
    expect(parseS3Arn('arn:aws:s3:::')).toMatchObject({ ok: false });
    expect(parseS3Uri('my-bucket/x')).toEqual({ ok: false, message: 'Enter a valid S3 URI, for example s3://bucket/prefix/.' });
    expect(s3FolderUri({ bucket: 'b', prefix: 'results' })).toBe('s3://b/results/');
    expect(s3FolderUri({ bucket: 'b', prefix: '' })).toBe('s3://b/');
  });
});

describe('partition dates', () => {
  it('None needs both dates, in the past, end not before start', () => {
    expect(checkPartitionDates('none', undefined, undefined, NOW)).toEqual([
      { field: 'partitionStartDate', rule: 'requiredForNone' },
      { field: 'partitionEndDate', rule: 'requiredForNone' },
    ]);
    expect(checkPartitionDates('none', day('2026-11-01'), day('2026-11-28'), NOW)).toEqual([]);
    expect(checkPartitionDates('none', day('2026-11-01'), day('2026-11-29'), NOW)).toEqual([{ field: 'partitionEndDate', rule: 'notInPast' }]);
    expect(checkPartitionDates('none', day('2026-11-20'), day('2026-11-01'), NOW)).toEqual([{ field: 'partitionEndDate', rule: 'endBeforeStart' }]);
  });

  it('other frequencies take dates or not, but an end needs a start', () => {
    expect(checkPartitionDates('daily', undefined, undefined, NOW)).toEqual([]);
    expect(checkPartitionDates('weekly', day('2027-01-01'), undefined, NOW)).toEqual([]);
    expect(checkPartitionDates('monthly', undefined, day('2026-01-01'), NOW)).toEqual([{ field: 'partitionStartDate', rule: 'requiredWithEnd' }]);
    expect(checkPartitionDates('monthly', day('2026-02-01'), day('2026-01-01'), NOW)).toEqual([{ field: 'partitionEndDate', rule: 'endBeforeStart' }]);
  });

  it('reads the date picker’s dates as UTC midnight and refuses impossible ones', () => {
    expect(parseCalendarDate('2021/04/15')).toEqual(day('2021-04-15'));
    expect(parseCalendarDate('2021-04-15')).toEqual(day('2021-04-15'));
    expect(parseCalendarDate('2021/02/30')).toBeUndefined();
    expect(parseCalendarDate('15/04/2021')).toBeUndefined();
  });
});

describe('the dialog form', () => {
  const values = (overrides: Partial<IntegrationFormValues> = {}): IntegrationFormValues => ({
    partitionLoadFrequency: 'daily',
    partitionStartDate: '',
    partitionEndDate: '',
    templateLocation: 's3://my-flow-logs-athena-integration/templates/',
    resultsLocation: 's3://my-flow-logs-analysis/athena-query-results/',
    ...overrides,
  });

  it('builds the SDK request with one Athena integration', () => {
    expect(validateIntegrationForm('fl-1', values(), NOW)).toEqual({
      ok: true,
      request: {
        FlowLogId: 'fl-1',
        ConfigDeliveryS3DestinationArn: 'arn:aws:s3:::my-flow-logs-athena-integration/templates/',
        IntegrateServices: {
          AthenaIntegrations: [{ IntegrationResultS3DestinationArn: 'arn:aws:s3:::my-flow-logs-analysis/athena-query-results/', PartitionLoadFrequency: 'daily' }],
        },
      },
    });
    const none = validateIntegrationForm('fl-1', values({ partitionLoadFrequency: 'none', partitionStartDate: '2026/11/01', partitionEndDate: '2026/11/20' }), NOW);
    expect(none.ok && none.request.IntegrateServices.AthenaIntegrations[0]).toMatchObject({ PartitionStartDate: day('2026-11-01'), PartitionEndDate: day('2026-11-20') });
  });

  it('explains each problem next to its field', () => {
    expect(validateIntegrationForm('fl-1', values({ partitionLoadFrequency: 'none', templateLocation: '', resultsLocation: 'bucket' }), NOW)).toEqual({
      ok: false,
      fieldErrors: {
        partitionStartDate: 'Partition start date is required when the partition load frequency is None.',
        partitionEndDate: 'Partition end date is required when the partition load frequency is None.',
        templateLocation: 'Enter an S3 location, for example s3://bucket/prefix/.',
        resultsLocation: 'Enter a valid S3 URI, for example s3://bucket/prefix/.',
      },
    });
    expect(validateIntegrationForm('fl-1', values({ partitionLoadFrequency: 'none', partitionStartDate: '2026/12/01', partitionEndDate: '2026/13/01' }), NOW)).toEqual({
      ok: false,
      fieldErrors: {
        partitionStartDate: 'The partition start date must be in the past when the partition load frequency is None.',
        partitionEndDate: 'Enter a date as YYYY/MM/DD.',
      },
    });
    expect(validateIntegrationForm('fl-1', values({ partitionStartDate: '2026/11/10', partitionEndDate: '2026/11/01' }), NOW)).toMatchObject({
      fieldErrors: { partitionEndDate: 'The partition end date must be on or after the start date.' },
    });
    expect(validateIntegrationForm('fl-1', values({ partitionLoadFrequency: 'hourly' }), NOW)).toMatchObject({
      fieldErrors: { partitionLoadFrequency: 'Choose a partition load frequency: None, Daily, Weekly or Monthly.' },
    });
  });
});

describe('eligibility', () => {
  it('takes VPC, subnet and interface flow logs that publish to S3', () => {
    expect(athenaIntegrationIneligibility({ flowLogId: 'fl-1', logDestinationType: 's3', resourceId: 'vpc-1' })).toBeUndefined();
    expect(athenaIntegrationIneligibility({ flowLogId: 'fl-1', logDestinationType: 'cloud-watch-logs', resourceId: 'vpc-1' })).toBe(
      'Flow log fl-1 publishes to cloud-watch-logs. Athena integration needs a flow log that publishes to Amazon S3.',
    );
    expect(athenaIntegrationIneligibility({ flowLogId: 'fl-1', logDestinationType: 's3', resourceId: 'tgw-1' })).toContain('Transit Gateway');
  });
});
