import { z } from 'zod';
import { CONSOLE_UPLOAD_HEADER, keyByteLength, MAX_KEY_BYTES } from '@/lib/s3-keys';
import type { ActionResult } from '@/server/actions/result';
import { s3Client } from '@/server/aws/clients';
import { describeAwsCallError } from '@/server/data/read-result';
import { bucketRegion } from '@/server/data/s3';
import { currentRegion } from '@/server/region';
import { uploadStream } from '@/server/s3-upload';

export const dynamic = 'force-dynamic';

const query = z.object({
  bucket: z.string().min(1),
  key: z
    .string()
    .min(1)
    .refine((key) => keyByteLength(key) <= MAX_KEY_BYTES, 'The object key is longer than 1,024 bytes.'),
});

function reply(result: ActionResult<{ key: string }>, status: number) {
  return Response.json(result, { status });
}

/**
 * Uploads one file as one object. The browser sends the file as the raw request body (not a
 * multipart form) and it is passed on to S3 in 8 MiB parts, never held whole in memory, so large
 * files work; a server action would buffer the body and cap its size.
 */
export async function POST(request: Request) {
  if (request.headers.get(CONSOLE_UPLOAD_HEADER) !== '1') {
    return reply({ ok: false, code: 'Forbidden', message: `Uploads must come from the console (missing ${CONSOLE_UPLOAD_HEADER} header).` }, 403);
  }
  const url = new URL(request.url);
  const parsed = query.safeParse({ bucket: url.searchParams.get('bucket'), key: url.searchParams.get('key') });
  if (!parsed.success) return reply({ ok: false, code: 'InvalidRequest', message: parsed.error.issues.map((i) => i.message).join(' ') }, 400);
  const length = Number(request.headers.get('content-length'));
  if (!Number.isSafeInteger(length) || length < 0) {
    return reply({ ok: false, code: 'MissingContentLength', message: 'The upload must state its Content-Length.' }, 411);
  }
  const { bucket, key } = parsed.data;
  const contentType = request.headers.get('content-type') || 'application/octet-stream';
  try {
    const region = await bucketRegion(bucket, await currentRegion());
    await uploadStream(s3Client(region), { Bucket: bucket, Key: key, ContentType: contentType }, length === 0 ? null : request.body);
  } catch (error) {
    const { code, message } = describeAwsCallError(error);
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 502;
    return reply({ ok: false, code, message }, status >= 400 ? status : 502);
  }
  return reply({ ok: true, data: { key } }, 200);
}
