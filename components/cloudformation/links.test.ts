import { describe, expect, it } from 'vitest';
import { createStackHref, resourceHref, stackFromParam, stackHref } from './links';

describe('stack links', () => {
  it('names live stacks by name and deleted ones by encoded ID', () => {
    expect(stackHref('my-stack')).toBe('/cloudformation/stacks/my-stack');
    expect(stackHref('my-stack', 'events')).toBe('/cloudformation/stacks/my-stack?tab=events');
    const id = 'arn:aws:cloudformation:us-east-1:000000000000:stack/my-stack/0a1b';
    expect(stackHref(id)).toBe('/cloudformation/stacks/arn%3Aaws%3Acloudformation%3Aus-east-1%3A000000000000%3Astack%2Fmy-stack%2F0a1b');
    expect(stackFromParam('arn%3Aaws%3Acloudformation%3Aus-east-1%3A000000000000%3Astack%2Fmy-stack%2F0a1b')).toBe(id);
    expect(stackFromParam('%E0%A4%A')).toBe('%E0%A4%A');
  });

  it('carries a template URL to Create stack', () => {
    expect(createStackHref()).toBe('/cloudformation/stacks/create');
    expect(createStackHref('https://b.s3.amazonaws.com/a b.yml')).toBe('/cloudformation/stacks/create?templateURL=https%3A%2F%2Fb.s3.amazonaws.com%2Fa%20b.yml');
  });
});

describe('resourceHref', () => {
  it('opens workgroups and Glue databases in the Athena query editor, buckets in the S3 browser', () => {
    expect(resourceHref({ type: 'AWS::Athena::WorkGroup', physicalId: 'fl0abcdailyWorkGroup' })).toBe('/athena/query-editor?workgroup=fl0abcdailyWorkGroup');
    expect(resourceHref({ type: 'AWS::Glue::Database', physicalId: 'vpcflowlogsathenadatabasefl0abc' })).toBe(
      '/athena/query-editor?database=vpcflowlogsathenadatabasefl0abc',
    );
    expect(resourceHref({ type: 'AWS::S3::Bucket', physicalId: 'my-bucket' })).toBe('/s3/buckets/my-bucket');
  });

  it('links a Glue table through its database, when the database is known', () => {
    expect(resourceHref({ type: 'AWS::Glue::Table', physicalId: 'flows' }, 'db1')).toBe('/athena/query-editor?database=db1');
    expect(resourceHref({ type: 'AWS::Glue::Table', physicalId: 'flows' })).toBeNull();
  });

  it('shows other resources, and resources without a physical ID, as plain text', () => {
    expect(resourceHref({ type: 'AWS::Lambda::Function', physicalId: 'fn' })).toBeNull();
    expect(resourceHref({ type: 'AWS::IAM::Role', physicalId: 'role' })).toBeNull();
    expect(resourceHref({ type: 'AWS::S3::Bucket', physicalId: null })).toBeNull();
  });
});
