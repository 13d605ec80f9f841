import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors';
import { findRegion } from '../ec2/region-catalog';
import { IntrinsicError, NO_VALUE, resolveValue, type IntrinsicScope } from './intrinsics';
import { generatePhysicalName, ResourceFailure, type ResourceProvider, type ResourceRequest } from './resource-provider';
import type { ResourceRecord, StackRecord, StackStore } from './stack-store';
import { findInMap, isListParameter, planStack, readTemplate, validationError, type Template } from './template';

/**
 * Runs stacks: resources are created one at a time in dependency order after CreateStack has
 * returned, with an event for every state change. A failure rolls back what was created, in reverse
 * order, and the stack ends ROLLBACK_COMPLETE carrying the failed resource's reason. DeleteStack
 * deletes in reverse creation order. Every step is committed to SQLite first, so `recover()` can
 * bring a stack left in progress by a stop to a terminal state on the next start.
 */

export interface EngineOptions {
  accountId: string;
  providers: Record<string, ResourceProvider>;
  log?: (line: string) => void;
}

const STACK_TYPE = 'AWS::CloudFormation::Stack';

export interface DeleteOptions {
  retain?: string[];
  force?: boolean;
}
export const STOPPED_REASON = 'Local AWS stopped while the operation was in progress';

export class StackEngine {
  private readonly work = new Map<string, Promise<void>>();
  private closing = false;

  constructor(
    private readonly store: StackStore,
    private readonly options: EngineOptions,
  ) {}

  providerFor(type: string): ResourceProvider | undefined {
    if (type.startsWith('Custom::')) return this.options.providers['AWS::CloudFormation::CustomResource'];
    return Object.hasOwn(this.options.providers, type) ? this.options.providers[type] : undefined;
  }

  /** Starts the stack's creation in the background; the record must already be stored. */
  startCreate(stack: StackRecord) {
    this.runExclusive(stack.StackId, () => this.create(stack.StackId));
  }

  /**
   * `retain`: logical ids to leave in place (DeleteStack RetainResources, for a DELETE_FAILED stack);
   * `force`: FORCE_DELETE_STACK, which retains whatever fails to delete instead of failing again.
   */
  startDelete(stackId: string, options: DeleteOptions = {}) {
    this.runExclusive(stackId, () => this.delete(stackId, options));
  }

  isBusy(stackId: string) {
    return this.work.has(stackId);
  }

  /** Resolves when no stack operation is running (tests, shutdown). */
  async idle() {
    while (this.work.size > 0) await Promise.allSettled([...this.work.values()]);
  }

  close() {
    this.closing = true;
  }

  /**
   * After a restart: a create that was interrupted fails and rolls back (or stays CREATE_FAILED with
   * OnFailure=DO_NOTHING), an interrupted rollback finishes, an interrupted delete ends DELETE_FAILED.
   */
  recover() {
    for (const stack of this.store.stacksInProgress()) {
      const now = new Date().toISOString();
      for (const resource of this.store.listResources(stack.StackId)) {
        if (!resource.ResourceStatus.endsWith('_IN_PROGRESS')) continue;
        const failed = resource.ResourceStatus.replace('_IN_PROGRESS', '_FAILED');
        this.setResource(stack, { ...resource, ResourceStatus: failed, ResourceStatusReason: STOPPED_REASON, Timestamp: now });
      }
      this.options.log?.(`[cloudformation] stack ${stack.StackName} was ${stack.StackStatus} when local AWS stopped; finishing it`);
      switch (stack.StackStatus) {
        case 'CREATE_IN_PROGRESS':
          if (stack.OnFailure === 'DO_NOTHING' && !stack.DeleteRequested) {
            this.setStackStatus(stack.StackId, 'CREATE_FAILED', STOPPED_REASON);
          } else {
            this.setStackStatus(stack.StackId, 'ROLLBACK_IN_PROGRESS', `${STOPPED_REASON}. Rollback requested by user.`);
            this.runExclusive(stack.StackId, () => this.rollback(stack.StackId, `${STOPPED_REASON}.`));
          }
          break;
        case 'ROLLBACK_IN_PROGRESS':
          this.runExclusive(stack.StackId, () => this.rollback(stack.StackId, stack.StackStatusReason ?? `${STOPPED_REASON}.`));
          break;
        case 'DELETE_IN_PROGRESS':
          this.setStackStatus(stack.StackId, 'DELETE_FAILED', STOPPED_REASON);
          break;
        default:
          this.setStackStatus(stack.StackId, stack.StackStatus.replace('_IN_PROGRESS', '_FAILED'), STOPPED_REASON);
      }
    }
  }

  // ------------------------------------------------------------------------------ operations

  private runExclusive(stackId: string, operation: () => Promise<void>) {
    const previous = this.work.get(stackId) ?? Promise.resolve();
    const next = previous
      .then(operation)
      .catch((error) => {
        this.options.log?.(`[cloudformation] stack operation failed unexpectedly: ${(error as Error)?.stack ?? error}`);
        // Never leave a stack in progress because of a bug: end it failed, with the error as reason.
        const stack = this.store.getStack(stackId);
        if (stack?.StackStatus.endsWith('_IN_PROGRESS') && !this.closing) {
          const status = stack.StackStatus === 'CREATE_IN_PROGRESS' ? 'CREATE_FAILED' : stack.StackStatus.replace('_IN_PROGRESS', '_FAILED');
          this.setStackStatus(stackId, status, failureReason(error, STACK_TYPE));
        }
      })
      .finally(() => {
        if (this.work.get(stackId) === next) this.work.delete(stackId);
      });
    this.work.set(stackId, next);
  }

  private async create(stackId: string) {
    let stack = this.store.getStack(stackId)!;
    const template = readTemplate(stack.TemplateBody);
    const plan = planStack(template, (name) => this.parameterValue(stack, template, name), stack.Region);
    const scope = this.scope(stack, template, plan.conditions);

    let failed: { logicalId: string; reason: string; timedOut?: boolean } | undefined;
    // TimeoutInMinutes counts from CreateStack; what is still being created then is cancelled.
    const deadline = stack.TimeoutInMinutes ? Date.parse(stack.CreationTime) + stack.TimeoutInMinutes * 60_000 : undefined;
    for (const [index, logicalId] of plan.order.entries()) {
      stack = this.store.getStack(stackId)!;
      if (this.closing) return;
      if (stack.DeleteRequested) {
        failed = { logicalId, reason: 'Resource creation cancelled' };
        break;
      }
      if (deadline !== undefined && Date.now() >= deadline) {
        failed = { logicalId, reason: 'Resource creation cancelled', timedOut: true };
        break;
      }
      const declaration = template.resources[logicalId];
      const record: ResourceRecord = {
        LogicalResourceId: logicalId,
        ResourceType: declaration.Type,
        ResourceStatus: 'CREATE_IN_PROGRESS',
        Timestamp: new Date().toISOString(),
        Order: index,
        DeletionPolicy: declaration.DeletionPolicy,
      };
      this.setResource(stack, record);
      const provider = this.providerFor(declaration.Type);
      let properties: Record<string, unknown> = {};
      try {
        properties = resolveProperties(declaration.Properties ?? {}, scope);
        if (!provider) throw new ResourceFailure(`Resource type ${declaration.Type} is not supported by local AWS`);
        record.Properties = properties;
        const request = this.request(stack, logicalId, declaration.Type, properties);
        const creating = Promise.resolve(provider.create(request));
        // Past the deadline the create is abandoned, not stopped: whatever it still makes is removed.
        const created = await withDeadline(creating, deadline, () => this.deleteLate(provider, request, creating));
        if (this.closing) return;
        Object.assign(record, {
          PhysicalResourceId: created.physicalId,
          Ref: created.ref ?? created.physicalId,
          Attributes: created.attributes ?? {},
        });
        this.setResource(stack, { ...record, ResourceStatusReason: 'Resource creation Initiated', Timestamp: new Date().toISOString() });
        this.setResource(stack, { ...record, ResourceStatus: 'CREATE_COMPLETE', Timestamp: new Date().toISOString() });
      } catch (error) {
        if (this.closing) return;
        if (error === TIMED_OUT) {
          this.setResource(stack, { ...record, Properties: properties, ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Resource creation cancelled', Timestamp: new Date().toISOString() });
          failed = { logicalId, reason: 'Resource creation cancelled', timedOut: true };
          break;
        }
        const reason = failureReason(error, declaration.Type);
        // A failure that may have left something behind names it, so the rollback deletes it too.
        const leftover = error instanceof ResourceFailure && error.physicalId ? { PhysicalResourceId: error.physicalId, Ref: error.physicalId, Attributes: {} } : {};
        this.setResource(stack, { ...record, ...leftover, Properties: properties, ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: reason, Timestamp: new Date().toISOString() });
        failed = { logicalId, reason };
        break;
      }
    }

    stack = this.store.getStack(stackId)!;
    // A DeleteStack that arrived during creation wins, even while the last resource was being made.
    if (stack.DeleteRequested) {
      await this.delete(stackId);
      return;
    }
    if (!failed) {
      try {
        const outputs = this.resolveOutputs(stack, template, scope, plan.conditions);
        this.store.updateStack(stackId, { Outputs: outputs });
        this.setStackStatus(stackId, 'CREATE_COMPLETE');
        return;
      } catch (error) {
        failed = { logicalId: stack.StackName, reason: failureReason(error, STACK_TYPE) };
      }
    }

    // A timeout is the stack's failure, not one resource's, so its reason names no resource.
    const what = failed.timedOut ? 'Stack creation time exceeded the specified timeout.' : `The following resource(s) failed to create: [${failed.logicalId}].`;
    const cause = failed.timedOut ? '' : ` ${failed.logicalId}: ${failed.reason}`;
    if (stack.OnFailure === 'DO_NOTHING') {
      this.setStackStatus(stackId, 'CREATE_FAILED', `${what}${cause}`);
      return;
    }
    this.setStackStatus(stackId, 'ROLLBACK_IN_PROGRESS', `${what} Rollback requested by user.`);
    await this.rollback(stackId, `${what} Rollback requested by user.${cause}`);
  }

  private async rollback(stackId: string, finalReason: string) {
    const failures = await this.deleteResources(stackId);
    if (this.closing) return;
    if (failures.length > 0) {
      this.setStackStatus(stackId, 'ROLLBACK_FAILED', `The following resource(s) failed to delete: [${failures.join(', ')}]. `);
      // A DeleteStack accepted during the rollback is carried out now (a ROLLBACK_FAILED stack can be deleted).
      if (this.store.getStack(stackId)?.DeleteRequested) await this.delete(stackId);
      return;
    }
    this.setStackStatus(stackId, 'ROLLBACK_COMPLETE', finalReason, { eventReason: '' });
    const stack = this.store.getStack(stackId)!;
    if (stack.OnFailure === 'DELETE' || stack.DeleteRequested) await this.delete(stackId);
  }

  private async delete(stackId: string, options: DeleteOptions = {}) {
    const stack = this.store.getStack(stackId);
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return;
    this.setStackStatus(stackId, 'DELETE_IN_PROGRESS', 'User Initiated');
    const failures = await this.deleteResources(stackId, options);
    if (this.closing) return;
    if (failures.length > 0) {
      this.setStackStatus(stackId, 'DELETE_FAILED', `The following resource(s) failed to delete: [${failures.join(', ')}]. `);
      return;
    }
    this.setStackStatus(stackId, 'DELETE_COMPLETE', undefined, { deletionTime: new Date().toISOString() });
  }

  /**
   * Deletes every resource that exists, highest creation order first; returns the ones that failed.
   * As CloudFormation does, a resource is not deleted while something that depends on it still
   * exists: when a dependent fails to delete, what it refers to stays too (untouched, not failed).
   */
  private async deleteResources(stackId: string, options: DeleteOptions = {}): Promise<string[]> {
    const stack = this.store.getStack(stackId)!;
    const failures: string[] = [];
    const dependencies = this.dependenciesOf(stack);
    const remaining = new Set<string>();
    const retain = new Set(options.retain ?? []);
    const resources = this.store.listResources(stackId).sort((a, b) => b.Order - a.Order);
    for (const resource of resources) {
      if (this.closing) return failures;
      if (resource.ResourceStatus === 'DELETE_COMPLETE' || resource.ResourceStatus === 'DELETE_SKIPPED') continue;
      const now = () => new Date().toISOString();
      const id = resource.LogicalResourceId;
      if ([...remaining].some((dependent) => dependencies.get(dependent)?.has(id))) {
        remaining.add(id);
        continue;
      }
      if (retain.has(id)) {
        this.setResource(stack, { ...resource, ResourceStatus: 'DELETE_SKIPPED', ResourceStatusReason: undefined, Timestamp: now() });
        continue;
      }
      if (!resource.PhysicalResourceId) {
        // Never created (failed or cancelled before it existed): nothing to remove.
        this.setResource(stack, { ...resource, ResourceStatus: 'DELETE_COMPLETE', ResourceStatusReason: undefined, Timestamp: now() });
        continue;
      }
      if (resource.DeletionPolicy === 'Retain') {
        this.setResource(stack, { ...resource, ResourceStatus: 'DELETE_SKIPPED', ResourceStatusReason: undefined, Timestamp: now() });
        continue;
      }
      this.setResource(stack, { ...resource, ResourceStatus: 'DELETE_IN_PROGRESS', ResourceStatusReason: undefined, Timestamp: now() });
      try {
        const provider = this.providerFor(resource.ResourceType);
        if (!provider) throw new ResourceFailure(`Resource type ${resource.ResourceType} is not supported by local AWS`);
        await provider.delete({
          ...this.request(stack, resource.LogicalResourceId, resource.ResourceType, resource.Properties ?? {}),
          physicalId: resource.PhysicalResourceId,
          attributes: resource.Attributes ?? {},
        });
        if (this.closing) return failures;
        this.setResource(stack, { ...resource, ResourceStatus: 'DELETE_COMPLETE', ResourceStatusReason: undefined, Timestamp: now() });
      } catch (error) {
        if (this.closing) return failures;
        this.setResource(stack, {
          ...resource,
          ResourceStatus: 'DELETE_FAILED',
          ResourceStatusReason: failureReason(error, resource.ResourceType),
          Timestamp: now(),
        });
        if (options.force) {
          this.setResource(stack, { ...resource, ResourceStatus: 'DELETE_SKIPPED', ResourceStatusReason: undefined, Timestamp: now() });
          continue;
        }
        failures.push(id);
        remaining.add(id);
      }
    }
    return failures;
  }

  /** A create abandoned at the stack's deadline that still succeeds: its resource is deleted, not left behind. */
  private deleteLate(provider: ResourceProvider, request: ResourceRequest, creating: Promise<{ physicalId: string; attributes?: Record<string, unknown> }>) {
    creating.then(
      (created) => {
        this.options.log?.(`[cloudformation] ${request.stackName}: ${request.logicalId} finished after the stack timed out; deleting it`);
        return Promise.resolve(provider.delete({ ...request, physicalId: created.physicalId, attributes: created.attributes ?? {} })).catch((error) =>
          this.options.log?.(`[cloudformation] ${request.stackName}: could not delete ${request.logicalId} (${created.physicalId}): ${(error as Error)?.message ?? error}`),
        );
      },
      () => undefined,
    );
  }

  /** Each resource's dependencies, from the stack's template; none when it cannot be planned again. */
  private dependenciesOf(stack: StackRecord): Map<string, Set<string>> {
    try {
      const template = readTemplate(stack.TemplateBody);
      return planStack(template, (name) => this.parameterValue(stack, template, name), stack.Region).dependencies;
    } catch {
      return new Map();
    }
  }

  // ------------------------------------------------------------------------------ state and events

  private setResource(stack: StackRecord, record: ResourceRecord) {
    this.store.putResource(stack.StackId, record);
    this.store.addEvent({
      StackId: stack.StackId,
      StackName: stack.StackName,
      LogicalResourceId: record.LogicalResourceId,
      PhysicalResourceId: record.PhysicalResourceId ?? '',
      ResourceType: record.ResourceType,
      Timestamp: record.Timestamp,
      ResourceStatus: record.ResourceStatus,
      ResourceStatusReason: record.ResourceStatusReason,
      ResourceProperties: record.ResourceStatus === 'CREATE_IN_PROGRESS' && record.Properties ? JSON.stringify(record.Properties) : undefined,
      ClientRequestToken: stack.ClientRequestToken,
    });
  }

  setStackStatus(stackId: string, status: string, reason?: string, options: { eventReason?: string; deletionTime?: string } = {}) {
    const stack = this.store.updateStack(stackId, {
      StackStatus: status,
      StackStatusReason: reason,
      ...(options.deletionTime ? { DeletionTime: options.deletionTime } : {}),
    });
    const eventReason = options.eventReason ?? reason;
    this.store.addEvent({
      StackId: stackId,
      StackName: stack.StackName,
      LogicalResourceId: stack.StackName,
      PhysicalResourceId: stackId,
      ResourceType: STACK_TYPE,
      ResourceStatus: status,
      ResourceStatusReason: eventReason === '' ? undefined : eventReason,
      ClientRequestToken: stack.ClientRequestToken,
    });
    this.options.log?.(`[cloudformation] ${stack.StackName} ${status}${reason ? `: ${reason}` : ''}`);
  }

  private request(stack: StackRecord, logicalId: string, type: string, properties: Record<string, unknown>): ResourceRequest {
    return {
      region: stack.Region,
      accountId: this.options.accountId,
      stackId: stack.StackId,
      stackName: stack.StackName,
      logicalId,
      resourceType: type,
      properties,
      tags: stack.Tags,
      physicalName: (options) => generatePhysicalName(stack.StackName, logicalId, options),
    };
  }

  // ------------------------------------------------------------------------------ template values

  parameterValue(stack: StackRecord, template: Template, name: string): unknown {
    switch (name) {
      case 'AWS::AccountId':
        return this.options.accountId;
      case 'AWS::Region':
        return stack.Region;
      case 'AWS::StackId':
        return stack.StackId;
      case 'AWS::StackName':
        return stack.StackName;
      case 'AWS::Partition':
        return partition(stack.Region);
      case 'AWS::URLSuffix':
        return stack.Region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return stack.NotificationARNs;
    }
    const declaration = template.parameters[name];
    if (!declaration) throw new IntrinsicError(`Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`);
    const value = stack.ParameterValues[name] ?? '';
    return isListParameter(declaration.Type) ? (value === '' ? [] : value.split(',').map((item) => item.trim())) : value;
  }

  private scope(stack: StackRecord, template: Template, conditions: Map<string, boolean>): IntrinsicScope {
    const resource = (logicalId: string) => {
      const record = this.store.getResource(stack.StackId, logicalId);
      if (!record || !record.PhysicalResourceId) {
        throw new IntrinsicError(`Template error: resource ${logicalId} is referenced before it was created`);
      }
      return record;
    };
    return {
      region: stack.Region,
      ref: (name) => (Object.hasOwn(template.resources, name) ? resource(name).Ref ?? resource(name).PhysicalResourceId : this.parameterValue(stack, template, name)),
      getAtt: (logicalId, attribute) => {
        if (!Object.hasOwn(template.resources, logicalId)) {
          throw new IntrinsicError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
        }
        const attributes = resource(logicalId).Attributes ?? {};
        if (!Object.hasOwn(attributes, attribute)) {
          throw new IntrinsicError(`Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
        }
        return attributes[attribute];
      },
      condition: (name) => {
        const value = conditions.get(name);
        if (value === undefined) throw new IntrinsicError(`Template error: unresolved condition dependency ${name} in Fn::If`);
        return value;
      },
      findInMap: (map, top, second) => findInMap(template, map, top, second),
      importValue: (name) => {
        const exporter = this.findExport(stack.Region, name);
        if (!exporter) throw new IntrinsicError(`No export named ${name} found.`);
        if (!stack.Imports.includes(name)) {
          stack.Imports.push(name);
          this.store.updateStack(stack.StackId, { Imports: stack.Imports });
        }
        return exporter.value;
      },
      availabilityZones: (region) => {
        const zones = findRegion(region)?.zones ?? 3;
        return Array.from({ length: zones }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
      },
    };
  }

  findExport(region: string, name: string): { stack: StackRecord; value: string } | undefined {
    for (const candidate of this.store.listStacks(region, { includeDeleted: false })) {
      if (!['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'].includes(candidate.StackStatus)) continue;
      const output = candidate.Outputs.find((o) => o.ExportName === name);
      if (output) return { stack: candidate, value: output.OutputValue };
    }
    return undefined;
  }

  private resolveOutputs(stack: StackRecord, template: Template, scope: IntrinsicScope, conditions: Map<string, boolean>) {
    const outputs = [];
    for (const [key, output] of Object.entries(template.outputs)) {
      if (output.Condition !== undefined && !conditions.get(output.Condition)) continue;
      const value = resolveValue(output.Value, scope);
      const exportName = output.Export ? resolveValue(output.Export.Name, scope) : undefined;
      if (typeof exportName === 'string') {
        const existing = this.findExport(stack.Region, exportName);
        if (existing && existing.stack.StackId !== stack.StackId) {
          throw new ResourceFailure(`Export with name ${exportName} is already exported by stack ${existing.stack.StackName}`);
        }
      }
      outputs.push({
        OutputKey: key,
        OutputValue: Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : JSON.stringify(value),
        ...(output.Description !== undefined ? { Description: String(output.Description) } : {}),
        ...(typeof exportName === 'string' ? { ExportName: exportName } : {}),
      });
    }
    return outputs;
  }
}

function resolveProperties(properties: Record<string, unknown>, scope: IntrinsicScope): Record<string, unknown> {
  const resolved = resolveValue(properties, scope);
  return resolved && typeof resolved === 'object' && !Array.isArray(resolved) ? (resolved as Record<string, unknown>) : {};
}

function partition(region: string) {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const SERVICE_NAMES: Record<string, string> = { Glue: 'AWSGlue', Athena: 'Athena', Lambda: 'Lambda', S3: 'S3', IAM: 'Iam', Events: 'EventBridge' };

/** The reason a resource failed, as CloudFormation words it: a service error names service and code. */
export function failureReason(error: unknown, resourceType: string): string {
  if (error instanceof AwsError) {
    const service = SERVICE_NAMES[resourceType.split('::')[1]] ?? resourceType.split('::')[1] ?? 'AWS';
    return `${error.message} (Service: ${service}; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null)`;
  }
  if (error instanceof ResourceFailure || error instanceof IntrinsicError) return error.message;
  return `Local AWS failed to handle this resource: ${(error as Error)?.message ?? String(error)}`;
}

export { validationError };

const TIMED_OUT = Symbol('stack creation timed out');

/** setTimeout's longest delay; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The provider's answer, or TIMED_OUT thrown once the stack's deadline passes (no deadline: just the
 * answer). `abandoned` runs when the deadline wins, so the caller can clean up after the work.
 */
function withDeadline<T>(work: Promise<T>, deadline: number | undefined, abandoned: () => void): Promise<T> {
  if (deadline === undefined) return work;
  const remaining = Math.max(0, deadline - Date.now());
  // Beyond ~24.8 days no resource here is still being created; a timer that long would fire at once.
  if (remaining > MAX_TIMER_MS) return work;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandoned();
      reject(TIMED_OUT);
    }, remaining);
  });
  // A provider that settles after the deadline is ignored; its rejection must not go unhandled.
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
