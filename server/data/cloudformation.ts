import 'server-only';
import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  paginateListStackResources,
  paginateListStacks,
  ValidateTemplateCommand,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import type { CodeLanguage } from '@/lib/code-highlight';
import { statusesForFilter, type StackStatusFilter } from '@/lib/cloudformation';
import { cloudFormationClient } from '@/server/aws/clients';
import { attempt, type ReadResult } from './read-result';

/** Reads for the Stacks console. Every function returns plain, serialisable objects. */

export interface StackSummary {
  id: string;
  name: string;
  status: string;
  statusReason: string | null;
  description: string | null;
  created: string | null;
  updated: string | null;
  deleted: string | null;
}

export interface StackDetails extends StackSummary {
  terminationProtection: boolean;
  rollbackDisabled: boolean;
  capabilities: string[];
  tags: { key: string; value: string }[];
  parameters: { key: string; value: string; resolvedValue: string | null }[];
  outputs: { key: string; value: string; description: string | null; exportName: string | null }[];
  roleArn: string | null;
}

export interface StackEvent {
  id: string;
  timestamp: string | null;
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  statusReason: string | null;
  /** The resource's resolved properties as CloudFormation reports them (a JSON string), if any. */
  properties: string | null;
}

export interface StackResource {
  logicalId: string;
  physicalId: string | null;
  type: string;
  status: string;
  statusReason: string | null;
  updated: string | null;
}

/** What the stack page polls while CloudFormation works: the stack's state, new events, resources. */
export interface StackActivity {
  stack: StackDetails;
  events: StackEvent[];
  resources: StackResource[];
  /** Milliseconds since epoch, so a page can tell a fresher snapshot from an older one. */
  fetchedAt: number;
}

export interface TemplateParameter {
  key: string;
  defaultValue: string | null;
  description: string | null;
  noEcho: boolean;
  type: string | null;
  allowedValues: string[];
}

export interface TemplateSummary {
  description: string | null;
  parameters: TemplateParameter[];
  capabilities: string[];
  capabilitiesReason: string | null;
}

export type TemplateSource = { templateURL: string } | { templateBody: string };

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

export async function listStacks(region: string, filter: StackStatusFilter): Promise<ReadResult<StackSummary[]>> {
  return attempt(async () => {
    const statuses = statusesForFilter(filter) as StackStatus[];
    const stacks: StackSummary[] = [];
    const pages = paginateListStacks({ client: cloudFormationClient(region) }, statuses.length > 0 ? { StackStatusFilter: statuses } : {});
    for await (const page of pages) {
      for (const s of page.StackSummaries ?? []) {
        if (!s.StackId || !s.StackName) continue;
        stacks.push({
          id: s.StackId,
          name: s.StackName,
          status: s.StackStatus ?? '',
          statusReason: s.StackStatusReason ?? null,
          description: s.TemplateDescription ?? null,
          created: iso(s.CreationTime),
          updated: iso(s.LastUpdatedTime),
          deleted: iso(s.DeletionTime),
        });
      }
    }
    return stacks;
  });
}

async function describeStack(region: string, nameOrId: string): Promise<StackDetails> {
  const out = await cloudFormationClient(region).send(new DescribeStacksCommand({ StackName: nameOrId }));
  const s = out.Stacks?.[0];
  if (!s?.StackId || !s.StackName) throw Object.assign(new Error(`Stack with id ${nameOrId} does not exist`), { name: 'ValidationError' });
  return {
    id: s.StackId,
    name: s.StackName,
    status: s.StackStatus ?? '',
    statusReason: s.StackStatusReason ?? null,
    description: s.Description ?? null,
    created: iso(s.CreationTime),
    updated: iso(s.LastUpdatedTime),
    deleted: iso(s.DeletionTime),
    terminationProtection: s.EnableTerminationProtection ?? false,
    rollbackDisabled: s.DisableRollback ?? false,
    capabilities: s.Capabilities ?? [],
    tags: (s.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
    parameters: (s.Parameters ?? []).map((p) => ({
      key: p.ParameterKey ?? '',
      value: p.ParameterValue ?? '',
      resolvedValue: p.ResolvedValue ?? null,
    })),
    outputs: (s.Outputs ?? []).map((o) => ({
      key: o.OutputKey ?? '',
      value: o.OutputValue ?? '',
      description: o.Description ?? null,
      exportName: o.ExportName ?? null,
    })),
    roleArn: s.RoleARN ?? null,
  };
}

export function getStack(region: string, nameOrId: string): Promise<ReadResult<StackDetails>> {
  return attempt(() => describeStack(region, nameOrId));
}

/** Upper bound on events read for one page view (DescribeStackEvents pages hold 100). */
const MAX_EVENTS = 2000;

/**
 * The stack's events, newest first (the order DescribeStackEvents returns). With `knownEventId`
 * only the events newer than that one are read: paging stops as soon as it turns up.
 */
async function readEvents(region: string, stackId: string, knownEventId?: string): Promise<StackEvent[]> {
  const client = cloudFormationClient(region);
  const events: StackEvent[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }));
    for (const e of out.StackEvents ?? []) {
      if (!e.EventId) continue;
      if (knownEventId && e.EventId === knownEventId) return events;
      events.push({
        id: e.EventId,
        timestamp: iso(e.Timestamp),
        logicalId: e.LogicalResourceId ?? '',
        physicalId: e.PhysicalResourceId || null,
        resourceType: e.ResourceType ?? '',
        status: e.ResourceStatus ?? '',
        statusReason: e.ResourceStatusReason ?? null,
        properties: e.ResourceProperties ?? null,
      });
    }
    token = out.NextToken;
  } while (token && events.length < MAX_EVENTS);
  return events;
}

export function listStackEvents(region: string, stackId: string): Promise<ReadResult<StackEvent[]>> {
  return attempt(() => readEvents(region, stackId));
}

async function readResources(region: string, stackId: string): Promise<StackResource[]> {
  const resources: StackResource[] = [];
  for await (const page of paginateListStackResources({ client: cloudFormationClient(region) }, { StackName: stackId })) {
    for (const r of page.StackResourceSummaries ?? []) {
      resources.push({
        logicalId: r.LogicalResourceId ?? '',
        physicalId: r.PhysicalResourceId || null,
        type: r.ResourceType ?? '',
        status: r.ResourceStatus ?? '',
        statusReason: r.ResourceStatusReason ?? null,
        updated: iso(r.LastUpdatedTimestamp),
      });
    }
  }
  return resources;
}

export function listStackResources(region: string, stackId: string): Promise<ReadResult<StackResource[]>> {
  return attempt(() => readResources(region, stackId));
}

/** The stack, the events newer than `knownEventId` (all when absent), and the resources, read together. */
export function getStackActivity(region: string, stackId: string, knownEventId?: string): Promise<ReadResult<StackActivity>> {
  return attempt(async () => {
    const [stack, events, resources] = await Promise.all([
      describeStack(region, stackId),
      readEvents(region, stackId, knownEventId),
      readResources(region, stackId),
    ]);
    return { stack, events, resources, fetchedAt: Date.now() };
  });
}

export function templateLanguage(body: string): CodeLanguage {
  return body.trimStart().startsWith('{') ? 'json' : 'yaml';
}

export function getStackTemplate(region: string, stackId: string): Promise<ReadResult<{ body: string; language: CodeLanguage }>> {
  return attempt(async () => {
    const out = await cloudFormationClient(region).send(new GetTemplateCommand({ StackName: stackId, TemplateStage: 'Original' }));
    const body = out.TemplateBody ?? '';
    return { body, language: templateLanguage(body) };
  });
}

/**
 * What the Create stack page needs from a template: ValidateTemplate says whether CloudFormation
 * accepts it and which IAM capabilities it needs; GetTemplateSummary adds each parameter's type and
 * AllowedValues (ValidateTemplate leaves them out). Should the summary fail, the page still works
 * with ValidateTemplate's answer alone.
 */
export async function describeTemplate(region: string, source: TemplateSource): Promise<ReadResult<TemplateSummary>> {
  return attempt(async () => {
    const client = cloudFormationClient(region);
    const input = 'templateURL' in source ? { TemplateURL: source.templateURL } : { TemplateBody: source.templateBody };
    const [validated, summary] = await Promise.all([
      client.send(new ValidateTemplateCommand(input)),
      client.send(new GetTemplateSummaryCommand(input)).catch(() => null),
    ]);
    const details = new Map((summary?.Parameters ?? []).map((p) => [p.ParameterKey, p]));
    return {
      description: validated.Description ?? null,
      parameters: (validated.Parameters ?? []).map((p) => {
        const detail = details.get(p.ParameterKey);
        return {
          key: p.ParameterKey ?? '',
          defaultValue: p.DefaultValue ?? null,
          description: p.Description ?? null,
          noEcho: p.NoEcho ?? false,
          type: detail?.ParameterType ?? null,
          allowedValues: detail?.ParameterConstraints?.AllowedValues ?? [],
        };
      }),
      capabilities: validated.Capabilities ?? [],
      capabilitiesReason: validated.CapabilitiesReason ?? null,
    };
  });
}
