import { describe, expect, it } from 'vitest';
import {
  cfnStatusKind,
  iamCapabilities,
  isCfnInProgress,
  isStackId,
  latestOperationFailures,
  needsExplanation,
  parseStackStatusFilter,
  STACK_STATUSES,
  statusesForFilter,
  validateStackName,
} from './cloudformation';

describe('cfnStatusKind', () => {
  it.each([
    ['CREATE_IN_PROGRESS', 'in-progress'],
    ['DELETE_IN_PROGRESS', 'in-progress'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'in-progress'],
    ['REVIEW_IN_PROGRESS', 'pending'],
    ['CREATE_COMPLETE', 'success'],
    ['UPDATE_COMPLETE', 'success'],
    ['IMPORT_COMPLETE', 'success'],
    ['CREATE_FAILED', 'error'],
    ['DELETE_FAILED', 'error'],
    ['ROLLBACK_FAILED', 'error'],
    ['ROLLBACK_COMPLETE', 'warning'],
    ['UPDATE_ROLLBACK_COMPLETE', 'warning'],
    ['IMPORT_ROLLBACK_COMPLETE', 'warning'],
    ['DELETE_COMPLETE', 'stopped'],
    ['DELETE_SKIPPED', 'info'],
  ])('%s → %s', (status, kind) => {
    expect(cfnStatusKind(status)).toBe(kind);
  });

  it('maps every stack status to a kind that is not a fallback guess', () => {
    for (const status of STACK_STATUSES) expect(cfnStatusKind(status)).not.toBe('info');
  });

  it('tells in-progress statuses apart', () => {
    expect(isCfnInProgress('CREATE_IN_PROGRESS')).toBe(true);
    expect(isCfnInProgress('CREATE_COMPLETE')).toBe(false);
    expect(isCfnInProgress(undefined)).toBe(false);
  });
});

describe('status filter', () => {
  it('defaults to active stacks', () => {
    expect(parseStackStatusFilter(undefined)).toBe('active');
    expect(parseStackStatusFilter('bogus')).toBe('active');
    expect(parseStackStatusFilter('deleted')).toBe('deleted');
  });

  it('asks ListStacks for every status but DELETE_COMPLETE when active', () => {
    const active = statusesForFilter('active');
    expect(active).not.toContain('DELETE_COMPLETE');
    expect(active).toContain('DELETE_FAILED');
    expect(active).toHaveLength(STACK_STATUSES.length - 1);
    expect(statusesForFilter('deleted')).toEqual(['DELETE_COMPLETE']);
    expect(statusesForFilter('all')).toEqual([]);
  });
});

describe('validateStackName', () => {
  it('accepts letters, numbers and hyphens starting with a letter', () => {
    expect(validateStackName('my-stack-1')).toEqual([]);
    expect(validateStackName('A')).toEqual([]);
    expect(validateStackName(`a${'b'.repeat(127)}`)).toEqual([]);
  });

  it('names what is wrong', () => {
    expect(validateStackName('')).toEqual(['required']);
    expect(validateStackName('1stack')).toEqual(['start']);
    expect(validateStackName('-stack')).toEqual(['start']);
    expect(validateStackName('my_stack')).toEqual(['chars']);
    expect(validateStackName('my stack')).toEqual(['chars']);
    expect(validateStackName('スタック')).toEqual(['start', 'chars']);
    expect(validateStackName(`a${'b'.repeat(128)}`)).toEqual(['length']);
  });
});

describe('helpers', () => {
  it('recognises stack IDs', () => {
    expect(isStackId('arn:aws:cloudformation:us-east-1:000000000000:stack/s/uuid')).toBe(true);
    expect(isStackId('my-stack')).toBe(false);
  });

  it('keeps only IAM capabilities', () => {
    expect(iamCapabilities(['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_NAMED_IAM'])).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(iamCapabilities([])).toEqual([]);
  });
});

describe('latestOperationFailures', () => {
  const ev = (logicalId: string, status: string, statusReason: string | null = null, resourceType = 'AWS::Athena::WorkGroup') => ({
    logicalId,
    status,
    statusReason,
    resourceType,
  });
  const stackEvent = (status: string, statusReason: string | null = null) => ev('s', status, statusReason, 'AWS::CloudFormation::Stack');

  it('collects the failed resources of the latest operation only, newest first, once each', () => {
    const events = [
      stackEvent('DELETE_FAILED', 'The following resource(s) failed to delete: [Wg].'),
      ev('Wg', 'DELETE_FAILED', 'WorkGroup wg is not empty'),
      ev('Wg', 'DELETE_IN_PROGRESS'),
      ev('Db', 'DELETE_COMPLETE', null, 'AWS::Glue::Database'),
      stackEvent('DELETE_IN_PROGRESS', 'User Initiated'),
      // An earlier operation's failure is not this one's cause.
      ev('Old', 'CREATE_FAILED', 'old reason'),
      stackEvent('CREATE_IN_PROGRESS', 'User Initiated'),
    ];
    expect(latestOperationFailures(events, 's')).toEqual([ev('Wg', 'DELETE_FAILED', 'WorkGroup wg is not empty')]);
  });

  it('finds the resource that made a create roll back', () => {
    const events = [
      stackEvent('ROLLBACK_COMPLETE'),
      ev('Bucket', 'DELETE_COMPLETE', null, 'AWS::S3::Bucket'),
      stackEvent('ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Fn].'),
      ev('Fn', 'CREATE_FAILED', 'Unsupported runtime', 'AWS::Lambda::Function'),
      ev('Bucket', 'CREATE_COMPLETE', null, 'AWS::S3::Bucket'),
      stackEvent('CREATE_IN_PROGRESS', 'User Initiated'),
    ];
    expect(latestOperationFailures(events, 's').map((e) => e.logicalId)).toEqual(['Fn']);
  });

  it('says which statuses need explaining', () => {
    expect(needsExplanation('DELETE_FAILED')).toBe(true);
    expect(needsExplanation('ROLLBACK_COMPLETE')).toBe(true);
    expect(needsExplanation('ROLLBACK_IN_PROGRESS')).toBe(true);
    expect(needsExplanation('CREATE_COMPLETE')).toBe(false);
    expect(needsExplanation('DELETE_IN_PROGRESS')).toBe(false);
  });
});
