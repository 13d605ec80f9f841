'use server';

import { CreateFlowLogsCommand, CreateTagsCommand, DeleteFlowLogsCommand, DeleteTagsCommand, DescribeFlowLogsCommand } from '@aws-sdk/client-ec2';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { checkTags, tagChanges, type TagRow } from '@/lib/ec2-tags';
import { withFlash } from '@/lib/flash-url';
import { checkCreateFlowLog } from '@/lib/flow-logs/create-flow-log-input';
import { ec2Client } from '@/server/aws/clients';
import { describeAwsError } from '@/server/aws/errors';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';
import type { ActionResult } from './result';

/** A resource EC2 could not act on (CreateFlowLogs / DeleteFlowLogs `Unsuccessful`). */
export interface ResourceFailure {
  resourceId: string;
  code: string;
  message: string;
}

type Failure = Extract<ActionResult, { ok: false }> & { failures?: ResourceFailure[] };

function awsFailure(error: unknown): Failure {
  const { code, message } = describeAwsError(error);
  return { ok: false, code, message };
}

function unsuccessful(items: { ResourceId?: string; Error?: { Code?: string; Message?: string } }[] | undefined): ResourceFailure[] {
  return (items ?? []).map((item) => ({
    resourceId: item.ResourceId ?? '',
    code: item.Error?.Code ?? 'UnknownError',
    message: item.Error?.Message ?? '',
  }));
}

function tagRowsOf(formData: FormData): TagRow[] {
  const keys = formData.getAll('tagKey').map(String);
  const values = formData.getAll('tagValue').map(String);
  return keys.map((key, index) => ({ key, value: values[index] ?? '' }));
}

function revalidateFlowLogPages() {
  revalidatePath('/vpc/flow-logs');
  revalidatePath('/vpc/vpcs');
}

export type CreateFlowLogResult =
  | { ok: true; data: { flowLogIds: string[] } }
  | (Failure & { issues?: Record<string, string>; tagIssues?: (string | undefined)[]; createdIds?: string[] });

/**
 * CreateFlowLogs for one or more resources, to S3. On success it redirects to the Flow logs page
 * with the new flow logs selected and a success notice; failures come back as values.
 */
export async function createFlowLog(_prev: CreateFlowLogResult | null, formData: FormData): Promise<CreateFlowLogResult> {
  const t = await getT();
  const text = (name: string) => String(formData.get(name) ?? '');
  const check = checkCreateFlowLog({
    resourceType: text('resourceType'),
    resourceIds: formData.getAll('resourceId').map(String),
    trafficType: text('trafficType'),
    maxAggregationInterval: text('maxAggregationInterval'),
    bucket: text('bucket'),
    folder: text('folder'),
    logFormat: text('logFormat') === 'custom' ? 'custom' : 'default',
    fields: formData.getAll('field').map(String),
    fileFormat: text('fileFormat'),
    hiveCompatiblePartitions: formData.get('hiveCompatiblePartitions') === 'true',
    perHourPartition: formData.get('perHourPartition') === 'true',
    tags: tagRowsOf(formData),
  });
  if (!check.ok) {
    return { ok: false, message: t('flowLogs.create.invalid'), issues: check.issues as Record<string, string>, tagIssues: check.tagIssues };
  }
  let created: string[];
  try {
    const out = await ec2Client(await currentRegion()).send(new CreateFlowLogsCommand(check.input));
    created = out.FlowLogIds ?? [];
    const failures = unsuccessful(out.Unsuccessful);
    if (created.length > 0) revalidateFlowLogPages();
    if (failures.length > 0) {
      return { ok: false, code: failures[0].code, message: failures[0].message, failures, createdIds: created };
    }
  } catch (error) {
    return awsFailure(error);
  }
  // Outside the try: redirect() works by throwing.
  const ids = created.join(',');
  redirect(withFlash(`/vpc/flow-logs?selected=${encodeURIComponent(ids)}`, { type: 'success', key: 'flowLogs.create.success', vars: { id: created.join(', ') } }));
}

export type DeleteFlowLogsResult = ActionResult<{ deleted: string[] }> | Failure;

/** DeleteFlowLogs; the user has typed "delete" to confirm, checked here too. */
export async function deleteFlowLogs(_prev: DeleteFlowLogsResult | null, formData: FormData): Promise<DeleteFlowLogsResult> {
  const t = await getT();
  const parsed = z
    .object({ flowLogIds: z.array(z.string().regex(/^fl-[0-9a-z]+$/)).min(1), confirmation: z.literal('delete') })
    .safeParse({ flowLogIds: formData.getAll('flowLogId').map(String), confirmation: String(formData.get('confirmation') ?? '').trim() });
  if (!parsed.success) return { ok: false, message: t('flowLogs.delete.confirmRequired') };
  const { flowLogIds } = parsed.data;
  try {
    const out = await ec2Client(await currentRegion()).send(new DeleteFlowLogsCommand({ FlowLogIds: flowLogIds }));
    const failures = unsuccessful(out.Unsuccessful);
    revalidateFlowLogPages();
    if (failures.length > 0) return { ok: false, code: failures[0].code, message: failures.map((f) => `${f.resourceId}: ${f.message}`).join(' · '), failures };
    return { ok: true, data: { deleted: flowLogIds } };
  } catch (error) {
    return awsFailure(error);
  }
}

export type UpdateTagsResult =
  | { ok: true; data: { created: number; removed: number } }
  | (Failure & { tagIssues?: (string | undefined)[] });

/** Manage tags: the rows posted are the flow log's new tags; CreateTags / DeleteTags make it so. */
export async function updateFlowLogTags(_prev: UpdateTagsResult | null, formData: FormData): Promise<UpdateTagsResult> {
  const t = await getT();
  const flowLogId = String(formData.get('flowLogId') ?? '');
  if (!/^fl-[0-9a-z]+$/.test(flowLogId)) return { ok: false, message: t('flowLogs.tags.invalid') };
  const rows = tagRowsOf(formData);
  const tagIssues = checkTags(rows);
  if (tagIssues.some(Boolean)) return { ok: false, message: t('flowLogs.tags.invalid'), tagIssues };
  const client = ec2Client(await currentRegion());
  try {
    // Diff against what EC2 holds now, not what the page showed, so a stale page removes nothing extra.
    const current = await client.send(new DescribeFlowLogsCommand({ FlowLogIds: [flowLogId] }));
    const before = (current.FlowLogs?.[0]?.Tags ?? []).filter((tag) => tag.Key).map((tag) => ({ key: tag.Key!, value: tag.Value ?? '' }));
    const { set, remove } = tagChanges(before, rows);
    if (remove.length > 0) await client.send(new DeleteTagsCommand({ Resources: [flowLogId], Tags: remove.map((Key) => ({ Key })) }));
    if (set.length > 0) await client.send(new CreateTagsCommand({ Resources: [flowLogId], Tags: set.map(({ key, value }) => ({ Key: key, Value: value })) }));
    revalidateFlowLogPages();
    return { ok: true, data: { created: set.length, removed: remove.length } };
  } catch (error) {
    return awsFailure(error);
  }
}
