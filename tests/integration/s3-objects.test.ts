import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';
import { fakeAuthorization, localhostSubdomainAgent, rawRequest } from '../support/raw-http';

let localAws: LocalAwsProcess;
let s3: S3Client;

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  s3 = pathStyleClient(localAws.endpoint);
});
afterAll(async () => {
  await localAws?.stop();
});

function pathStyleClient(endpoint: string) {
  return new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
}

const md5Base64 = (data: Buffer) => createHash('md5').update(data).digest('base64');
const md5Hex = (data: Buffer) => createHash('md5').update(data).digest('hex');
const crc32Base64 = (data: Buffer) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(zlib.crc32(data) >>> 0);
  return bytes.toString('base64');
};

async function bodyOf(client: S3Client, Bucket: string, Key: string, Range?: string): Promise<Buffer> {
  const result = await client.send(new GetObjectCommand({ Bucket, Key, Range }));
  return Buffer.from(await result.Body!.transformToByteArray());
}

/** The error an SDK call fails with; fails the test if the call succeeds. */
async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** Records the final, signed request headers the SDK puts on the wire. */
function captureHeaders(client: S3Client) {
  const seen: Record<string, string>[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: `capture-${randomUUID()}` },
  );
  return seen;
}

describe('buckets', () => {
  it('creates, heads, lists and deletes a bucket; BucketNotEmpty while it holds objects', async () => {
    const created = await s3.send(new CreateBucketCommand({ Bucket: 'bucket-life' }));
    expect(created.Location).toBe('/bucket-life');
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'bucket-life' }));
    expect(head.BucketRegion).toBe('us-east-1');
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContain('bucket-life');
    expect(Buckets?.find((b) => b.Name === 'bucket-life')?.CreationDate).toBeInstanceOf(Date);

    // us-east-1 keeps S3's legacy answer: creating a bucket you own there again succeeds and keeps
    // what it holds; elsewhere it is BucketAlreadyOwnedByYou.
    await s3.send(new PutObjectCommand({ Bucket: 'bucket-life', Key: 'k', Body: 'x' }));
    const again = await s3.send(new CreateBucketCommand({ Bucket: 'bucket-life' }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    expect((await bodyOf(s3, 'bucket-life', 'k')).toString()).toBe('x');
    const west = new S3Client({ ...clientConfig(localAws.endpoint, 'us-west-2'), forcePathStyle: true });
    const westConfig = { LocationConstraint: 'us-west-2' as const };
    await west.send(new CreateBucketCommand({ Bucket: 'bucket-life-west', CreateBucketConfiguration: westConfig }));
    const westAgain = await failure(west.send(new CreateBucketCommand({ Bucket: 'bucket-life-west', CreateBucketConfiguration: westConfig })));
    expect(westAgain.name).toBe('BucketAlreadyOwnedByYou');
    expect(westAgain.$metadata.httpStatusCode).toBe(409);
    await west.send(new DeleteBucketCommand({ Bucket: 'bucket-life-west' }));

    const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'bucket-life' })));
    expect(notEmpty.name).toBe('BucketNotEmpty');
    expect(notEmpty.$metadata.httpStatusCode).toBe(409);

    await s3.send(new DeleteObjectCommand({ Bucket: 'bucket-life', Key: 'k' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'bucket-life' }));
    const gone = await failure(s3.send(new HeadBucketCommand({ Bucket: 'bucket-life' })));
    expect(gone.name).toBe('NotFound');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    const deleteMissing = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'bucket-life' })));
    expect(deleteMissing.name).toBe('NoSuchBucket');
  });

  it('creates a bucket in another region from its LocationConstraint', async () => {
    const regional = new S3Client({ ...clientConfig(localAws.endpoint, 'eu-west-1'), forcePathStyle: true });
    await regional.send(new CreateBucketCommand({ Bucket: 'bucket-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'bucket-eu' }));
    expect(head.BucketRegion).toBe('eu-west-1');
  });
});

describe('PutObject and GetObject', () => {
  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'objects' }));
  });

  it('stores a Buffer body with its metadata and returns it byte for byte', async () => {
    const body = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'objects',
        Key: 'plain.bin',
        Body: body,
        ContentType: 'application/x-test',
        CacheControl: 'max-age=60',
        Metadata: { origin: 'plain-buffer' },
      }),
    );
    expect(put.ETag).toBe(`"${md5Hex(body)}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'plain.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
    expect(got.ContentType).toBe('application/x-test');
    expect(got.CacheControl).toBe('max-age=60');
    expect(got.Metadata).toEqual({ origin: 'plain-buffer' });
    expect(got.ContentLength).toBe(3000);
    expect(got.ETag).toBe(put.ETag);
    expect(got.LastModified).toBeInstanceOf(Date);
  });

  it('decodes an aws-chunked stream body with a CRC32 trailer and stores only the payload', async () => {
    const client = pathStyleClient(localAws.endpoint);
    const wire = captureHeaders(client);
    const parts = [Buffer.alloc(70_000, 'a'), Buffer.from('\r\n0\r\nnot-a-chunk-header\r\n'), Buffer.alloc(12_345, 'z')];
    const whole = Buffer.concat(parts);
    await client.send(
      new PutObjectCommand({ Bucket: 'objects', Key: 'streamed.bin', Body: Readable.from(parts), ContentLength: whole.length }),
    );
    // The SDK really used the streaming encoding this test is about.
    expect(wire[0]['content-encoding']).toContain('aws-chunked');
    expect(wire[0]['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(wire[0]['x-amz-decoded-content-length']).toBe(String(whole.length));

    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'streamed.bin', ChecksumMode: 'ENABLED' }));
    expect(head.ContentLength).toBe(whole.length);
    expect(head.ContentEncoding).toBeUndefined();
    expect(head.ETag).toBe(`"${md5Hex(whole)}"`);
    expect(head.ChecksumCRC32).toBe(crc32Base64(whole));
    expect(await bodyOf(s3, 'objects', 'streamed.bin')).toEqual(whole);
    // The file on disk is the decoded payload, not the chunk framing.
    const onDisk = findObjectFiles(localAws.dataDir).filter((file) => fs.statSync(file).size === whole.length);
    expect(onDisk.some((file) => fs.readFileSync(file).equals(whole))).toBe(true);
  });

  it('validates the checksum GetObject echoes when ChecksumMode is ENABLED', async () => {
    const body = Buffer.from('checksummed body');
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'crc.txt', Body: body }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'crc.txt', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(crc32Base64(body));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
  });

  it('accepts a right Content-MD5 and refuses a wrong one with BadDigest, leaving the old object', async () => {
    const original = Buffer.from('original content');
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'md5.txt', Body: original, ContentMD5: md5Base64(original) }));
    const bad = await failure(
      s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'md5.txt', Body: Buffer.from('replacement'), ContentMD5: md5Base64(Buffer.from('something else')) })),
    );
    expect(bad.name).toBe('BadDigest');
    expect(bad.$metadata.httpStatusCode).toBe(400);
    expect(await bodyOf(s3, 'objects', 'md5.txt')).toEqual(original);

    const invalid = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'md5.txt', Body: 'x', ContentMD5: 'not-base64' })));
    expect(invalid.name).toBe('InvalidDigest');
  });

  it('verifies and stores a CRC64NVME the SDK computes, and refuses a wrong one', async () => {
    const body = Buffer.from('crc64 body '.repeat(1000));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'crc64.txt', Body: body, ChecksumAlgorithm: 'CRC64NVME' }));
    expect(put.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'crc64.txt', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC64NVME).toBe(put.ChecksumCRC64NVME);
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
    const bad = await failure(
      s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'crc64.txt', Body: Buffer.from('other'), ChecksumCRC64NVME: put.ChecksumCRC64NVME })),
    );
    expect(bad.name).toBe('BadDigest');
    expect(await bodyOf(s3, 'objects', 'crc64.txt')).toEqual(body);
  });

  it('refuses a wrong x-amz-checksum-crc32 header with BadDigest and keeps the old object', async () => {
    const original = Buffer.from('crc original');
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'crc-guarded.txt', Body: original }));
    const bad = await failure(
      s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'crc-guarded.txt', Body: Buffer.from('crc replacement'), ChecksumCRC32: crc32Base64(Buffer.from('other')) })),
    );
    expect(bad.name).toBe('BadDigest');
    expect(await bodyOf(s3, 'objects', 'crc-guarded.txt')).toEqual(original);
  });

  it('refuses an aws-chunked body whose CRC32 trailer is wrong, keeping the old object and no stray file', async () => {
    const original = Buffer.from('trailer original');
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'trailer.txt', Body: original }));
    const filesBefore = findObjectFiles(localAws.dataDir).length;
    const payload = Buffer.from('trailer replacement payload');
    const response = await rawRequest(localAws.port, {
      method: 'PUT',
      path: '/objects/trailer.txt',
      headers: {
        ...fakeAuthorization('s3'),
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': payload.length,
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body: awsChunked([payload], { 'x-amz-checksum-crc32': crc32Base64(Buffer.from('nope')) }),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Code>BadDigest</Code>');
    expect(await bodyOf(s3, 'objects', 'trailer.txt')).toEqual(original);
    expect(findObjectFiles(localAws.dataDir).length).toBe(filesBefore);
  });

  it('serves every Range form and answers 416 InvalidRange past the end', async () => {
    const body = Buffer.from('0123456789abcdefghij');
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'range.txt', Body: body }));
    const first = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'range.txt', Range: 'bytes=0-4' }));
    expect(first.ContentRange).toBe('bytes 0-4/20');
    expect(first.ContentLength).toBe(5);
    expect(await first.Body!.transformToString()).toBe('01234');
    expect((await bodyOf(s3, 'objects', 'range.txt', 'bytes=15-')).toString()).toBe('fghij');
    expect((await bodyOf(s3, 'objects', 'range.txt', 'bytes=-3')).toString()).toBe('hij');
    expect((await bodyOf(s3, 'objects', 'range.txt', 'bytes=18-1000')).toString()).toBe('ij');
    expect((await bodyOf(s3, 'objects', 'range.txt', 'bytes=-100')).toString()).toBe('0123456789abcdefghij');
    const past = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'range.txt', Range: 'bytes=20-' })));
    expect(past.name).toBe('InvalidRange');
    expect(past.$metadata.httpStatusCode).toBe(416);
  });

  it('answers HeadObject for a missing key with 404 NotFound and GetObject with NoSuchKey', async () => {
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'missing' })));
    expect(head.name).toBe('NotFound');
    expect(head.$metadata.httpStatusCode).toBe(404);
    const get = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'missing' })));
    expect(get.name).toBe('NoSuchKey');
    const noBucket = await failure(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'k' })));
    expect(noBucket.name).toBe('NoSuchBucket');
  });

  it('stores an empty object', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'empty', Body: Buffer.alloc(0) }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'empty' }));
    expect(head.ContentLength).toBe(0);
    expect(head.ETag).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
    expect(await bodyOf(s3, 'objects', 'empty')).toEqual(Buffer.alloc(0));
  });
});

describe('conditional writes', () => {
  it('PutObject with If-None-Match: * creates a free key once and refuses to overwrite it', async () => {
    const first = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'once', Body: 'first', IfNoneMatch: '*' }));
    expect(first.ETag).toBe(`"${createHash('md5').update('first').digest('hex')}"`);
    const second = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'once', Body: 'second', IfNoneMatch: '*' })));
    expect(second.name).toBe('PreconditionFailed');
    expect(second.$metadata.httpStatusCode).toBe(412);
    expect((await bodyOf(s3, 'objects', 'once')).toString()).toBe('first');
  });

  it('PutObject with If-Match overwrites only the version it names', async () => {
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'versioned', Body: 'v1' }));
    const stale = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'versioned', Body: 'lost', IfMatch: '"0123456789abcdef0123456789abcdef"' })));
    expect(stale.name).toBe('PreconditionFailed');
    expect((await bodyOf(s3, 'objects', 'versioned')).toString()).toBe('v1');
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'versioned', Body: 'v2', IfMatch: v1.ETag }));
    expect((await bodyOf(s3, 'objects', 'versioned')).toString()).toBe('v2');
    const missing = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'not-there', Body: 'x', IfMatch: v1.ETag })));
    expect(missing.name).toBe('NoSuchKey');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses If-None-Match with an ETag on a write: S3 implements only *', async () => {
    const refused = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'etag-none-match', Body: 'x', IfNoneMatch: '"abc"' })));
    expect(refused.name).toBe('NotImplemented');
    expect(refused.$metadata.httpStatusCode).toBe(501);
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'etag-none-match' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('of two racing If-None-Match: * writers to one key exactly one wins', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'race', Body: `writer ${i}`, IfNoneMatch: '*' }))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o.status === 'rejected')) expect((lost.reason as Error).name).toBe('PreconditionFailed');
    expect((await bodyOf(s3, 'objects', 'race')).toString()).toMatch(/^writer \d$/);
  });
});

describe('CopyObject', () => {
  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'copies' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'copies', Key: 'source file.txt', Body: 'copy me', ContentType: 'text/plain', Metadata: { a: '1' } }),
    );
  });

  it('copies bytes and metadata to a new key and another bucket', async () => {
    const result = await s3.send(
      new CopyObjectCommand({ Bucket: 'copies', Key: 'copy.txt', CopySource: `copies/${encodeURIComponent('source file.txt')}` }),
    );
    expect(result.CopyObjectResult?.ETag).toBe(`"${md5Hex(Buffer.from('copy me'))}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'copies', Key: 'copy.txt' }));
    expect(head.Metadata).toEqual({ a: '1' });
    expect(head.ContentType).toBe('text/plain');

    await s3.send(new CreateBucketCommand({ Bucket: 'copies-elsewhere' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'copies-elsewhere', Key: 'x/y.txt', CopySource: '/copies/copy.txt' }));
    expect((await bodyOf(s3, 'copies-elsewhere', 'x/y.txt')).toString()).toBe('copy me');
  });

  it('refuses to copy an object onto itself without REPLACE, and replaces metadata with REPLACE', async () => {
    const self = await failure(s3.send(new CopyObjectCommand({ Bucket: 'copies', Key: 'copy.txt', CopySource: 'copies/copy.txt' })));
    expect(self.name).toBe('InvalidRequest');
    expect(self.$metadata.httpStatusCode).toBe(400);

    await s3.send(
      new CopyObjectCommand({
        Bucket: 'copies',
        Key: 'copy.txt',
        CopySource: 'copies/copy.txt',
        MetadataDirective: 'REPLACE',
        ContentType: 'application/json',
        Metadata: { b: '2' },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'copies', Key: 'copy.txt' }));
    expect(head.Metadata).toEqual({ b: '2' });
    expect(head.ContentType).toBe('application/json');
    expect((await bodyOf(s3, 'copies', 'copy.txt')).toString()).toBe('copy me');
  });

  it('reports a missing source as NoSuchKey', async () => {
    const missing = await failure(s3.send(new CopyObjectCommand({ Bucket: 'copies', Key: 'z', CopySource: 'copies/nope' })));
    expect(missing.name).toBe('NoSuchKey');
  });
});

describe('DeleteObject and DeleteObjects', () => {
  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'deletions' }));
    for (const Key of ['a', 'b', 'c', 'd', 'e']) await s3.send(new PutObjectCommand({ Bucket: 'deletions', Key, Body: Key }));
  });

  it('deletes one key, and deleting a missing key still succeeds', async () => {
    await s3.send(new DeleteObjectCommand({ Bucket: 'deletions', Key: 'a' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'deletions', Key: 'a' }));
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: 'deletions', Key: 'a' })))).name).toBe('NotFound');
  });

  it('reports each deleted key, or nothing in Quiet mode', async () => {
    const verbose = await s3.send(new DeleteObjectsCommand({ Bucket: 'deletions', Delete: { Objects: [{ Key: 'b' }, { Key: 'c' }, { Key: 'never-existed' }] } }));
    expect(verbose.Deleted?.map((d) => d.Key).sort()).toEqual(['b', 'c', 'never-existed']);
    expect(verbose.Errors ?? []).toEqual([]);

    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: 'deletions', Delete: { Objects: [{ Key: 'd' }], Quiet: true } }));
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(quiet.Errors ?? []).toEqual([]);

    const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: 'deletions' }));
    expect(Contents?.map((c) => c.Key)).toEqual(['e']);
  });
});

/** Keys that would be dangerous if a key ever became a file path, plus awkward but legal ones. */
const escapeMarker = `escape-${randomUUID()}`;
const AWKWARD_KEYS = [
  'with space.txt',
  'colon:in:key',
  'plus+sign&amp=1',
  'unicode/日本語/ünïcødé 😀.txt',
  '../../etc/passwd',
  `../../../../../../../../tmp/${escapeMarker}`,
  `../${escapeMarker}`,
  `/absolute/${escapeMarker}`,
  '/absolute/path',
  'a//b',
  'trailing/',
  'percent%20literal',
  'question?mark#hash',
  'tab\tand~tilde',
];

describe('awkward keys, path-style and virtual-host style', () => {
  const passwdBefore = fs.readFileSync('/etc/passwd');

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'awkward' }));
  });

  it('round-trips every awkward key exactly through path-style requests', async () => {
    for (const [index, Key] of AWKWARD_KEYS.entries()) {
      const body = Buffer.from(`body #${index} of ${Key}`);
      await s3.send(new PutObjectCommand({ Bucket: 'awkward', Key, Body: body }));
      expect(await bodyOf(s3, 'awkward', Key), Key).toEqual(body);
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'awkward', Key }));
      expect(head.ETag, Key).toBe(`"${md5Hex(body)}"`);
    }
    const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: 'awkward' }));
    expect(Contents?.map((c) => c.Key).sort()).toEqual([...AWKWARD_KEYS].sort());
  });

  it('serves the same keys through virtual-host style (bucket.localhost:port)', async () => {
    const virtual = new S3Client({
      ...clientConfig(`http://localhost:${localAws.port}`),
      requestHandler: new NodeHttpHandler({ httpAgent: localhostSubdomainAgent() }),
    });
    const wire = captureHeaders(virtual);
    for (const [index, Key] of AWKWARD_KEYS.entries()) {
      expect(await bodyOf(virtual, 'awkward', Key), Key).toEqual(Buffer.from(`body #${index} of ${Key}`));
    }
    expect(wire[0].host).toBe(`awkward.localhost:${localAws.port}`);

    await virtual.send(new PutObjectCommand({ Bucket: 'awkward', Key: 'virtual/written.txt', Body: 'via virtual host' }));
    expect((await bodyOf(s3, 'awkward', 'virtual/written.txt')).toString()).toBe('via virtual host');
    const listed = await virtual.send(new ListObjectsV2Command({ Bucket: 'awkward', Prefix: 'virtual/' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['virtual/written.txt']);
    await virtual.send(new DeleteObjectCommand({ Bucket: 'awkward', Key: 'virtual/written.txt' }));
    virtual.destroy();
  });

  it('never writes outside DATA_DIR, whatever the key says', () => {
    expect(fs.readFileSync('/etc/passwd')).toEqual(passwdBefore);
    const bases = [localAws.dataDir, path.join(localAws.dataDir, 'objects'), path.join(localAws.dataDir, 'tmp'), process.cwd(), os.tmpdir(), '/'];
    for (const key of AWKWARD_KEYS.filter((k) => k.includes(escapeMarker))) {
      for (const base of bases) expect(fs.existsSync(path.resolve(base, key)), `${base} + ${key}`).toBe(false);
      expect(fs.existsSync(key)).toBe(false);
    }
    // Everything local AWS wrote is the database or an object file named by an opaque id.
    for (const file of listFiles(localAws.dataDir)) {
      const relative = path.relative(localAws.dataDir, file);
      expect(relative, relative).toMatch(/^(local-aws\.sqlite(-wal|-shm)?|objects\/[0-9a-f]{2}\/[0-9a-f]{32})$/);
    }
  });
});

describe('persistence', () => {
  it('keeps every bucket and object, with the same ETag and bytes, across a restart', async () => {
    const before = await snapshot(s3);
    expect(before.length).toBeGreaterThan(20);
    s3.destroy();
    localAws = await localAws.restart();
    s3 = pathStyleClient(localAws.endpoint);
    const after = await snapshot(s3);
    expect(after).toEqual(before);
  });
});

async function snapshot(client: S3Client) {
  const entries: { bucket: string; region?: string; key: string; etag?: string; md5: string; contentType?: string; metadata?: Record<string, string> }[] = [];
  const { Buckets } = await client.send(new ListBucketsCommand({}));
  for (const bucket of Buckets ?? []) {
    const { BucketRegion } = await client.send(new HeadBucketCommand({ Bucket: bucket.Name! }));
    const { Contents } = await client.send(new ListObjectsV2Command({ Bucket: bucket.Name! }));
    entries.push({ bucket: bucket.Name!, region: BucketRegion, key: '', md5: '' });
    for (const object of Contents ?? []) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket.Name!, Key: object.Key! }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      entries.push({ bucket: bucket.Name!, key: object.Key!, etag: got.ETag, md5: md5Hex(bytes), contentType: got.ContentType, metadata: got.Metadata });
      expect(got.ETag).toBe(object.ETag);
    }
  }
  return entries;
}

function awsChunked(chunks: Buffer[], trailers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const chunk of chunks) parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  parts.push(Buffer.from('0\r\n'));
  for (const [name, value] of Object.entries(trailers)) parts.push(Buffer.from(`${name}:${value}\r\n`));
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function findObjectFiles(dataDir: string): string[] {
  const objects = path.join(dataDir, 'objects');
  return fs.existsSync(objects) ? listFiles(objects) : [];
}
