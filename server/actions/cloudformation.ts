'use server';

import { randomUUID } from 'node:crypto';
import { CreateStackCommand, DeleteStackCommand, type Capability } from '@aws-sdk/client-cloudformation';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validateStackName, type StackNameIssue } from '@/lib/cloudformation';
import { withFlash } from '@/lib/flash-url';
import type { MessageKey } from '@/lib/i18n/translate';
import { cloudFormationClient } from '@/server/aws/clients';
import { describeAwsError } from '@/server/aws/errors';
import {
  describeTemplate as readTemplateSummary,
  listStackResources,
  type StackResource,
  type TemplateSource,
  type TemplateSummary,
} from '@/server/data/cloudformation';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';
import type { ActionResult } from './result';

/** TemplateBody's limit in CreateStack/ValidateTemplate; larger templates go through S3. */
const MAX_TEMPLATE_BODY_BYTES = 51_200;
const MAX_TEMPLATE_URL_LENGTH = 1024;
const MAX_TAGS = 50;

const NAME_ISSUE_KEYS: Record<StackNameIssue, MessageKey> = {
  required: 'cfn.create.nameRequired',
  start: 'cfn.create.nameStart',
  chars: 'cfn.create.nameChars',
  length: 'cfn.create.nameLength',
};

function awsFailure(error: unknown): { ok: false; code: string; message: string } {
  const { code, message } = describeAwsError(error);
  return { ok: false, code, message };
}

const templateSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), templateURL: z.string().trim().min(1).max(MAX_TEMPLATE_URL_LENGTH).regex(/^https?:\/\//i) }),
  z.object({ kind: z.literal('body'), templateBody: z.string().min(1).refine((body) => Buffer.byteLength(body) <= MAX_TEMPLATE_BODY_BYTES) }),
]);

function toSource(source: z.infer<typeof templateSourceSchema>): TemplateSource {
  return source.kind === 'url' ? { templateURL: source.templateURL } : { templateBody: source.templateBody };
}

export type LoadTemplateResult = ActionResult<TemplateSummary>;

/** ValidateTemplate (+ GetTemplateSummary) for the Create stack page: parameters and required capabilities. */
export async function loadTemplate(input: { kind: 'url'; templateURL: string } | { kind: 'body'; templateBody: string }): Promise<LoadTemplateResult> {
  const t = await getT();
  const parsed = templateSourceSchema.safeParse(input);
  if (!parsed.success) {
    const tooLarge = input.kind === 'body' && Buffer.byteLength(input.templateBody) > MAX_TEMPLATE_BODY_BYTES;
    return { ok: false, message: t(tooLarge ? 'cfn.create.templateTooLarge' : input.kind === 'url' ? 'cfn.create.urlInvalid' : 'cfn.create.templateRequired') };
  }
  const result = await readTemplateSummary(await currentRegion(), toSource(parsed.data));
  return result.ok ? { ok: true, data: result.data } : { ok: false, code: result.error.code, message: result.error.message };
}

/** Only failures come back: success redirects. */
export type CreateStackResult = ActionResult<never>;

/**
 * CreateStack from the Create stack form. Expected failures come back as values: field errors for
 * what the form can check, the AWS code and message (AlreadyExistsException,
 * InsufficientCapabilitiesException, ValidationError…) for what only CloudFormation knows. On success
 * the browser goes to the new stack's Events tab, where its progress shows.
 */
export async function createStack(_prev: CreateStackResult | null, formData: FormData): Promise<CreateStackResult> {
  const t = await getT();
  const tagKeys = formData.getAll('tagKey').map(String);
  const tagValues = formData.getAll('tagValue').map(String);
  const parameters: { key: string; value: string }[] = [];
  formData.forEach((value, name) => {
    if (name.startsWith('parameter.')) parameters.push({ key: name.slice('parameter.'.length), value: String(value) });
  });

  const schema = z
    .object({
      stackName: z.string().superRefine((name, ctx) => {
        const issue = validateStackName(name)[0];
        if (issue) ctx.addIssue({ code: 'custom', message: t(NAME_ISSUE_KEYS[issue]) });
      }),
      source: templateSourceSchema,
      capabilities: z.array(z.enum(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'])),
      acknowledged: z.boolean(),
      tags: z
        .array(z.object({ key: z.string().trim().min(1, t('cfn.create.tagKeyRequired')).max(128), value: z.string().max(256) }))
        .max(MAX_TAGS, t('cfn.create.tagLimit'))
        .refine((tags) => new Set(tags.map((tag) => tag.key.trim())).size === tags.length, t('cfn.create.tagKeyDuplicate')),
    })
    .refine((v) => v.acknowledged || !v.capabilities.some((c) => c === 'CAPABILITY_IAM' || c === 'CAPABILITY_NAMED_IAM'), {
      message: t('cfn.create.acknowledgeRequired'),
      path: ['acknowledged'],
    });

  const kind = formData.get('templateSource') === 'url' ? 'url' : 'body';
  const parsed = schema.safeParse({
    stackName: String(formData.get('stackName') ?? ''),
    source:
      kind === 'url'
        ? { kind, templateURL: String(formData.get('templateURL') ?? '') }
        : { kind, templateBody: String(formData.get('templateBody') ?? '') },
    capabilities: formData.getAll('capability').map(String),
    acknowledged: formData.get('acknowledgeCapabilities') === 'on',
    tags: tagKeys.map((key, index) => ({ key, value: tagValues[index] ?? '' })),
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'source' ? 'template' : String(issue.path[0] ?? '_');
      const message = field === 'template' ? t(kind === 'url' ? 'cfn.create.urlInvalid' : 'cfn.create.templateRequired') : issue.message;
      (fieldErrors[field] ??= []).push(message);
    }
    return { ok: false, message: t('cfn.create.invalid'), fieldErrors };
  }

  const { stackName, source, capabilities, tags } = parsed.data;
  let stackId: string | undefined;
  try {
    const out = await cloudFormationClient(await currentRegion()).send(
      new CreateStackCommand({
        StackName: stackName,
        ...(source.kind === 'url' ? { TemplateURL: source.templateURL } : { TemplateBody: source.templateBody }),
        Parameters: parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
        Capabilities: capabilities.length > 0 ? (capabilities as Capability[]) : undefined,
        Tags: tags.length > 0 ? tags.map((tag) => ({ Key: tag.key.trim(), Value: tag.value })) : undefined,
        // The token the AWS console sends, so the stack's events show which request started them.
        ClientRequestToken: `Console-CreateStack-${randomUUID()}`,
      }),
    );
    stackId = out.StackId;
  } catch (error) {
    return awsFailure(error);
  }
  revalidatePath('/cloudformation/stacks');
  // A stack named "create" would land on the Create stack route; its ID reaches it.
  const segment = stackName === 'create' && stackId ? stackId : stackName;
  redirect(withFlash(`/cloudformation/stacks/${encodeURIComponent(segment)}?tab=events`, { type: 'success', key: 'cfn.create.started', vars: { name: stackName } }));
}

export type FailedResourcesResult = ActionResult<StackResource[]>;

/** The resources that failed to delete, for the Delete dialog of a DELETE_FAILED stack. */
export async function listDeleteFailedResources(stackId: string): Promise<FailedResourcesResult> {
  const read = await listStackResources(await currentRegion(), stackId);
  if (!read.ok) return { ok: false, code: read.error.code, message: read.error.message };
  return { ok: true, data: read.data.filter((resource) => resource.status === 'DELETE_FAILED') };
}

export type DeleteStackResult = ActionResult<{ stackId: string }>;

/**
 * DeleteStack by stack ID (a name could by now belong to a newer stack of the same name). For a DELETE_FAILED stack the form may also carry `mode=retain` with the logical
 * ids to keep (`retain`, RetainResources) or `mode=force` (FORCE_DELETE_STACK), the two ways out
 * AWS offers; CloudFormation itself refuses both for a stack in any other state.
 */
export async function deleteStack(_prev: DeleteStackResult | null, formData: FormData): Promise<DeleteStackResult> {
  const parsed = z
    .object({
      stackId: z.string().min(1).max(2048),
      mode: z.enum(['standard', 'retain', 'force']).default('standard'),
      retain: z.array(z.string().min(1).max(255)).max(1000),
    })
    .safeParse({ stackId: formData.get('stackId'), mode: formData.get('mode') ?? undefined, retain: formData.getAll('retain') });
  if (!parsed.success) return { ok: false, message: 'A stack ID is required.' };
  const { stackId, mode, retain } = parsed.data;
  try {
    await cloudFormationClient(await currentRegion()).send(
      new DeleteStackCommand({
        StackName: stackId,
        ...(mode === 'retain' && retain.length > 0 ? { RetainResources: retain } : {}),
        ...(mode === 'force' ? { DeletionMode: 'FORCE_DELETE_STACK' as const } : {}),
      }),
    );
  } catch (error) {
    return awsFailure(error);
  }
  revalidatePath('/cloudformation/stacks');
  return { ok: true, data: { stackId } };
}
