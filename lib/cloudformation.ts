/**
 * CloudFormation facts the console needs on both sides of the wire: how a stack or resource
 * status reads (status-indicator kind), which statuses the list's status filter asks for, and the
 * stack-name rules CreateStack enforces.
 */

/** The status-indicator kinds (same names as components/ui/status-indicator). */
export type CfnStatusKind = 'success' | 'error' | 'warning' | 'info' | 'stopped' | 'pending' | 'in-progress';

/**
 * Our mapping (ui-and-style §1.4): *_IN_PROGRESS → in-progress, REVIEW_IN_PROGRESS → pending,
 * *_FAILED → error, a completed rollback → warning (the stack is usable only for delete / was
 * rolled back), DELETE_COMPLETE → stopped, DELETE_SKIPPED → info, other *_COMPLETE → success.
 */
export function cfnStatusKind(status: string | undefined | null): CfnStatusKind {
  if (!status) return 'pending';
  if (status === 'REVIEW_IN_PROGRESS') return 'pending';
  if (status.endsWith('_IN_PROGRESS')) return 'in-progress';
  if (status.endsWith('_FAILED')) return 'error';
  if (status === 'DELETE_COMPLETE') return 'stopped';
  if (status === 'DELETE_SKIPPED') return 'info';
  if (status.includes('ROLLBACK_COMPLETE')) return 'warning';
  if (status.endsWith('_COMPLETE')) return 'success';
  return 'info';
}

/** A stack (or resource) that CloudFormation is still working on: its page keeps polling. */
export function isCfnInProgress(status: string | undefined | null): boolean {
  return Boolean(status && status.endsWith('_IN_PROGRESS'));
}

export const STACK_STATUSES = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'DELETE_COMPLETE',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
] as const;

/** The stack list's status filter, as the CloudFormation console offers it. */
export const STACK_STATUS_FILTERS = ['active', 'deleted', 'all'] as const;
export type StackStatusFilter = (typeof STACK_STATUS_FILTERS)[number];

export function parseStackStatusFilter(value: unknown): StackStatusFilter {
  return STACK_STATUS_FILTERS.includes(value as StackStatusFilter) ? (value as StackStatusFilter) : 'active';
}

/** The ListStacks StackStatusFilter for a filter choice; empty means every status. */
export function statusesForFilter(filter: StackStatusFilter): string[] {
  if (filter === 'deleted') return ['DELETE_COMPLETE'];
  if (filter === 'active') return STACK_STATUSES.filter((status) => status !== 'DELETE_COMPLETE');
  return [];
}

export const MAX_STACK_NAME_LENGTH = 128;

export type StackNameIssue = 'required' | 'length' | 'start' | 'chars';

/** CreateStack's rule: [a-zA-Z][-a-zA-Z0-9]*, at most 128 characters. Issues in the order a user fixes them. */
export function validateStackName(name: string): StackNameIssue[] {
  if (name.length === 0) return ['required'];
  const issues: StackNameIssue[] = [];
  if (!/^[a-zA-Z]/.test(name)) issues.push('start');
  if (!/^[-a-zA-Z0-9]*$/.test(name)) issues.push('chars');
  if (name.length > MAX_STACK_NAME_LENGTH) issues.push('length');
  return issues;
}

/** A stack ID (ARN) rather than a stack name: deleted stacks can only be looked up by it. */
export function isStackId(nameOrId: string): boolean {
  return nameOrId.startsWith('arn:');
}

/** Capabilities CreateStack must be given for IAM resources; the console asks the user to acknowledge them. */
export function iamCapabilities(capabilities: readonly string[]): string[] {
  return capabilities.filter((c) => c === 'CAPABILITY_IAM' || c === 'CAPABILITY_NAMED_IAM');
}

export interface CfnEventLike {
  logicalId: string;
  resourceType: string;
  status: string;
  statusReason: string | null;
}

/**
 * The resource failures of the stack's latest operation, for explaining a *_FAILED or rolled-back
 * stack: the failed resource events (newest first) since the stack's own "User Initiated" event that
 * started the operation. `events` are newest first, as DescribeStackEvents returns them.
 */
export function latestOperationFailures<T extends CfnEventLike>(events: readonly T[], stackName: string): T[] {
  const failures: T[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    const isStack = event.resourceType === 'AWS::CloudFormation::Stack' && event.logicalId === stackName;
    if (isStack) {
      if (event.status.endsWith('_IN_PROGRESS') && event.statusReason === 'User Initiated') break;
      continue;
    }
    if (event.status.endsWith('_FAILED') && !seen.has(event.logicalId)) {
      seen.add(event.logicalId);
      failures.push(event);
    }
  }
  return failures;
}

/** A stack whose page should explain what went wrong: failed, or rolled back after a failure. */
export function needsExplanation(status: string): boolean {
  return status.endsWith('_FAILED') || status.includes('ROLLBACK');
}
