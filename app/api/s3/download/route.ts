import { GetObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { baseName, contentDispositionAttachment } from '@/lib/s3-keys';
import { s3Client } from '@/server/aws/clients';
import { describeAwsCallError } from '@/server/data/read-result';
import { bucketRegion } from '@/server/data/s3';
import { currentRegion } from '@/server/region';

export const dynamic = 'force-dynamic';

const query = z.object({ bucket: z.string().min(1), key: z.string().min(1) });

/**
 * Streams an object to the browser as a download (Content-Disposition: attachment), byte for byte,
 * so binary and very large objects work the same as text.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = query.safeParse({ bucket: url.searchParams.get('bucket'), key: url.searchParams.get('key') });
  if (!parsed.success) return new Response('Both "bucket" and "key" are required.', { status: 400 });
  const { bucket, key } = parsed.data;
  try {
    const region = await bucketRegion(bucket, await currentRegion());
    const out = await s3Client(region).send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: request.signal });
    if (!out.Body) return new Response(null, { status: 204 });
    const headers = new Headers({
      'Content-Type': out.ContentType || 'application/octet-stream',
      'Content-Disposition': contentDispositionAttachment(baseName(key) || 'download'),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (out.ContentLength !== undefined) headers.set('Content-Length', String(out.ContentLength));
    if (out.ETag) headers.set('ETag', out.ETag);
    if (out.LastModified) headers.set('Last-Modified', out.LastModified.toUTCString());
    return new Response(out.Body.transformToWebStream(), { status: 200, headers });
  } catch (error) {
    const { code, message } = describeAwsCallError(error);
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 502;
    return new Response(`${code}: ${message}`, { status: status >= 400 ? status : 502, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
