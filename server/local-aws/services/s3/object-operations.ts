import { XMLParser } from 'fast-xml-parser';
import { Transform, type Readable } from 'node:stream';
import { AwsError } from '../../errors';
import type { HttpResponse } from '../../protocols/service-definition';
import { flattened } from '../../protocols/xml-writer';
import type { RawRequest, RequestContext } from '../../request-context';
import { AwsChunkedDecoder } from './aws-chunked-decoder';
import { requireBucket, s3Xml } from './bucket-operations';
import { CHECKSUM_ALGORITHMS, ChecksumTap, type ChecksumAlgorithm } from './checksum-tap';
import { s3Errors, s3Headers } from './s3-errors';
import { MissingBucketError, type ObjectHeaders, type ObjectRecord, type S3Store } from './s3-store';

const MAX_KEY_BYTES = 1024;
const DELETE_OBJECTS_BODY_LIMIT = 2 * 1024 * 1024;

export interface ObjectLimits {
  /** Largest single PUT accepted (S3: 5 GiB). */
  maxObjectBytes: number;
}

function checkKey(key: string) {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw s3Errors.keyTooLong();
}

function header(request: RawRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function readObjectHeaders(request: RawRequest): ObjectHeaders {
  const encodings = (header(request, 'content-encoding') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'aws-chunked');
  return {
    contentType: header(request, 'content-type') ?? 'binary/octet-stream',
    contentEncoding: encodings.length > 0 ? encodings.join(',') : undefined,
    contentDisposition: header(request, 'content-disposition'),
    contentLanguage: header(request, 'content-language'),
    cacheControl: header(request, 'cache-control'),
    expires: header(request, 'expires'),
  };
}

function readUserMetadata(request: RawRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice(11)] = Array.isArray(value) ? value.join(',') : value;
  }
  return metadata;
}

/**
 * PutObject: the body streams to a temp file through the aws-chunked decoder (when used) and a
 * checksum tap; Content-MD5 and x-amz-checksum-* are verified before the object is switched in,
 * so a corrupt upload never replaces what was there.
 */
export async function putObject(
  store: S3Store,
  request: RawRequest,
  ctx: RequestContext,
  bucket: string,
  key: string,
  limits: ObjectLimits,
): Promise<HttpResponse> {
  checkKey(key);
  requireBucket(store, bucket);

  const chunked = (header(request, 'content-encoding') ?? '').includes('aws-chunked') ||
    (header(request, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
  const declaredLength = Number(header(request, chunked ? 'x-amz-decoded-content-length' : 'content-length') ?? NaN);
  if (Number.isFinite(declaredLength) && declaredLength > limits.maxObjectBytes) {
    request.message.resume();
    throw s3Errors.entityTooLarge(limits.maxObjectBytes);
  }

  const contentMd5 = header(request, 'content-md5');
  if (contentMd5 !== undefined && !/^[A-Za-z0-9+/]{22}==$/.test(contentMd5)) {
    request.message.resume();
    throw s3Errors.invalidDigest();
  }

  const trailerNames = (header(request, 'x-amz-trailer') ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const algorithm = checksumAlgorithmOf(request, trailerNames);
  const transforms: Transform[] = [];
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  if (decoder) transforms.push(decoder);
  const tap = algorithm ? new ChecksumTap(algorithm) : undefined;
  if (tap) transforms.push(tap);
  transforms.push(sizeLimit(limits.maxObjectBytes));

  const stored = await store.files.write(request.message as Readable, transforms);
  const discard = async (error: AwsError) => {
    await store.files.remove(stored.fileId);
    throw error;
  };

  if (contentMd5 !== undefined && Buffer.from(stored.md5Hex, 'hex').toString('base64') !== contentMd5) {
    await discard(s3Errors.badDigest());
  }
  if (Number.isFinite(declaredLength) && chunked && declaredLength !== stored.size) {
    await discard(new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400));
  }
  const checksums: Record<string, string> = {};
  if (tap && algorithm) {
    const headerName = `x-amz-checksum-${algorithm.toLowerCase()}`;
    const expected = header(request, headerName) ?? decoder?.trailers[headerName];
    const actual = tap.digestBase64();
    if (expected !== undefined && expected !== actual) {
      await discard(
        new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400),
      );
    }
    checksums[algorithm] = actual;
  }

  let record: ObjectRecord;
  try {
    record = await store.commitObject(bucket, key, stored, readObjectHeaders(request), readUserMetadata(request), checksums);
  } catch (error) {
    if (error instanceof MissingBucketError) throw s3Errors.noSuchBucket(bucket);
    throw error;
  }
  const headers: Record<string, string> = { ...s3Headers(ctx), etag: record.etag };
  for (const [name, value] of Object.entries(checksums)) headers[`x-amz-checksum-${name.toLowerCase()}`] = value;
  return { status: 200, headers };
}

function checksumAlgorithmOf(request: RawRequest, trailerNames: string[]): ChecksumAlgorithm | undefined {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const name = `x-amz-checksum-${algorithm.toLowerCase()}`;
    if (header(request, name) !== undefined || trailerNames.includes(name)) return algorithm;
  }
  const declared = header(request, 'x-amz-sdk-checksum-algorithm')?.toUpperCase();
  return CHECKSUM_ALGORITHMS.find((a) => a === declared);
}

function sizeLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(s3Errors.entityTooLarge(limit));
      else callback(null, chunk);
    },
  });
}

function objectHeaders(record: ObjectRecord, request: RawRequest, ctx: RequestContext): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    ...s3Headers(ctx),
    etag: record.etag,
    'last-modified': record.lastModified.toUTCString(),
    'content-type': request.query.get('response-content-type') ?? record.contentType ?? 'binary/octet-stream',
    'accept-ranges': 'bytes',
  };
  const optional: [string, string | undefined][] = [
    ['content-encoding', request.query.get('response-content-encoding') ?? record.contentEncoding],
    ['content-disposition', request.query.get('response-content-disposition') ?? record.contentDisposition],
    ['content-language', request.query.get('response-content-language') ?? record.contentLanguage],
    ['cache-control', request.query.get('response-cache-control') ?? record.cacheControl],
    ['expires', request.query.get('response-expires') ?? record.expires],
  ];
  for (const [name, value] of optional) if (value !== undefined) headers[name] = value;
  for (const [name, value] of Object.entries(record.userMetadata)) headers[`x-amz-meta-${name}`] = value;
  if (header(request, 'x-amz-checksum-mode') === 'ENABLED') {
    for (const [name, value] of Object.entries(record.checksums)) headers[`x-amz-checksum-${name.toLowerCase()}`] = value;
  }
  return headers;
}

/** If-Match / If-None-Match / If-(Un)Modified-Since, evaluated as S3 does. */
function checkConditions(record: ObjectRecord, request: RawRequest) {
  const ifMatch = header(request, 'if-match');
  const ifNoneMatch = header(request, 'if-none-match');
  const ifModifiedSince = header(request, 'if-modified-since');
  const ifUnmodifiedSince = header(request, 'if-unmodified-since');
  const etagMatches = (list: string) => list.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === record.etag || `"${tag.trim()}"` === record.etag);
  const modifiedSeconds = Math.floor(record.lastModified.getTime() / 1000);
  if (ifMatch !== undefined && !etagMatches(ifMatch)) throw s3Errors.preconditionFailed('If-Match');
  if (ifMatch === undefined && ifUnmodifiedSince !== undefined) {
    const since = Date.parse(ifUnmodifiedSince);
    if (!Number.isNaN(since) && modifiedSeconds > Math.floor(since / 1000)) throw s3Errors.preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch)) throw s3Errors.notModified();
  if (ifNoneMatch === undefined && ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    if (!Number.isNaN(since) && modifiedSeconds <= Math.floor(since / 1000)) throw s3Errors.notModified();
  }
}

function requireObject(store: S3Store, bucket: string, key: string): ObjectRecord {
  requireBucket(store, bucket);
  const record = store.getObject(bucket, key);
  if (!record) throw s3Errors.noSuchKey(key);
  return record;
}

export function headObject(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string, key: string): HttpResponse {
  const record = requireObject(store, bucket, key);
  checkConditions(record, request);
  return { status: 200, headers: { ...objectHeaders(record, request, ctx), 'content-length': record.size } };
}

export function getObject(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string, key: string): HttpResponse {
  const record = requireObject(store, bucket, key);
  checkConditions(record, request);
  const headers = objectHeaders(record, request, ctx);
  const rangeHeader = header(request, 'range');
  const range = rangeHeader ? parseRange(rangeHeader, record.size) : undefined;
  if (range) {
    delete headers['x-amz-checksum-crc32'];
    delete headers['x-amz-checksum-crc32c'];
    delete headers['x-amz-checksum-sha1'];
    delete headers['x-amz-checksum-sha256'];
    return {
      status: 206,
      headers: { ...headers, 'content-length': range.end - range.start + 1, 'content-range': `bytes ${range.start}-${range.end}/${record.size}` },
      body: store.files.read(record.fileId, range),
    };
  }
  return { status: 200, headers: { ...headers, 'content-length': record.size }, body: record.size === 0 ? Buffer.alloc(0) : store.files.read(record.fileId) };
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`. A syntactically odd header is ignored, as HTTP says. */
export function parseRange(value: string, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) throw s3Errors.invalidRange(size, value);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return undefined;
  }
  if (start >= size || size === 0) throw s3Errors.invalidRange(size, value);
  return { start, end };
}

export async function deleteObject(store: S3Store, ctx: RequestContext, bucket: string, key: string): Promise<HttpResponse> {
  requireBucket(store, bucket);
  await store.deleteObject(bucket, key);
  return { status: 204, headers: s3Headers(ctx) };
}

/** CopyObject: `x-amz-copy-source: /bucket/key` (URL-encoded), metadata copied or replaced. */
export async function copyObject(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string, key: string): Promise<HttpResponse> {
  checkKey(key);
  requireBucket(store, bucket);
  const rawSource = header(request, 'x-amz-copy-source')!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawSource.split('?')[0]);
  } catch {
    throw s3Errors.invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', rawSource);
  }
  const sourcePath = decoded.replace(/^\//, '');
  const slash = sourcePath.indexOf('/');
  if (slash <= 0 || slash === sourcePath.length - 1) {
    throw s3Errors.invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', rawSource);
  }
  const sourceBucket = sourcePath.slice(0, slash);
  const sourceKey = sourcePath.slice(slash + 1);
  const source = requireObject(store, sourceBucket, sourceKey);
  const directive = header(request, 'x-amz-metadata-directive') ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw s3Errors.invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  }
  if (sourceBucket === bucket && sourceKey === key && directive === 'COPY') {
    throw s3Errors.invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const conditions = {
    'if-match': header(request, 'x-amz-copy-source-if-match'),
    'if-none-match': header(request, 'x-amz-copy-source-if-none-match'),
  };
  if (conditions['if-match'] !== undefined && conditions['if-match'].trim() !== source.etag && `"${conditions['if-match'].trim()}"` !== source.etag) {
    throw s3Errors.preconditionFailed('x-amz-copy-source-If-Match');
  }
  if (conditions['if-none-match'] !== undefined && (conditions['if-none-match'].trim() === source.etag || `"${conditions['if-none-match'].trim()}"` === source.etag)) {
    throw s3Errors.preconditionFailed('x-amz-copy-source-If-None-Match');
  }
  const stored = await store.files.copy(source.fileId);
  const replace = directive === 'REPLACE';
  const headers: ObjectHeaders = replace
    ? readObjectHeaders(request)
    : {
        contentType: source.contentType,
        contentEncoding: source.contentEncoding,
        contentDisposition: source.contentDisposition,
        contentLanguage: source.contentLanguage,
        cacheControl: source.cacheControl,
        expires: source.expires,
      };
  let record: ObjectRecord;
  try {
    record = await store.commitObject(bucket, key, stored, headers, replace ? readUserMetadata(request) : source.userMetadata, source.checksums);
  } catch (error) {
    if (error instanceof MissingBucketError) throw s3Errors.noSuchBucket(bucket);
    throw error;
  }
  return s3Xml(ctx, 'CopyObjectResult', { LastModified: record.lastModified, ETag: record.etag });
}

/** DeleteObjects: up to 1000 keys, per-key results, Quiet mode reports only errors. */
export async function deleteObjects(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string): Promise<HttpResponse> {
  requireBucket(store, bucket);
  const body = (await request.readBody(DELETE_OBJECTS_BODY_LIMIT)).toString('utf8');
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'Object' });
  let parsed: { Delete?: { Object?: { Key?: unknown }[]; Quiet?: string } | '' };
  try {
    parsed = parser.parse(body, true);
  } catch {
    throw s3Errors.malformedXml();
  }
  const request_ = parsed.Delete;
  if (request_ === undefined || request_ === '' || !Array.isArray(request_.Object) || request_.Object.length === 0) {
    throw s3Errors.malformedXml();
  }
  if (request_.Object.length > 1000) throw s3Errors.malformedXml();
  const quiet = String(request_.Quiet ?? 'false').toLowerCase() === 'true';
  const deleted: { Key: string }[] = [];
  const errors: { Key: string; Code: string; Message: string }[] = [];
  for (const entry of request_.Object) {
    const key = typeof entry.Key === 'string' ? entry.Key : entry.Key === undefined ? undefined : String(entry.Key);
    if (key === undefined || key === '') throw s3Errors.malformedXml();
    if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
      errors.push({ Key: key, Code: 'KeyTooLongError', Message: 'Your key is too long' });
      continue;
    }
    await store.deleteObject(bucket, key);
    deleted.push({ Key: key });
  }
  return s3Xml(ctx, 'DeleteResult', {
    Deleted: flattened(quiet ? [] : deleted),
    Error: flattened(errors),
  });
}
