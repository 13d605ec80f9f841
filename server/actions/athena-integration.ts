'use server';

import { GetFlowLogsIntegrationTemplateCommand } from '@aws-sdk/client-ec2';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { checkIntegrationDialog } from '@/lib/athena-integration/dialog-checks';
import { validateIntegrationForm } from '@/lib/athena-integration/integration-form';
import { parseTemplateObjectUrl } from '@/lib/athena-integration/template-location';
import { baseName, normalizePrefix } from '@/lib/s3-keys';
import { ec2Client, s3Client } from '@/server/aws/clients';
import { describeAwsError } from '@/server/aws/errors';
import { bucketRegion, listBuckets } from '@/server/data/s3';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';
import type { ActionResult } from './result';

export interface GeneratedTemplate {
  /** GetFlowLogsIntegrationTemplate's Result: the template's S3 object URL. */
  templateUrl: string;
  /** File name of the template object. */
  templateName: string;
  /** Where the template is, for a link into the S3 browser (absent when the URL has another form). */
  bucket?: string;
  key?: string;
}

export type GenerateIntegrationResult = ActionResult<GeneratedTemplate> | (Extract<ActionResult, { ok: false }> & { issues?: Record<string, string> });

/** EC2 GetFlowLogsIntegrationTemplate with one Athena integration, as the AWS console sends it. */
export async function generateAthenaIntegration(_prev: GenerateIntegrationResult | null, formData: FormData): Promise<GenerateIntegrationResult> {
  const t = await getT();
  const flowLogId = String(formData.get('flowLogId') ?? '');
  const values = {
    partitionLoadFrequency: String(formData.get('partitionLoadFrequency') ?? ''),
    partitionStartDate: String(formData.get('partitionStartDate') ?? ''),
    partitionEndDate: String(formData.get('partitionEndDate') ?? ''),
    templateLocation: String(formData.get('templateLocation') ?? ''),
    resultsLocation: String(formData.get('resultsLocation') ?? ''),
  };
  const issues = checkIntegrationDialog(values);
  const validated = validateIntegrationForm(flowLogId, values);
  if (!/^fl-[0-9a-z]+$/.test(flowLogId) || Object.keys(issues).length > 0 || !validated.ok) {
    return { ok: false, message: t('integration.invalid'), issues: issues as Record<string, string> };
  }
  try {
    const out = await ec2Client(await currentRegion()).send(new GetFlowLogsIntegrationTemplateCommand(validated.request));
    const templateUrl = out.Result ?? '';
    const located = parseTemplateObjectUrl(templateUrl);
    const templateName = located ? baseName(located.key) : decodeURIComponent(templateUrl.split('/').pop() ?? templateUrl);
    return { ok: true, data: { templateUrl, templateName, bucket: located?.bucket, key: located?.key } };
  } catch (error) {
    const { code, message } = describeAwsError(error);
    return { ok: false, code, message };
  }
}

export type S3BrowseResult = ActionResult<{ bucket: string | null; prefix: string; buckets: string[]; folders: string[] }>;

/** For the S3 location browser: the buckets, or the folders one level below a prefix of a bucket. */
export async function browseS3Location(bucket: string | null, prefix: string): Promise<S3BrowseResult> {
  const region = await currentRegion();
  if (!bucket) {
    const result = await listBuckets(region);
    if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
    // The integration's S3 locations must be in the flow log's Region (EC2 refuses others), so
    // buckets known to live elsewhere are not offered.
    const buckets = result.data.filter((b) => b.region === null || b.region === region).map((b) => b.name);
    return { ok: true, data: { bucket: null, prefix: '', buckets: buckets.sort(), folders: [] } };
  }
  const normalized = normalizePrefix(prefix);
  try {
    const client = s3Client(await bucketRegion(bucket, region));
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: normalized || undefined, Delimiter: '/', MaxKeys: 1000 }));
    const folders = (out.CommonPrefixes ?? []).map((p) => p.Prefix).filter((p): p is string => Boolean(p));
    return { ok: true, data: { bucket, prefix: normalized, buckets: [], folders } };
  } catch (error) {
    const { code, message } = describeAwsError(error);
    return { ok: false, code, message };
  }
}
