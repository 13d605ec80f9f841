import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  UploadPartCopyCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startLocalAwsProcess, TEST_CREDENTIALS, type LocalAwsProcess } from '../support/local-aws-process';
import { fakeAuthorization, rawRequest } from '../support/raw-http';

const MiB = 1024 * 1024;
const BUCKET = 'multipart';

let localAws: LocalAwsProcess;
let s3: S3Client;

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => {
  await localAws?.stop();
});

/** Deterministic, non-repeating-looking bytes so a misplaced part cannot go unnoticed. */
function bytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i += 4) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.writeUInt32LE(x, Math.min(i, size - 4));
  }
  return out;
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest();
const multipartEtag = (parts: Buffer[]) => `"${createHash('md5').update(Buffer.concat(parts.map(md5))).digest('hex')}-${parts.length}"`;
const crc32 = (data: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(zlib.crc32(data) >>> 0);
  return out;
};

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

async function bodyOf(Key: string, Bucket = BUCKET): Promise<Buffer> {
  const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return Buffer.from(await got.Body!.transformToByteArray());
}

function objectFileCount(): number {
  const dir = path.join(localAws.dataDir, 'objects');
  return fs.readdirSync(dir).reduce((count, sub) => count + fs.readdirSync(path.join(dir, sub)).length, 0);
}

async function startUpload(Key: string, extra: Partial<ConstructorParameters<typeof CreateMultipartUploadCommand>[0]> = {}) {
  const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ...extra }));
  expect(created.UploadId).toBeTruthy();
  return created.UploadId!;
}

async function uploadParts(Key: string, UploadId: string, parts: Buffer[]): Promise<CompletedPart[]> {
  const completed: CompletedPart[] = [];
  for (const [index, Body] of parts.entries()) {
    const result = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: index + 1, Body }));
    expect(result.ETag).toBe(`"${md5(Body).toString('hex')}"`);
    completed.push({ PartNumber: index + 1, ETag: result.ETag, ChecksumCRC32: result.ChecksumCRC32 });
  }
  return completed;
}

describe('multipart upload with the SDK', () => {
  it('keeps a full-object CRC64NVME for an upload created with it, as S3 does (never composite)', async () => {
    const Key = 'crc64/whole.bin';
    const parts = [bytes(5 * MiB, 11), bytes(4321, 12)];
    const UploadId = await startUpload(Key, { ChecksumAlgorithm: 'CRC64NVME' });
    const uploaded = [];
    for (const [index, Body] of parts.entries()) {
      uploaded.push(await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: index + 1, Body, ChecksumAlgorithm: 'CRC64NVME' })));
    }
    expect(uploaded[0].ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: uploaded.map((p, i) => ({ PartNumber: i + 1, ETag: p.ETag, ChecksumCRC64NVME: p.ChecksumCRC64NVME })) },
      }),
    );
    const single = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'crc64/single.bin', Body: Buffer.concat(parts), ChecksumAlgorithm: 'CRC64NVME' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key, ChecksumMode: 'ENABLED' }));
    expect(head.ChecksumCRC64NVME).toBe(single.ChecksumCRC64NVME);
    expect(head.ChecksumType).toBe('FULL_OBJECT');
    await expect(startUpload('crc64/composite.bin', { ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'COMPOSITE' })).rejects.toMatchObject({ name: 'InvalidRequest' });
  });

  it('CompleteMultipartUpload with If-None-Match: * refuses an existing key and keeps the upload', async () => {
    const Key = 'conditional/complete.bin';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'already here' }));
    const UploadId = await startUpload(Key);
    const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: bytes(1000, 7) }));
    const MultipartUpload = { Parts: [{ PartNumber: 1, ETag: part.ETag }] };
    const refused = await s3
      .send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload, IfNoneMatch: '*' }))
      .then(() => undefined, (error: Error & { $metadata?: { httpStatusCode?: number } }) => error);
    expect(refused?.name).toBe('PreconditionFailed');
    expect(refused?.$metadata?.httpStatusCode).toBe(412);
    const kept = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
    expect(await kept.Body?.transformToString()).toBe('already here');
    // The upload survives the refusal, as on S3: it can still be completed unconditionally.
    expect((await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId }))).Parts).toHaveLength(1);
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload }));
    expect(done.ETag).toBe(multipartEtag([bytes(1000, 7)]));
  });

  it('assembles two 5 MiB parts and a small last part into one object with S3’s multipart ETag', async () => {
    const parts = [bytes(5 * MiB, 1), bytes(5 * MiB, 2), bytes(1234, 3)];
    const whole = Buffer.concat(parts);
    const Key = 'assembled/object.bin';
    const UploadId = await startUpload(Key, { ContentType: 'application/x-assembled', Metadata: { origin: 'multipart' } });

    // Part 2 goes as a stream with a known length, which the SDK sends aws-chunked with a CRC32 trailer.
    const first = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: parts[0] }));
    const second = await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 2, Body: Readable.from([parts[1].subarray(0, 3 * MiB), parts[1].subarray(3 * MiB)]), ContentLength: 5 * MiB }),
    );
    const third = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 3, Body: parts[2] }));
    expect(second.ETag).toBe(`"${md5(parts[1]).toString('hex')}"`);
    expect(second.ChecksumCRC32).toBe(crc32(parts[1]).toString('base64'));

    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      [1, first.ETag, 5 * MiB],
      [2, second.ETag, 5 * MiB],
      [3, third.ETag, 1234],
    ]);

    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: [first, second, third].map((p, i) => ({ PartNumber: i + 1, ETag: p.ETag })) },
      }),
    );
    expect(done.ETag).toBe(multipartEtag(parts));
    expect(done.Key).toBe(Key);
    expect(done.Bucket).toBe(BUCKET);
    expect(done.Location).toBe(`${localAws.endpoint}/${BUCKET}/assembled/object.bin`);

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));
    expect(head.ContentLength).toBe(whole.length);
    expect(head.ETag).toBe(done.ETag);
    expect(head.ContentType).toBe('application/x-assembled');
    expect(head.Metadata).toEqual({ origin: 'multipart' });
    expect((await bodyOf(Key)).equals(whole)).toBe(true);

    // Parallel downloaders fetch a multipart object part by part.
    const headPart = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key, PartNumber: 2 }));
    expect(headPart.PartsCount).toBe(3);
    expect(headPart.ContentLength).toBe(5 * MiB);
    expect(headPart.ContentRange).toBe(`bytes ${5 * MiB}-${10 * MiB - 1}/${whole.length}`);
    const lastPart = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, PartNumber: 3 }));
    expect(lastPart.$metadata.httpStatusCode).toBe(206);
    expect(Buffer.from(await lastPart.Body!.transformToByteArray()).equals(parts[2])).toBe(true);
    const noSuchPart = await failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, PartNumber: 4 })));
    expect(noSuchPart.name).toBe('InvalidPartNumber');
    expect(noSuchPart.$metadata.httpStatusCode).toBe(416);

    // The upload is gone and so are its part files: only the assembled object remains on disk.
    expect((await failure(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId })))).name).toBe('NoSuchUpload');
    const sizes = listAllObjectFiles().map((file) => fs.statSync(file).size);
    expect(sizes).toContain(whole.length);
    expect(sizes).not.toContain(5 * MiB);
  });

  it('serves part 1 of an object that was not uploaded in parts as the whole object', async () => {
    const body = bytes(1000, 18);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'single.bin', Body: body }));
    const part = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'single.bin', PartNumber: 1 }));
    expect(part.PartsCount).toBeUndefined();
    expect(Buffer.from(await part.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'single.bin', PartNumber: 2 })))).$metadata.httpStatusCode).toBe(416);
  });

  it('refuses wrong ETags, unknown parts, descending order and small middle parts, then completes', async () => {
    const Key = 'validation.bin';
    const UploadId = await startUpload(Key);
    const parts = [bytes(5 * MiB, 4), bytes(100, 5), bytes(100, 6)];
    const completed = await uploadParts(Key, UploadId, parts);
    const complete = (Parts: CompletedPart[]) =>
      failure(s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts } })));

    const wrongEtag = await complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }]);
    expect(wrongEtag.name).toBe('InvalidPart');
    expect(wrongEtag.$metadata.httpStatusCode).toBe(400);
    expect((await complete([completed[0], { PartNumber: 7, ETag: completed[1].ETag }])).name).toBe('InvalidPart');
    expect((await complete([completed[1], completed[0]])).name).toBe('InvalidPartOrder');
    expect((await complete([completed[0], completed[0]])).name).toBe('InvalidPartOrder');
    const tooSmall = await complete([completed[0], completed[1], completed[2]]);
    expect(tooSmall.name).toBe('EntityTooSmall');
    expect((await complete([{ ...completed[0], ChecksumCRC32: 'AAAAAA==' }])).name).toBe('InvalidPart');

    // None of that consumed the upload: skipping the small middle part is a valid completion.
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: [completed[0], completed[2]] } }),
    );
    expect(done.ETag).toBe(multipartEtag([parts[0], parts[2]]));
    expect((await bodyOf(Key)).equals(Buffer.concat([parts[0], parts[2]]))).toBe(true);
  });

  it('accepts unquoted ETags and a part uploaded twice (the second wins, the first file is removed)', async () => {
    const Key = 'reupload.bin';
    const UploadId = await startUpload(Key);
    const filesBefore = objectFileCount();
    await uploadParts(Key, UploadId, [bytes(200, 7)]);
    const second = bytes(300, 8);
    const again = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: second }));
    expect(objectFileCount()).toBe(filesBefore + 1);
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: again.ETag!.replace(/"/g, '') }] } }),
    );
    expect((await bodyOf(Key)).equals(second)).toBe(true);
  });

  it('aborts an upload: its parts are deleted and every later call answers NoSuchUpload', async () => {
    const Key = 'aborted.bin';
    const filesBefore = objectFileCount();
    const UploadId = await startUpload(Key);
    await uploadParts(Key, UploadId, [bytes(1000, 9), bytes(1000, 10)]);
    expect(objectFileCount()).toBe(filesBefore + 2);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }));
    expect(objectFileCount()).toBe(filesBefore);

    const calls = [
      () => s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId })),
      () => s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 3, Body: 'x' })),
      () => s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"x"' }] } })),
      () => s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId })),
      // The right id for another key is no upload either.
      () => s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'other-key', UploadId })),
    ];
    for (const call of calls) {
      const error = await failure(call());
      expect(error.name).toBe('NoSuchUpload');
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
    expect(objectFileCount()).toBe(filesBefore);
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key })))).name).toBe('NotFound');
  });

  it('pages ListParts with MaxParts and PartNumberMarker', async () => {
    const Key = 'many-parts.bin';
    const UploadId = await startUpload(Key);
    await uploadParts(Key, UploadId, [1, 2, 3, 4, 5].map((n) => bytes(10, n)));
    const first = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId, MaxParts: 2 }));
    expect(first.Parts?.map((p) => p.PartNumber)).toEqual([1, 2]);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextPartNumberMarker).toBe('2');
    const rest = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId, PartNumberMarker: first.NextPartNumberMarker }));
    expect(rest.Parts?.map((p) => p.PartNumber)).toEqual([3, 4, 5]);
    expect(rest.IsTruncated).toBe(false);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }));
  });

  it('lists uploads in progress by key and initiation, with prefix, delimiter and markers', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads-listing' }));
    const start = async (Key: string) => (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads-listing', Key }))).UploadId!;
    const a1 = await start('a.bin');
    const a2 = await start('a.bin');
    const b = await start('b.bin');
    await start('dir/x.bin');
    await start('dir/y.bin');

    const all = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads-listing' }));
    expect(all.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([
      ['a.bin', a1],
      ['a.bin', a2],
      ['b.bin', b],
      ['dir/x.bin', expect.any(String)],
      ['dir/y.bin', expect.any(String)],
    ]);
    expect(all.Uploads?.[0].Initiated).toBeInstanceOf(Date);
    expect(all.IsTruncated).toBe(false);

    const rolled = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads-listing', Delimiter: '/' }));
    expect(rolled.Uploads?.map((u) => u.Key)).toEqual(['a.bin', 'a.bin', 'b.bin']);
    expect(rolled.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['dir/']);

    const prefixed = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads-listing', Prefix: 'dir/' }));
    expect(prefixed.Uploads?.map((u) => u.Key)).toEqual(['dir/x.bin', 'dir/y.bin']);

    // Two at a time, continuing from the markers, with the delimiter: nothing missed, nothing twice.
    const seen: string[] = [];
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads-listing', Delimiter: '/', MaxUploads: 2, KeyMarker, UploadIdMarker }));
      seen.push(...(result.Uploads ?? []).map((u) => `${u.Key}#${u.UploadId}`), ...(result.CommonPrefixes ?? []).map((p) => p.Prefix!));
      if (!result.IsTruncated) break;
      KeyMarker = result.NextKeyMarker;
      UploadIdMarker = result.NextUploadIdMarker;
    }
    expect(seen).toEqual([`a.bin#${a1}`, `a.bin#${a2}`, `b.bin#${b}`, 'dir/']);

    // S3 deletes a bucket whatever uploads are still in progress; their parts go with it.
    const filesBefore = objectFileCount();
    await s3.send(new UploadPartCommand({ Bucket: 'uploads-listing', Key: 'a.bin', UploadId: a1, PartNumber: 1, Body: 'part' }));
    expect(objectFileCount()).toBe(filesBefore + 1);
    await s3.send(new DeleteBucketCommand({ Bucket: 'uploads-listing' }));
    expect(objectFileCount()).toBe(filesBefore);
  });

  it('copies a byte range of an existing object into a part (UploadPartCopy)', async () => {
    const source = bytes(6 * MiB, 11);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'copy-source.bin', Body: source }));
    const Key = 'part-copy.bin';
    const UploadId = await startUpload(Key);
    const copied = await s3.send(
      new UploadPartCopyCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, CopySource: `${BUCKET}/copy-source.bin`, CopySourceRange: `bytes=0-${5 * MiB}` }),
    );
    const firstPart = source.subarray(0, 5 * MiB + 1);
    expect(copied.CopyPartResult?.ETag).toBe(`"${md5(firstPart).toString('hex')}"`);
    const tail = bytes(10, 12);
    const second = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 2, Body: tail }));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: copied.CopyPartResult!.ETag }, { PartNumber: 2, ETag: second.ETag }] },
      }),
    );
    expect((await bodyOf(Key)).equals(Buffer.concat([firstPart, tail]))).toBe(true);

    const outOfRange = await failure(
      s3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'x', UploadId: await startUpload('x'), PartNumber: 1, CopySource: `${BUCKET}/copy-source.bin`, CopySourceRange: `bytes=0-${6 * MiB}` })),
    );
    expect(outOfRange.name).toBe('InvalidArgument');
  });

  it('keeps a composite CRC32 for an upload created with ChecksumAlgorithm, and a full-object one on request', async () => {
    const parts = [bytes(5 * MiB, 13), bytes(77, 14)];
    const composite = await startUpload('checksummed-composite.bin', { ChecksumAlgorithm: 'CRC32' });
    const compositeParts = await uploadParts('checksummed-composite.bin', composite, parts);
    expect(compositeParts.every((p) => p.ChecksumCRC32)).toBe(true);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'checksummed-composite.bin', UploadId: composite, MultipartUpload: { Parts: compositeParts } }),
    );
    const expectedComposite = `${crc32(Buffer.concat(parts.map(crc32))).toString('base64')}-2`;
    expect(done.ChecksumCRC32).toBe(expectedComposite);
    expect(done.ChecksumType).toBe('COMPOSITE');
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'checksummed-composite.bin', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(expectedComposite);
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);

    const full = await startUpload('checksummed-full.bin', { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const fullParts = await uploadParts('checksummed-full.bin', full, parts);
    const fullDone = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'checksummed-full.bin', UploadId: full, MultipartUpload: { Parts: fullParts } }),
    );
    expect(fullDone.ChecksumCRC32).toBe(crc32(Buffer.concat(parts)).toString('base64'));
    expect(fullDone.ChecksumType).toBe('FULL_OBJECT');
    // With ChecksumMode the SDK validates the full-object CRC32 against the bytes it receives.
    const fullGot = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'checksummed-full.bin', ChecksumMode: 'ENABLED' }));
    expect(Buffer.from(await fullGot.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
  });

  it('checks a full-object CRC32 sent with CompleteMultipartUpload: BadDigest keeps the upload, the right one is stored', async () => {
    const parts = [bytes(5 * MiB, 19), bytes(33, 20)];
    const Key = 'checksum-at-complete.bin';
    const UploadId = await startUpload(Key);
    const completed = await uploadParts(Key, UploadId, parts);
    const complete = (ChecksumCRC32: string) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, ChecksumCRC32, ChecksumType: 'FULL_OBJECT', MultipartUpload: { Parts: completed } }));
    const wrong = await failure(complete(crc32(parts[0]).toString('base64')));
    expect(wrong.name).toBe('BadDigest');
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key })))).name).toBe('NotFound');
    const done = await complete(crc32(Buffer.concat(parts)).toString('base64'));
    expect(done.ChecksumCRC32).toBe(crc32(Buffer.concat(parts)).toString('base64'));
    expect((await bodyOf(Key)).equals(Buffer.concat(parts))).toBe(true);
  });

  it('answers bad part numbers with InvalidArgument and malformed completion XML with MalformedXML', async () => {
    const Key = 'raw-errors.bin';
    const UploadId = await startUpload(Key);
    for (const partNumber of ['0', '10001', 'abc', '-1']) {
      const response = await rawRequest(localAws.port, {
        method: 'PUT',
        path: `/${BUCKET}/${Key}?partNumber=${partNumber}&uploadId=${UploadId}`,
        headers: fakeAuthorization('s3'),
        body: 'x',
      });
      expect(response.status, partNumber).toBe(400);
      expect(response.text).toContain('<Code>InvalidArgument</Code>');
    }
    for (const body of ['<CompleteMultipartUpload><Part>', '<CompleteMultipartUpload/>', '<Other/>', '<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>"a"</ETag></Part></CompleteMultipartUpload>']) {
      const response = await rawRequest(localAws.port, { method: 'POST', path: `/${BUCKET}/${Key}?uploadId=${UploadId}`, headers: fakeAuthorization('s3'), body });
      expect(response.status, body).toBe(400);
      expect(response.text).toContain('<Code>MalformedXML</Code>');
      expect(response.headers['x-amz-request-id']).toBeTruthy();
    }
    const unknown = await rawRequest(localAws.port, { method: 'POST', path: `/${BUCKET}/${Key}?uploadId=not-an-upload`, headers: fakeAuthorization('s3'), body: '<CompleteMultipartUpload/>' });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('<Code>NoSuchUpload</Code>');
    expect(unknown.text).toContain('<UploadId>not-an-upload</UploadId>');
  });
});

describe('multipart upload with the AWS CLI', () => {
  const run = promisify(execFile);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-aws-cli-'));
  // Nothing from the machine's own AWS configuration may leak into the test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))) as NodeJS.ProcessEnv;
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(workDir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, 'no-credentials'),
    PYTHONIOENCODING: 'utf-8',
  });
  const cli = (...args: string[]) => run('aws', ['--endpoint-url', localAws.endpoint, ...args], { env, maxBuffer: 16 * MiB });

  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('uploads a 20 MB file in parts with `aws s3 cp` and downloads it back byte for byte', async () => {
    const original = bytes(20 * 1000 * 1000, 15);
    const source = path.join(workDir, 'upload.bin');
    const target = path.join(workDir, 'download.bin');
    fs.writeFileSync(source, original);

    await cli('s3', 'cp', source, `s3://${BUCKET}/cli/20mb.bin`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cli/20mb.bin' }));
    expect(head.ContentLength).toBe(original.length);
    // The CLI's 8 MiB chunks: three parts, so the ETag proves it really went multipart.
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
    // The CLI declares CRC32 at creation and sends it per part: the object keeps the composite.
    const withChecksum = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cli/20mb.bin', ChecksumMode: 'ENABLED' }));
    expect(withChecksum.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==-3$/);
    const pending = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'cli/' }));
    expect(pending.Uploads ?? []).toEqual([]);

    await cli('s3', 'cp', `s3://${BUCKET}/cli/20mb.bin`, target);
    expect(createHash('sha256').update(fs.readFileSync(target)).digest('hex')).toBe(createHash('sha256').update(original).digest('hex'));
  });

  it('lists awkward keys with `aws s3 ls`, which asks for encoding-type=url and decodes what it gets', async () => {
    const keys = ['cli-keys/with space.txt', 'cli-keys/plus+sign.txt', 'cli-keys/ünï 日本.txt', 'cli-keys/percent%41.txt', 'cli-keys/colon:amp&.txt'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'k' }));
    const { stdout } = await cli('s3', 'ls', '--recursive', `s3://${BUCKET}/cli-keys/`);
    const listed = stdout
      .trim()
      .split('\n')
      .map((line) => line.replace(/^\S+ \S+ +\d+ /, ''));
    expect(listed.sort()).toEqual([...keys].sort());
  });
});

describe('multipart persistence', () => {
  it('keeps an upload and its parts across a restart and completes it afterwards', async () => {
    const Key = 'survives-restart.bin';
    const UploadId = await startUpload(Key, { ContentType: 'text/x-restart' });
    const parts = [bytes(5 * MiB, 16), bytes(10, 17)];
    const completed = await uploadParts(Key, UploadId, parts);
    s3.destroy();
    localAws = await localAws.restart();
    s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });

    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId }));
    expect(listed.Parts?.map((p) => p.ETag)).toEqual(completed.map((p) => p.ETag));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: completed } }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));
    expect(head.ContentType).toBe('text/x-restart');
    expect(head.ETag).toBe(multipartEtag(parts));
    expect((await bodyOf(Key)).equals(Buffer.concat(parts))).toBe(true);
  });
});

function listAllObjectFiles(): string[] {
  const dir = path.join(localAws.dataDir, 'objects');
  return fs.readdirSync(dir).flatMap((sub) => fs.readdirSync(path.join(dir, sub)).map((name) => path.join(dir, sub, name)));
}
