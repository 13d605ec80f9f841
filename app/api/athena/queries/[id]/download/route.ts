import { GetObjectCommand } from '@aws-sdk/client-s3';
import { baseName, contentDispositionAttachment } from '@/lib/s3-keys';
import { s3Client } from '@/server/aws/clients';
import { getQueryExecution } from '@/server/data/athena';
import { describeAwsCallError } from '@/server/data/read-result';
import { bucketRegion } from '@/server/data/s3';
import { currentRegion } from '@/server/region';

export const dynamic = 'force-dynamic';

function textResponse(text: string, status: number) {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * "Download results": the result file Athena wrote to the query's output location (`<id>.csv`),
 * streamed byte for byte as an attachment — the whole result, not only the rows the editor loaded.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const region = await currentRegion();
  const execution = await getQueryExecution(region, id);
  if (!execution.ok) return textResponse(`${execution.error.code}: ${execution.error.message}`, 404);
  const location = execution.data.outputLocation;
  const match = location ? /^s3:\/\/([^/]+)\/(.+)$/.exec(location) : null;
  if (execution.data.state !== 'SUCCEEDED' || !match) return textResponse(`Query ${id} has no results to download (state ${execution.data.state}).`, 409);
  const [, bucket, key] = match;
  try {
    const out = await s3Client(await bucketRegion(bucket, region)).send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: request.signal });
    if (!out.Body) return new Response(null, { status: 204 });
    const headers = new Headers({
      'Content-Type': key.endsWith('.csv') ? 'text/csv; charset=utf-8' : out.ContentType || 'application/octet-stream',
      'Content-Disposition': contentDispositionAttachment(baseName(key) || `${id}.csv`),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (out.ContentLength !== undefined) headers.set('Content-Length', String(out.ContentLength));
    return new Response(out.Body.transformToWebStream(), { status: 200, headers });
  } catch (error) {
    const { code, message } = describeAwsCallError(error);
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 502;
    return textResponse(`${code}: ${message}`, status >= 400 ? status : 502);
  }
}
