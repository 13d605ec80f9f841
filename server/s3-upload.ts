import 'server-only';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';

/** S3's smallest part is 5 MiB; 8 MiB is what the AWS CLI uses. */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

/** Reads the stream until `size` bytes are collected or it ends. */
async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>, size: number, carry: Uint8Array[]): Promise<{ chunk: Buffer; done: boolean }> {
  const parts = carry.splice(0);
  let length = parts.reduce((sum, p) => sum + p.length, 0);
  let done = false;
  while (length < size) {
    const next = await reader.read();
    if (next.done) {
      done = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const all = Buffer.concat(parts);
  if (all.length > size) {
    carry.push(all.subarray(size));
    return { chunk: all.subarray(0, size), done: false };
  }
  return { chunk: all, done };
}

/**
 * Stores a request body as one object without holding it in memory: a small body goes up in one
 * PutObject, a large one as a multipart upload of 8 MiB parts (aborted if anything fails, so no
 * orphaned parts are left behind). Each request to S3 carries a plain buffer, which every
 * S3-compatible endpoint accepts, rather than an aws-chunked stream.
 */
export async function uploadStream(
  client: S3Client,
  target: { Bucket: string; Key: string; ContentType: string },
  body: ReadableStream<Uint8Array> | null,
): Promise<void> {
  if (!body) {
    await client.send(new PutObjectCommand({ ...target, Body: new Uint8Array() }));
    return;
  }
  const reader = body.getReader();
  const carry: Uint8Array[] = [];
  const first = await readChunk(reader, UPLOAD_PART_BYTES, carry);
  if (first.done) {
    await client.send(new PutObjectCommand({ ...target, Body: first.chunk }));
    return;
  }
  const { UploadId } = await client.send(new CreateMultipartUploadCommand(target));
  if (!UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
  const parts: CompletedPart[] = [];
  try {
    let current = first;
    for (let PartNumber = 1; ; PartNumber += 1) {
      const out = await client.send(new UploadPartCommand({ Bucket: target.Bucket, Key: target.Key, UploadId, PartNumber, Body: current.chunk }));
      parts.push({ PartNumber, ETag: out.ETag });
      if (current.done) break;
      current = await readChunk(reader, UPLOAD_PART_BYTES, carry);
      if (current.done && current.chunk.length === 0) break;
    }
    await client.send(new CompleteMultipartUploadCommand({ Bucket: target.Bucket, Key: target.Key, UploadId, MultipartUpload: { Parts: parts } }));
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: target.Bucket, Key: target.Key, UploadId })).catch(() => undefined);
    reader.cancel().catch(() => undefined);
    throw error;
  }
}
