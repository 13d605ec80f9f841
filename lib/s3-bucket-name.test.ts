import { describe, expect, it } from 'vitest';
import { createTranslator, messagesFor } from './i18n/core';
import { bucketNameIssueMessage, validateBucketName } from './s3-bucket-name';

const rules = (name: string) => validateBucketName(name).map((issue) => issue.rule);

describe('validateBucketName', () => {
  it('accepts valid names', () => {
    for (const name of ['abc', 'my-bucket.logs-2025', 'a'.repeat(63), '1bucket9']) expect(rules(name)).toEqual([]);
  });

  it('enforces the length of 3 to 63 characters', () => {
    expect(rules('ab')).toEqual(['length']);
    expect(rules('a'.repeat(64))).toEqual(['length']);
    expect(rules('')).toContain('length');
  });

  it('allows only lowercase letters, digits, periods and hyphens', () => {
    expect(rules('My-Bucket')).toEqual(['chars']);
    expect(rules('my_bucket')).toEqual(['chars']);
    expect(rules('バケット名')).toEqual(['chars']);
  });

  it('requires a letter or digit at both ends and no adjacent periods', () => {
    expect(rules('-bucket')).toEqual(['edges']);
    expect(rules('bucket.')).toEqual(['edges']);
    expect(rules('my..bucket')).toEqual(['adjacentPeriods']);
  });

  it('rejects IP-address-like names and reserved prefixes and suffixes', () => {
    expect(rules('192.168.5.4')).toEqual(['ipAddress']);
    expect(validateBucketName('xn--bucket')).toEqual([{ rule: 'reservedPrefix', prefix: 'xn--' }]);
    expect(validateBucketName('sthree-configurator')).toEqual([{ rule: 'reservedPrefix', prefix: 'sthree-' }]);
    expect(validateBucketName('amzn-s3-demo-bucket')).toEqual([{ rule: 'reservedPrefix', prefix: 'amzn-s3-demo-' }]);
    expect(validateBucketName('mybucket-s3alias')).toEqual([{ rule: 'reservedSuffix', suffix: '-s3alias' }]);
    expect(validateBucketName('mybucket--ol-s3')).toEqual([{ rule: 'reservedSuffix', suffix: '--ol-s3' }]);
    expect(validateBucketName('mybucket.mrap')).toEqual([{ rule: 'reservedSuffix', suffix: '.mrap' }]);
    expect(validateBucketName('mybucket--x-s3')).toEqual([{ rule: 'reservedSuffix', suffix: '--x-s3' }]);
    expect(validateBucketName('mybucket--table-s3')).toEqual([{ rule: 'reservedSuffix', suffix: '--table-s3' }]);
  });

  it('has a message for every rule in both languages', () => {
    for (const lang of ['en', 'ja'] as const) {
      const t = createTranslator(messagesFor(lang));
      const messages = ['ab', 'ABC', '-ab', 'a..b', '10.0.0.1', 'xn--ab', 'ab-s3alias'].flatMap((name) =>
        validateBucketName(name).map((issue) => bucketNameIssueMessage(issue, t)),
      );
      expect(messages.length).toBeGreaterThanOrEqual(7);
      for (const message of messages) expect(message).not.toMatch(/^s3\.name\.|\{\w+\}/);
    }
  });
});
