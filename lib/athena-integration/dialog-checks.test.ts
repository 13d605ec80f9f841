import { describe, expect, it } from 'vitest';
import { checkIntegrationDialog, s3LocationUri } from './dialog-checks';
import { validateIntegrationForm, type IntegrationFormValues } from './integration-form';

const now = new Date(Date.UTC(2024, 5, 15, 12));
const valid: IntegrationFormValues = {
  partitionLoadFrequency: 'daily',
  partitionStartDate: '',
  partitionEndDate: '',
  templateLocation: 's3://templates/athena/',
  resultsLocation: 's3://results',
};

describe('checkIntegrationDialog', () => {
  it('accepts what validateIntegrationForm accepts', () => {
    expect(checkIntegrationDialog(valid, now)).toEqual({});
    expect(validateIntegrationForm('fl-1', valid, now).ok).toBe(true);
  });
  it('requires past dates for None', () => {
    expect(checkIntegrationDialog({ ...valid, partitionLoadFrequency: 'none' }, now)).toEqual({
      partitionStartDate: 'requiredForNone',
      partitionEndDate: 'requiredForNone',
    });
    expect(checkIntegrationDialog({ ...valid, partitionLoadFrequency: 'none', partitionStartDate: '2024-06-01', partitionEndDate: '2024-07-01' }, now)).toEqual({
      partitionEndDate: 'notInPast',
    });
  });
  it('wants the end on or after the start, and real dates', () => {
    expect(checkIntegrationDialog({ ...valid, partitionStartDate: '2024-03-02', partitionEndDate: '2024-03-01' }, now)).toEqual({ partitionEndDate: 'endBeforeStart' });
    expect(checkIntegrationDialog({ ...valid, partitionStartDate: '2024-02-30' }, now)).toEqual({ partitionStartDate: 'dateFormat' });
    expect(checkIntegrationDialog({ ...valid, partitionEndDate: '2024-03-01' }, now)).toEqual({ partitionStartDate: 'requiredWithEnd' });
  });
  it('checks both S3 locations', () => {
    expect(checkIntegrationDialog({ ...valid, templateLocation: '', resultsLocation: 'bucket/prefix' }, now)).toEqual({
      templateLocation: 'locationRequired',
      resultsLocation: 'locationInvalid',
    });
  });
  it('agrees with validateIntegrationForm on which fields fail', () => {
    const bad = { ...valid, partitionLoadFrequency: 'none', partitionStartDate: '2024-06-20', templateLocation: 's3://B' };
    const ours = Object.keys(checkIntegrationDialog(bad, now)).sort();
    const theirs = validateIntegrationForm('fl-1', bad, now);
    expect(theirs.ok).toBe(false);
    if (!theirs.ok) expect(Object.keys(theirs.fieldErrors).sort()).toEqual(ours);
  });
});

describe('s3LocationUri', () => {
  it('makes folder URIs', () => {
    expect(s3LocationUri('b', '')).toBe('s3://b/');
    expect(s3LocationUri('b', 'x/y')).toBe('s3://b/x/y/');
    expect(s3LocationUri('b', 'x/')).toBe('s3://b/x/');
  });
});
