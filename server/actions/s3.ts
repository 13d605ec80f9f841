'use server';

import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { bucketNameIssueMessage, validateBucketName } from '@/lib/s3-bucket-name';
import { keyByteLength, MAX_KEY_BYTES, normalizePrefix } from '@/lib/s3-keys';
import { s3Client } from '@/server/aws/clients';
import { describeAwsCallError } from '@/server/data/read-result';
import { bucketRegion, forgetBucketRegion } from '@/server/data/s3';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';
import type { ActionResult } from './result';

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

/** An AWS failure as a value: the client shows it as a red flash with the code and message. */
function awsFailure(error: unknown): { ok: false; code: string; message: string } {
  const { code, message } = describeAwsCallError(error);
  return { ok: false, code, message };
}

export type CreateBucketResult = ActionResult<{ name: string }>;

export async function createBucket(_prev: CreateBucketResult | null, formData: FormData): Promise<CreateBucketResult> {
  const t = await getT();
  const schema = z.object({
    name: z.string().superRefine((name, ctx) => {
      for (const issue of validateBucketName(name)) ctx.addIssue({ code: 'custom', message: bucketNameIssueMessage(issue, t) });
    }),
  });
  const parsed = schema.safeParse({ name: formData.get('name') ?? '' });
  if (!parsed.success) return { ok: false, message: t('s3.create.invalid'), fieldErrors: fieldErrorsOf(parsed.error) };
  const { name } = parsed.data;
  const region = await currentRegion();
  // S3 in us-east-1 answers CreateBucket for a bucket the account already owns with a quiet 200;
  // the console says so instead of reporting a bucket as created that was there before.
  if (await ownsBucket(name, region)) {
    const message = t('s3.create.exists', { name });
    return { ok: false, message, fieldErrors: { name: [message] } };
  }
  try {
    await s3Client(region).send(
      new CreateBucketCommand({
        Bucket: name,
        // us-east-1 is the default location and must not be named explicitly.
        CreateBucketConfiguration: region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint },
      }),
    );
  } catch (error) {
    return awsFailure(error);
  }
  revalidatePath('/s3');
  return { ok: true, data: { name }, message: t('s3.create.success', { name }) };
}

/** True when HeadBucket finds the bucket (only its owner gets a 200); false for 404, 403 and the rest. */
async function ownsBucket(name: string, region: string): Promise<boolean> {
  try {
    await s3Client(region).send(new HeadBucketCommand({ Bucket: name }));
    return true;
  } catch {
    return false;
  }
}

export type DeleteBucketResult = ActionResult<{ name: string }>;

export async function deleteBucket(_prev: DeleteBucketResult | null, formData: FormData): Promise<DeleteBucketResult> {
  const t = await getT();
  const parsed = z.object({ name: z.string().min(1) }).safeParse({ name: formData.get('name') });
  if (!parsed.success) return { ok: false, message: 'A bucket name is required.', fieldErrors: fieldErrorsOf(parsed.error) };
  const { name } = parsed.data;
  try {
    const region = await bucketRegion(name, await currentRegion());
    await s3Client(region).send(new DeleteBucketCommand({ Bucket: name }));
  } catch (error) {
    return awsFailure(error);
  }
  forgetBucketRegion(name);
  revalidatePath('/s3');
  return { ok: true, data: { name }, message: t('s3.delete.success', { name }) };
}

export type CreateFolderResult = ActionResult<{ key: string }>;

export async function createFolder(_prev: CreateFolderResult | null, formData: FormData): Promise<CreateFolderResult> {
  const t = await getT();
  const schema = z
    .object({
      bucket: z.string().min(1),
      prefix: z.string(),
      name: z
        .string()
        .min(1, t('s3.folder.required'))
        .refine((name) => !name.includes('/'), t('s3.folder.slash')),
    })
    .refine((v) => keyByteLength(`${normalizePrefix(v.prefix)}${v.name}/`) <= MAX_KEY_BYTES, { message: t('s3.folder.tooLong'), path: ['name'] });
  const parsed = schema.safeParse({ bucket: formData.get('bucket'), prefix: formData.get('prefix') ?? '', name: formData.get('name') ?? '' });
  if (!parsed.success) return { ok: false, message: t('s3.folder.required'), fieldErrors: fieldErrorsOf(parsed.error) };
  const { bucket, name } = parsed.data;
  const key = `${normalizePrefix(parsed.data.prefix)}${name}/`;
  try {
    const region = await bucketRegion(bucket, await currentRegion());
    await s3Client(region).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '' }));
  } catch (error) {
    return awsFailure(error);
  }
  revalidatePath('/s3/buckets/[bucket]', 'page');
  return { ok: true, data: { key }, message: t('s3.folder.success', { name }) };
}

export type DeleteObjectsResult = ActionResult<{ deleted: number }>;

/**
 * Deletes the chosen objects, and for chosen folders every object under them (as the S3 console
 * does), in DeleteObjects batches of 1,000 keys.
 */
export async function deleteObjects(_prev: DeleteObjectsResult | null, formData: FormData): Promise<DeleteObjectsResult> {
  const t = await getT();
  const schema = z.object({
    bucket: z.string().min(1),
    keys: z.array(z.string().min(1)),
    folders: z.array(z.string().min(1).endsWith('/')),
  });
  const parsed = schema.safeParse({ bucket: formData.get('bucket'), keys: formData.getAll('key'), folders: formData.getAll('folder') });
  if (!parsed.success) return { ok: false, message: 'Choose objects to delete.', fieldErrors: fieldErrorsOf(parsed.error) };
  const { bucket, keys, folders } = parsed.data;
  let deleted = 0;
  const failures: { key: string; code: string; message: string }[] = [];
  try {
    const client = s3Client(await bucketRegion(bucket, await currentRegion()));
    const all = new Set(keys);
    for (const folder of folders) {
      for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: bucket, Prefix: folder })) {
        for (const object of page.Contents ?? []) if (object.Key) all.add(object.Key);
      }
      all.add(folder);
    }
    const list = [...all];
    for (let i = 0; i < list.length; i += 1000) {
      const batch = list.slice(i, i + 1000);
      const out = await client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      const errors = out.Errors ?? [];
      for (const error of errors) failures.push({ key: error.Key ?? '', code: error.Code ?? 'UnknownError', message: error.Message ?? '' });
      deleted += batch.length - errors.length;
    }
  } catch (error) {
    revalidatePath('/s3/buckets/[bucket]', 'page');
    return awsFailure(error);
  }
  revalidatePath('/s3/buckets/[bucket]', 'page');
  if (failures.length > 0) {
    const details = failures.slice(0, 5).map((f) => t('s3.objects.deleteFailedDetail', f));
    return { ok: false, code: failures[0].code, message: details.join(' · ') };
  }
  return { ok: true, data: { deleted }, message: deleted === 1 ? t('s3.objects.deleteSuccessOne') : t('s3.objects.deleteSuccess', { count: deleted }) };
}
