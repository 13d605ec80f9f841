import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';
import { fakeAuthorization, rawRequest } from '../support/raw-http';

let localAws: LocalAwsProcess;
let s3: S3Client;

/**
 * 30 keys in several folders, nested folders, keys beside folders, and names whose UTF-16 order
 * differs from S3's UTF-8 byte order (U+FF46 sorts before U+1F600 in UTF-8, after it in UTF-16).
 */
const KEYS = [
  'root-1.txt',
  'root-2.txt',
  'a/1',
  'a/2',
  'a/3',
  'a/deep/1',
  'a/deep/2',
  'a/deep/er/1',
  'a-sibling',
  'b/1',
  'b/2',
  'b/x y',
  'c/only',
  'd/1',
  'd/2',
  'd/3',
  'd/4',
  'd/5',
  'e',
  'f/1',
  'logs/2024/01/01/x.gz',
  'logs/2024/01/02/x.gz',
  'logs/2024/02/01/x.gz',
  'logs/2025/01/01/x.gz',
  'über/1',
  'über/2',
  'ｆｕｌｌ/1',
  'ｆｕｌｌ/2',
  '😀/1',
  '😀/2',
  'z',
];

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** What S3 answers for a listing, computed the obvious way, to check pages against. */
function expected(prefix: string, delimiter?: string) {
  const contents: string[] = [];
  const prefixes = new Set<string>();
  for (const key of [...KEYS].sort(byteOrder)) {
    if (!key.startsWith(prefix)) continue;
    const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (at >= 0) prefixes.add(key.slice(0, at + delimiter!.length));
    else contents.push(key);
  }
  return { contents, prefixes: [...prefixes] };
}

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
  await Promise.all(KEYS.map((Key) => s3.send(new PutObjectCommand({ Bucket: 'listing', Key, Body: Key }))));
});
afterAll(async () => {
  await localAws?.stop();
});

async function pagesV2(input: { Prefix?: string; Delimiter?: string; MaxKeys?: number; StartAfter?: string }) {
  const contents: string[] = [];
  const prefixes: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', ...input, ContinuationToken: token }));
    pages++;
    const count = (page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0);
    expect(page.KeyCount).toBe(count);
    if (input.MaxKeys !== undefined) expect(count).toBeLessThanOrEqual(input.MaxKeys);
    if (page.IsTruncated) {
      expect(count).toBe(input.MaxKeys ?? 1000);
      expect(page.NextContinuationToken).toBeTruthy();
    }
    expect(page.ContinuationToken).toBe(token);
    contents.push(...(page.Contents ?? []).map((c) => c.Key!));
    prefixes.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    if (pages > 100) throw new Error('listing does not terminate');
  } while (token);
  return { contents, prefixes, pages };
}

async function pagesV1(input: { Prefix?: string; Delimiter?: string; MaxKeys?: number }) {
  const contents: string[] = [];
  const prefixes: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await s3.send(new ListObjectsCommand({ Bucket: 'listing', ...input, Marker: marker }));
    pages++;
    const pageContents = (page.Contents ?? []).map((c) => c.Key!);
    const pagePrefixes = (page.CommonPrefixes ?? []).map((p) => p.Prefix!);
    contents.push(...pageContents);
    prefixes.push(...pagePrefixes);
    if (!page.IsTruncated) break;
    // S3 gives NextMarker only with a delimiter; otherwise the client continues from the last key.
    if (input.Delimiter) expect(page.NextMarker).toBeTruthy();
    marker = page.NextMarker ?? pageContents.at(-1);
    if (pages > 100) throw new Error('listing does not terminate');
  }
  return { contents, prefixes, pages };
}

describe('ListObjectsV2', () => {
  it('lists every key in UTF-8 byte order', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing' }));
    expect(page.Contents?.map((c) => c.Key)).toEqual([...KEYS].sort(byteOrder));
    expect(page.IsTruncated).toBe(false);
    expect(page.KeyCount).toBe(KEYS.length);
    const first = page.Contents![0];
    expect(first.Size).toBe(Buffer.byteLength(first.Key!));
    expect(first.StorageClass).toBe('STANDARD');
    expect(first.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it.each([
    { Prefix: '', Delimiter: '/' },
    { Prefix: 'a/', Delimiter: '/' },
    { Prefix: 'logs/', Delimiter: '/' },
    { Prefix: 'logs/2024/', Delimiter: '/' },
    { Prefix: 'a', Delimiter: '/' },
    { Prefix: '', Delimiter: undefined },
    { Prefix: 'd/', Delimiter: undefined },
    { Prefix: '', Delimiter: '1' },
  ])('pages with MaxKeys 3 over prefix "$Prefix" delimiter "$Delimiter" with no duplicates or omissions', async ({ Prefix, Delimiter }) => {
    const want = expected(Prefix, Delimiter);
    const got = await pagesV2({ Prefix, Delimiter, MaxKeys: 3 });
    expect(got.contents).toEqual(want.contents);
    expect(got.prefixes).toEqual(want.prefixes);
    expect(got.pages).toBe(Math.max(1, Math.ceil((want.contents.length + want.prefixes.length) / 3)));
  });

  it('pages with every page size from 1 to 7 over the delimiter listing', async () => {
    const want = expected('', '/');
    for (let MaxKeys = 1; MaxKeys <= 7; MaxKeys++) {
      const got = await pagesV2({ Delimiter: '/', MaxKeys });
      expect({ MaxKeys, ...got, pages: 0 }).toEqual({ MaxKeys, ...want, pages: 0 });
    }
  });

  it('starts after StartAfter, which need not be a key', async () => {
    const got = await pagesV2({ StartAfter: 'd/3', MaxKeys: 4 });
    expect(got.contents).toEqual([...KEYS].sort(byteOrder).filter((k) => byteOrder(k, 'd/3') > 0));
    const fromGap = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'd/35', Delimiter: '/' }));
    expect(fromGap.StartAfter).toBe('d/35');
    expect(fromGap.Contents?.map((c) => c.Key)).toEqual(['e', 'root-1.txt', 'root-2.txt', 'z']);
    // d/ rolls up to a prefix that sorts before StartAfter's key, so it is not listed again.
    expect(fromGap.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['f/', 'logs/', 'über/', 'ｆｕｌｌ/', '😀/']);
  });

  it('honours MaxKeys 0 and caps MaxKeys at 1000', async () => {
    const none = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 0 }));
    expect(none.KeyCount).toBe(0);
    expect(none.Contents).toBeUndefined();
    const capped = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 5000 }));
    expect(capped.MaxKeys).toBe(1000);
  });

  it('rejects a continuation token it did not issue', async () => {
    try {
      await s3.send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: 'garbage' }));
      throw new Error('expected InvalidArgument');
    } catch (error) {
      expect((error as S3ServiceException).name).toBe('InvalidArgument');
    }
  });
});

describe('ListObjects (v1)', () => {
  it.each([
    { Prefix: '', Delimiter: '/' },
    { Prefix: 'logs/', Delimiter: '/' },
    { Prefix: '', Delimiter: undefined },
    { Prefix: 'a/', Delimiter: undefined },
  ])('pages with MaxKeys 3 over prefix "$Prefix" delimiter "$Delimiter" using markers', async ({ Prefix, Delimiter }) => {
    const want = expected(Prefix, Delimiter);
    const got = await pagesV1({ Prefix, Delimiter, MaxKeys: 3 });
    expect(got.contents).toEqual(want.contents);
    expect(got.prefixes).toEqual(want.prefixes);
  });

  it('returns Marker, MaxKeys and the owner of each object', async () => {
    const page = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Marker: 'logs/', MaxKeys: 2 }));
    expect(page.Marker).toBe('logs/');
    expect(page.MaxKeys).toBe(2);
    expect(page.Contents?.map((c) => c.Key)).toEqual(['logs/2024/01/01/x.gz', 'logs/2024/01/02/x.gz']);
    expect(page.Contents?.[0].Owner?.ID).toBe('000000000000');
    expect(page.IsTruncated).toBe(true);
  });
});

describe('encoding-type=url', () => {
  const ENCODED_KEYS = ['enc/with space', 'enc/plus+sign', 'enc/colon:key', 'enc/ünï 日本', 'enc/percent%41', 'enc/amp&lt;'];
  const decode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'encoded' }));
    for (const Key of ENCODED_KEYS) await s3.send(new PutObjectCommand({ Bucket: 'encoded', Key, Body: Key }));
  });

  it('URL-encodes keys, prefixes and the delimiter in V2 listings, and they decode to the stored keys', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'encoded', EncodingType: 'url', Prefix: 'enc/' }));
    expect(page.EncodingType).toBe('url');
    const keys = page.Contents!.map((c) => c.Key!);
    // Nothing that needs escaping survives unescaped (a raw space, '+', ':' or non-ASCII would).
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9\-_.!~*'()%/+]*$/);
    expect(keys.map(decode)).toEqual([...ENCODED_KEYS].sort(byteOrder));
    expect(page.Prefix && decode(page.Prefix)).toBe('enc/');

    const rolled = await s3.send(new ListObjectsV2Command({ Bucket: 'encoded', EncodingType: 'url', Delimiter: ' ', Prefix: 'enc/' }));
    expect(rolled.CommonPrefixes?.map((p) => decode(p.Prefix!))).toEqual(['enc/with ', 'enc/ünï ']);
    expect(decode(rolled.Delimiter!)).toBe(' ');
  });

  it('URL-encodes V1 listings the same way, including NextMarker', async () => {
    const page = await s3.send(new ListObjectsCommand({ Bucket: 'encoded', EncodingType: 'url', Delimiter: '/', Prefix: 'enc/', MaxKeys: 2 }));
    expect(page.EncodingType).toBe('url');
    expect(page.Contents!.map((c) => decode(c.Key!))).toEqual([...ENCODED_KEYS].sort(byteOrder).slice(0, 2));
    expect(decode(page.NextMarker!)).toBe([...ENCODED_KEYS].sort(byteOrder)[1]);
  });

  it('rejects an unknown encoding type with InvalidArgument', async () => {
    const response = await rawRequest(localAws.port, { path: '/encoded?list-type=2&encoding-type=base64', headers: fakeAuthorization('s3') });
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Code>InvalidArgument</Code>');
  });
});
