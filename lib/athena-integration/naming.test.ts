import { describe, expect, it } from 'vitest';
import { compactFlowLogId, glueDatabaseName, integrationTableName, namedQueryLogicalId, workGroupName } from './naming';
import { parseTemplateObjectUrl, templateObjectKey, templateObjectUrl, templateTimestamp } from './template-location';

describe('Glue and Athena names', () => {
  it('match the names of a real generated template', () => {
    expect(compactFlowLogId('fl-0af0b31dcb7649c1d')).toBe('fl0af0b31dcb7649c1d');
    expect(glueDatabaseName('fl-0af0b31dcb7649c1d')).toBe('vpcflowlogsathenadatabasefl0af0b31dcb7649c1d');
    const table = integrationTableName('fl-0af0b31dcb7649c1d', {
      partitionLoadFrequency: 'daily',
      partitionStartDate: new Date('2021-04-15T00:00:00Z'),
      partitionEndDate: new Date('2021-04-15T23:59:59Z'),
    });
    expect(table).toBe('fl0af0b31dcb7649c1ddaily2021041520210415');
    expect(workGroupName(table)).toBe('fl0af0b31dcb7649c1ddaily2021041520210415WorkGroup');
  });

  it('use UTC dates and drop the dates that are not given', () => {
    expect(integrationTableName('fl-1', { partitionLoadFrequency: 'weekly' })).toBe('fl1weekly');
    expect(integrationTableName('fl-1', { partitionLoadFrequency: 'monthly', partitionStartDate: new Date('2021-12-31T23:30:00-02:00') })).toBe(
      'fl1monthly20220101',
    );
    expect(namedQueryLogicalId('VpcFlowLogsTopTalkers', 'fl1weekly')).toBe('VpcFlowLogsTopTalkersfl1weekly');
  });
});

describe('the template object', () => {
  const time = new Date('2021-07-21T00:57:56.789Z');

  it('is named with the UTC time as Java writes a Date', () => {
    expect(templateTimestamp(time)).toBe('Wed Jul 21 00:57:56 UTC 2021');
    expect(templateTimestamp(new Date('2022-11-12T23:16:02Z'))).toBe('Sat Nov 12 23:16:02 UTC 2022');
    expect(templateTimestamp(new Date('2024-02-05T03:04:05Z'))).toBe('Mon Feb 05 03:04:05 UTC 2024');
  });

  it('lands under the prefix, with or without its trailing slash', () => {
    const name = 'VPCFlowLogsIntegrationTemplate_fl-1234567890abcdef0_Wed Jul 21 00:57:56 UTC 2021.yml';
    expect(templateObjectKey({ prefix: '' }, 'fl-1234567890abcdef0', time)).toBe(name);
    expect(templateObjectKey({ prefix: 'athena-templates' }, 'fl-1234567890abcdef0', time)).toBe(`athena-templates/${name}`);
    expect(templateObjectKey({ prefix: 'a/templates/' }, 'fl-1234567890abcdef0', time)).toBe(`a/templates/${name}`);
  });

  it('is returned as a virtual-host URL with the name percent-encoded, as in the CLI example', () => {
    const key = templateObjectKey({ prefix: '' }, 'fl-1234567890abcdef0', time);
    const url = templateObjectUrl('amzn-s3-demo-bucket', 'us-east-2', key);
    expect(url).toBe(
      'https://amzn-s3-demo-bucket.s3.us-east-2.amazonaws.com/VPCFlowLogsIntegrationTemplate_fl-1234567890abcdef0_Wed%20Jul%2021%2000%3A57%3A56%20UTC%202021.yml',
    );
    expect(templateObjectUrl('b', 'us-east-1', 'my prefix/x:y.yml')).toBe('https://b.s3.us-east-1.amazonaws.com/my%20prefix/x%3Ay.yml');
    expect(parseTemplateObjectUrl(url)).toEqual({ bucket: 'amzn-s3-demo-bucket', region: 'us-east-2', key });
    expect(parseTemplateObjectUrl('https://example.com/x')).toBeUndefined();
  });
});
