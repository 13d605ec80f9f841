import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors';
import type { QueryParams } from '../../protocols/query-params';
import type { AwsQueryService } from '../../protocols/service-definition';
import type { XmlTree } from '../../protocols/xml-writer';
import type { RequestContext } from '../../request-context';
import type { S3Store } from '../s3/s3-store';
import type { StackEngine } from './stack-engine';
import type { ResourceRecord, StackRecord, StackStore } from './stack-store';
import { isNoEcho, planStack, readTemplate, requiredCapability, resolveParameters, validationError, type Template } from './template';
import { readTemplateUrl } from './template-url';

/**
 * CloudFormation's awsQuery API (version 2010-05-15) over the stack engine: CreateStack returns the
 * StackId at once and the stack is built in the background; reads come straight from SQLite.
 */
export interface CloudFormationDeps {
  store: StackStore;
  engine: StackEngine;
  s3: S3Store;
  accountId: string;
}

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const MAX_TEMPLATE_BODY = 51_200;
const EVENTS_PAGE = 100;
const STACK_STATUSES = new Set([
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
]);

export function createCloudFormationService(deps: CloudFormationDeps): AwsQueryService {
  return {
    name: 'CloudFormation',
    signingName: 'cloudformation',
    protocol: 'aws-query',
    apiVersion: '2010-05-15',
    xmlns: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
    operations: {
      CreateStack: (params, ctx) => createStack(deps, params, ctx),
      DescribeStacks: (params, ctx) => describeStacks(deps, params, ctx),
      ListStacks: (params, ctx) => listStacks(deps, params, ctx),
      DescribeStackEvents: (params, ctx) => describeStackEvents(deps, params, ctx),
      ListStackResources: (params, ctx) => listStackResources(deps, params, ctx),
      DescribeStackResources: (params, ctx) => describeStackResources(deps, params, ctx),
      DescribeStackResource: (params, ctx) => describeStackResource(deps, params, ctx),
      GetTemplate: (params, ctx) => getTemplate(deps, params, ctx),
      ValidateTemplate: (params, ctx) => validateTemplate(deps, params, ctx),
      GetTemplateSummary: (params, ctx) => getTemplateSummary(deps, params, ctx),
      DeleteStack: (params, ctx) => deleteStack(deps, params, ctx),
      ListExports: (params, ctx) => listExports(deps, params, ctx),
      UpdateTerminationProtection: (params, ctx) => updateTerminationProtection(deps, params, ctx),
    },
  };
}

// ---------------------------------------------------------------------------------- helpers

function stackNotFound(name: string) {
  return validationError(`Stack with id ${name} does not exist`);
}

function requireStack(deps: CloudFormationDeps, ctx: RequestContext, nameOrId: string): StackRecord {
  const stack = deps.store.find(ctx.region, nameOrId);
  if (!stack) throw stackNotFound(nameOrId);
  return stack;
}

async function templateBodyFrom(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): Promise<string> {
  const body = params.get('TemplateBody');
  const url = params.get('TemplateURL');
  if (body !== undefined && url !== undefined) throw validationError('You cannot specify both TemplateURL and TemplateBody');
  if (body === undefined && url === undefined) throw validationError('Either Template URL or Template Body must be specified.');
  if (body !== undefined) {
    if (body.length > MAX_TEMPLATE_BODY) {
      throw validationError(
        `1 validation error detected: Value '${body.slice(0, 40)}…' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TEMPLATE_BODY}`,
      );
    }
    return body;
  }
  return readTemplateUrl(url!, deps.s3, [ctx.host.split(':')[0].toLowerCase()]);
}

function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  let start = 0;
  if (token) {
    const decoded = /^p(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw validationError('Invalid NextToken');
    start = Number(decoded[1]);
  }
  const slice = items.slice(start, start + size);
  return { items: slice, next: start + size < items.length ? Buffer.from(`p${start + size}`).toString('base64url') : undefined };
}

function stackTree(stack: StackRecord): XmlTree {
  return {
    StackId: stack.StackId,
    StackName: stack.StackName,
    Description: stack.Description,
    Parameters: stack.Parameters.map((p) => ({ ParameterKey: p.ParameterKey, ParameterValue: p.ParameterValue })),
    CreationTime: stack.CreationTime,
    DeletionTime: stack.DeletionTime,
    LastUpdatedTime: stack.LastUpdatedTime,
    RollbackConfiguration: {},
    StackStatus: stack.StackStatus,
    StackStatusReason: stack.StackStatusReason,
    DisableRollback: stack.DisableRollback,
    NotificationARNs: stack.NotificationARNs,
    TimeoutInMinutes: stack.TimeoutInMinutes,
    Capabilities: stack.Capabilities,
    Outputs: stack.Outputs.map((o) => ({ OutputKey: o.OutputKey, OutputValue: o.OutputValue, Description: o.Description, ExportName: o.ExportName })),
    RoleARN: stack.RoleARN,
    Tags: stack.Tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    EnableTerminationProtection: stack.EnableTerminationProtection,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

function resourceSummary(resource: ResourceRecord): XmlTree {
  return {
    LogicalResourceId: resource.LogicalResourceId,
    PhysicalResourceId: resource.PhysicalResourceId,
    ResourceType: resource.ResourceType,
    LastUpdatedTimestamp: resource.Timestamp,
    ResourceStatus: resource.ResourceStatus,
    ResourceStatusReason: resource.ResourceStatusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

function resourceDetail(stack: StackRecord, resource: ResourceRecord): XmlTree {
  return {
    StackName: stack.StackName,
    StackId: stack.StackId,
    LogicalResourceId: resource.LogicalResourceId,
    PhysicalResourceId: resource.PhysicalResourceId,
    ResourceType: resource.ResourceType,
    Timestamp: resource.Timestamp,
    ResourceStatus: resource.ResourceStatus,
    ResourceStatusReason: resource.ResourceStatusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

// ---------------------------------------------------------------------------------- operations

async function createStack(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): Promise<XmlTree> {
  const name = params.require('StackName');
  if (!STACK_NAME.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  }
  const clientRequestToken = params.get('ClientRequestToken');
  const retried = existingStackFor(deps, ctx.region, name, clientRequestToken);
  if (retried) return { StackId: retried };
  const onFailureParam = params.get('OnFailure');
  const disableRollback = params.bool('DisableRollback');
  if (onFailureParam !== undefined && disableRollback !== undefined) {
    throw validationError('You cannot specify both OnFailure and DisableRollback');
  }
  if (onFailureParam !== undefined && !['ROLLBACK', 'DELETE', 'DO_NOTHING'].includes(onFailureParam)) {
    throw validationError(
      `1 validation error detected: Value '${onFailureParam}' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]`,
    );
  }
  const onFailure = (onFailureParam ?? (disableRollback ? 'DO_NOTHING' : 'ROLLBACK')) as StackRecord['OnFailure'];

  const body = await templateBodyFrom(deps, params, ctx);
  const template = readTemplate(body);
  if (template.transforms.length > 0) {
    const capabilities = params.list('Capabilities');
    if (!capabilities.includes('CAPABILITY_AUTO_EXPAND')) {
      throw new AwsError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]');
    }
    throw validationError(`Transform ${template.transforms.join(', ')} is not supported by local AWS`);
  }
  const given = params.structs('Parameters').map((p) => {
    if (p.get('UsePreviousValue') === 'true') throw validationError('UsePreviousValue is only valid for stack updates');
    return { key: p.require('ParameterKey'), value: p.get('ParameterValue') ?? '' };
  });
  const values = resolveParameters(template, given);

  const capabilities = params.list('Capabilities');
  for (const capability of capabilities) {
    if (!['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'].includes(capability)) {
      throw validationError(
        `1 validation error detected: Value '[${capability}]' at 'capabilities' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND, CAPABILITY_NAMED_IAM, CAPABILITY_IAM]]`,
      );
    }
  }
  const needed = requiredCapability(template);
  if (needed.capability === 'CAPABILITY_NAMED_IAM' && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
    throw new AwsError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_NAMED_IAM]');
  }
  if (needed.capability === 'CAPABILITY_IAM' && !capabilities.includes('CAPABILITY_IAM') && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
    throw new AwsError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]');
  }

  const tags = params.structs('Tags').map((t) => ({ Key: t.require('Key'), Value: t.get('Value') ?? '' }));
  if (tags.length > 50) throw validationError('1 validation error detected: Value at \'tags\' failed to satisfy constraint: Member must have length less than or equal to 50');
  const timeout = params.int('TimeoutInMinutes');
  if (timeout !== undefined && timeout < 1) {
    throw validationError(`1 validation error detected: Value '${timeout}' at 'timeoutInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  const stackId = `arn:aws:cloudformation:${ctx.region}:${deps.accountId}:stack/${name}/${randomUUID()}`;
  const record: StackRecord = {
    StackId: stackId,
    StackName: name,
    Region: ctx.region,
    Description: template.description,
    Parameters: Object.keys(template.parameters).map((key) => ({
      ParameterKey: key,
      ParameterValue: isNoEcho(template.parameters[key]) ? '****' : values.get(key) ?? '',
    })),
    ParameterValues: Object.fromEntries(values),
    CreationTime: new Date().toISOString(),
    StackStatus: 'CREATE_IN_PROGRESS',
    StackStatusReason: 'User Initiated',
    DisableRollback: onFailure === 'DO_NOTHING',
    OnFailure: onFailure,
    Capabilities: capabilities,
    Tags: tags,
    Outputs: [],
    TimeoutInMinutes: timeout,
    NotificationARNs: params.list('NotificationARNs'),
    RoleARN: params.get('RoleARN'),
    EnableTerminationProtection: params.bool('EnableTerminationProtection') ?? false,
    TemplateBody: body,
    Imports: [],
    ClientRequestToken: clientRequestToken,
  };
  // References, conditions and cycles are the caller's mistakes: answer them now, not as a failed stack.
  planStack(template, (parameter) => deps.engine.parameterValue(record, template, parameter), ctx.region);

  // Asked again with nothing awaited between it and the insert: a concurrent CreateStack of the
  // same name that fetched its TemplateURL meanwhile must not yield a second live stack.
  const raced = existingStackFor(deps, ctx.region, name, clientRequestToken);
  if (raced) return { StackId: raced };
  deps.store.insertStack(record);
  deps.store.addEvent({
    StackId: stackId,
    StackName: name,
    LogicalResourceId: name,
    PhysicalResourceId: stackId,
    ResourceType: 'AWS::CloudFormation::Stack',
    ResourceStatus: 'CREATE_IN_PROGRESS',
    ResourceStatusReason: 'User Initiated',
    ClientRequestToken: clientRequestToken,
  });
  deps.engine.startCreate(record);
  return { StackId: stackId };
}

/**
 * A live stack already holds the name: the caller's own retry (same ClientRequestToken) gets that
 * stack's id back, anyone else AlreadyExistsException. Undefined when the name is free.
 */
function existingStackFor(deps: CloudFormationDeps, region: string, name: string, clientRequestToken: string | undefined): string | undefined {
  const existing = deps.store.findLiveByName(region, name);
  if (!existing) return undefined;
  if (clientRequestToken && existing.ClientRequestToken === clientRequestToken) return existing.StackId;
  throw new AwsError('AlreadyExistsException', `Stack [${name}] already exists`);
}

function describeStacks(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const name = params.get('StackName');
  if (name) return { Stacks: [stackTree(requireStack(deps, ctx, name))] };
  const { items, next } = page(deps.store.listStacks(ctx.region, { includeDeleted: false }), params.get('NextToken'), 100);
  return { Stacks: items.map(stackTree), NextToken: next };
}

function listStacks(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const filter = params.list('StackStatusFilter');
  for (const status of filter) {
    if (!STACK_STATUSES.has(status)) {
      throw validationError(`1 validation error detected: Value '[${status}]' at 'stackStatusFilter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${[...STACK_STATUSES].join(', ')}]]`);
    }
  }
  const stacks = deps.store.listStacks(ctx.region, { includeDeleted: true }).filter((s) => filter.length === 0 || filter.includes(s.StackStatus));
  const { items, next } = page(stacks, params.get('NextToken'), 100);
  return {
    StackSummaries: items.map((stack) => ({
      StackId: stack.StackId,
      StackName: stack.StackName,
      TemplateDescription: stack.Description,
      CreationTime: stack.CreationTime,
      LastUpdatedTime: stack.LastUpdatedTime,
      DeletionTime: stack.DeletionTime,
      StackStatus: stack.StackStatus,
      StackStatusReason: stack.StackStatusReason,
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    })),
    NextToken: next,
  };
}

function describeStackEvents(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const stack = requireStack(deps, ctx, params.require('StackName'));
  const { items, next } = page(deps.store.listEvents(stack.StackId), params.get('NextToken'), EVENTS_PAGE);
  return {
    StackEvents: items.map((event) => ({
      StackId: event.StackId,
      EventId: event.EventId,
      StackName: event.StackName,
      LogicalResourceId: event.LogicalResourceId,
      PhysicalResourceId: event.PhysicalResourceId,
      ResourceType: event.ResourceType,
      Timestamp: event.Timestamp,
      ResourceStatus: event.ResourceStatus,
      ResourceStatusReason: event.ResourceStatusReason,
      ResourceProperties: event.ResourceProperties,
      ClientRequestToken: event.ClientRequestToken,
    })),
    NextToken: next,
  };
}

function listStackResources(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const stack = requireStack(deps, ctx, params.require('StackName'));
  const { items, next } = page(deps.store.listResources(stack.StackId), params.get('NextToken'), 100);
  return { StackResourceSummaries: items.map(resourceSummary), NextToken: next };
}

function describeStackResources(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const name = params.get('StackName');
  const physicalId = params.get('PhysicalResourceId');
  if (!name && !physicalId) throw validationError('Either StackName or PhysicalResourceId must be specified.');
  let stack: StackRecord;
  if (name) stack = requireStack(deps, ctx, name);
  else {
    const found = deps.store.findByPhysicalId(ctx.region, physicalId!);
    if (!found) throw validationError(`Stack for ${physicalId} does not exist`);
    stack = found.stack;
  }
  const logicalId = params.get('LogicalResourceId');
  const resources = deps.store
    .listResources(stack.StackId)
    .filter((r) => (!logicalId || r.LogicalResourceId === logicalId) && (!physicalId || r.PhysicalResourceId === physicalId || !!name));
  return { StackResources: resources.map((resource) => resourceDetail(stack, resource)) };
}

function describeStackResource(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const stack = requireStack(deps, ctx, params.require('StackName'));
  const logicalId = params.require('LogicalResourceId');
  const resource = deps.store.getResource(stack.StackId, logicalId);
  if (!resource) throw validationError(`Resource ${logicalId} does not exist for stack ${stack.StackName}`);
  return {
    StackResourceDetail: {
      ...resourceDetail(stack, resource),
      LastUpdatedTimestamp: resource.Timestamp,
      Timestamp: undefined,
      Metadata: '{}',
    },
  };
}

function getTemplate(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const stack = requireStack(deps, ctx, params.require('StackName'));
  return { TemplateBody: stack.TemplateBody, StagesAvailable: ['Original', 'Processed'] };
}

/** Parameter values used only to check references and conditions: defaults, else empty. */
function checkTemplate(template: Template, region: string) {
  planStack(
    template,
    (name) => {
      const declaration = template.parameters[name];
      if (!declaration) return name.startsWith('AWS::') ? '' : undefined;
      return declaration.Default === undefined ? '' : declaration.Default;
    },
    region,
  );
}

function capabilityFields(template: Template) {
  const needed = requiredCapability(template);
  if (!needed.capability) return { Capabilities: [] as string[] };
  return {
    Capabilities: [needed.capability],
    CapabilitiesReason: `The following resource(s) require capabilities: [${[...new Set(needed.resources.map((id) => template.resources[id].Type))].join(', ')}]`,
  };
}

async function validateTemplate(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): Promise<XmlTree> {
  const template = readTemplate(await templateBodyFrom(deps, params, ctx));
  checkTemplate(template, ctx.region);
  return {
    Parameters: Object.entries(template.parameters).map(([key, declaration]) => ({
      ParameterKey: key,
      DefaultValue: declaration.Default === undefined ? undefined : String(declaration.Default),
      NoEcho: isNoEcho(declaration),
      Description: declaration.Description,
    })),
    Description: template.description,
    ...capabilityFields(template),
    DeclaredTransforms: template.transforms,
  };
}

async function getTemplateSummary(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): Promise<XmlTree> {
  const stackName = params.get('StackName');
  const body = stackName ? requireStack(deps, ctx, stackName).TemplateBody : await templateBodyFrom(deps, params, ctx);
  const template = readTemplate(body);
  return {
    Parameters: Object.entries(template.parameters).map(([key, declaration]) => ({
      ParameterKey: key,
      DefaultValue: declaration.Default === undefined ? undefined : String(declaration.Default),
      ParameterType: declaration.Type,
      NoEcho: isNoEcho(declaration),
      Description: declaration.Description,
      ParameterConstraints: declaration.AllowedValues ? { AllowedValues: declaration.AllowedValues.map(String) } : {},
    })),
    Description: template.description,
    ...capabilityFields(template),
    ResourceTypes: [...new Set(Object.values(template.resources).map((r) => r.Type))],
    Version: template.raw.AWSTemplateFormatVersion === undefined ? undefined : String(template.raw.AWSTemplateFormatVersion),
    DeclaredTransforms: template.transforms,
  };
}

function deleteStack(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const nameOrId = params.require('StackName');
  // The input is checked before anything else, as AWS does.
  const retain = params.list('RetainResources');
  const mode = params.get('DeletionMode') ?? 'STANDARD';
  if (mode !== 'STANDARD' && mode !== 'FORCE_DELETE_STACK') {
    throw validationError(
      `1 validation error detected: Value '${mode}' at 'deletionMode' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, FORCE_DELETE_STACK]`,
    );
  }
  const stack = deps.store.find(ctx.region, nameOrId);
  // Deleting a stack that does not exist (or no longer exists) succeeds, as on AWS.
  if (!stack || stack.StackStatus === 'DELETE_COMPLETE' || stack.StackStatus === 'DELETE_IN_PROGRESS') return {};
  if (stack.EnableTerminationProtection) {
    throw validationError(`Stack [${stack.StackName}] cannot be deleted while TerminationProtection is enabled`);
  }
  for (const exportName of stack.Outputs.map((o) => o.ExportName).filter((n): n is string => !!n)) {
    const importer = deps.store
      .listStacks(ctx.region, { includeDeleted: false })
      .find((other) => other.StackId !== stack.StackId && other.Imports.includes(exportName));
    if (importer) throw validationError(`Export ${exportName} cannot be deleted as it is in use by ${importer.StackName}`);
  }
  // Both are ways out of DELETE_FAILED only, as on AWS.
  if ((retain.length > 0 || mode === 'FORCE_DELETE_STACK') && stack.StackStatus !== 'DELETE_FAILED') {
    const what = retain.length > 0 ? 'RetainResources' : 'DeletionMode FORCE_DELETE_STACK';
    throw validationError(`Invalid operation on stack [${stack.StackId}]. ${what} can only be specified when the stack is in the DELETE_FAILED state`);
  }
  const known = new Set(deps.store.listResources(stack.StackId).map((r) => r.LogicalResourceId));
  const unknown = retain.filter((id) => !known.has(id));
  if (unknown.length > 0) throw validationError(`The specified resources to retain must be in a valid state. Resources not found: [${unknown.join(', ')}]`);
  if (stack.StackStatus === 'CREATE_IN_PROGRESS' || stack.StackStatus === 'ROLLBACK_IN_PROGRESS') {
    deps.store.updateStack(stack.StackId, { DeleteRequested: true });
    return {};
  }
  deps.engine.startDelete(stack.StackId, { retain, force: mode === 'FORCE_DELETE_STACK' });
  return {};
}

/** Termination protection can be switched on at creation and both ways here, so a protected stack can be deleted again. */
function updateTerminationProtection(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const enable = params.bool('EnableTerminationProtection');
  if (enable === undefined) {
    throw validationError("1 validation error detected: Value null at 'enableTerminationProtection' failed to satisfy constraint: Member must not be null");
  }
  const stack = requireStack(deps, ctx, params.require('StackName'));
  if (stack.StackStatus === 'DELETE_COMPLETE') throw stackNotFound(params.require('StackName'));
  deps.store.updateStack(stack.StackId, { EnableTerminationProtection: enable });
  return { StackId: stack.StackId };
}

function listExports(deps: CloudFormationDeps, params: QueryParams, ctx: RequestContext): XmlTree {
  const exports = deps.store
    .listStacks(ctx.region, { includeDeleted: false })
    .filter((s) => ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'].includes(s.StackStatus))
    .flatMap((s) => s.Outputs.filter((o) => o.ExportName).map((o) => ({ ExportingStackId: s.StackId, Name: o.ExportName!, Value: o.OutputValue })));
  const { items, next } = page(exports, params.get('NextToken'), 100);
  return { Exports: items, NextToken: next };
}
