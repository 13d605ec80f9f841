import { XMLParser } from 'fast-xml-parser';
import { AwsError } from '../../errors';
import type { HttpResponse } from '../../protocols/service-definition';
import { flattened } from '../../protocols/xml-writer';
import type { RawRequest, RequestContext } from '../../request-context';
import { requireBucket, s3Xml } from './bucket-operations';
import { parseCopySource } from './copy-source';
import { header, readObjectHeaders, readUserMetadata } from './object-request-headers';
import { receiveBody, verifyBufferedBody } from './receive-body';
import { s3Errors, s3Headers } from './s3-errors';
import { etagListMatches } from './etag-match';
import { checkWriteCondition, readWriteCondition } from './write-conditions';
import { MissingBucketError, type ObjectHeaders, type ObjectRecord, type S3Store } from './s3-store';

const MAX_KEY_BYTES = 1024;
const DELETE_OBJECTS_BODY_LIMIT = 2 * 1024 * 1024;

export interface ObjectLimits {
  /** Largest single PUT accepted (S3: 5 GiB). */
  maxObjectBytes: number;
}

export function checkKey(key: string) {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw s3Errors.keyTooLong();
}

/** PutObject: the body is received and verified in full before the key is switched to it. */
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
  const condition = readWriteCondition(request);
  checkWriteCondition(condition, key, store.getObject(bucket, key)?.etag);
  const { stored, checksums } = await receiveBody(store, request, { maxBytes: limits.maxObjectBytes });
  let record: ObjectRecord;
  try {
    record = await store.commitObject(bucket, key, stored, readObjectHeaders(request), readUserMetadata(request), checksums, { condition });
  } catch (error) {
    if (error instanceof MissingBucketError) throw s3Errors.noSuchBucket(bucket);
    throw error;
  }
  const headers: Record<string, string> = { ...s3Headers(ctx), etag: record.etag };
  for (const [name, value] of Object.entries(checksums)) headers[`x-amz-checksum-${name.toLowerCase()}`] = value;
  return { status: 200, headers };
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
    for (const [name, value] of Object.entries(record.checksums)) {
      headers[`x-amz-checksum-${name.toLowerCase()}`] = value;
      // A multipart object's composite checksum ends in -<parts>; the SDK skips validating those.
      headers['x-amz-checksum-type'] = value.includes('-') ? 'COMPOSITE' : 'FULL_OBJECT';
    }
  }
  return headers;
}

/** If-Match / If-None-Match / If-(Un)Modified-Since, evaluated as S3 does. */
function checkConditions(record: ObjectRecord, request: RawRequest) {
  const ifMatch = header(request, 'if-match');
  const ifNoneMatch = header(request, 'if-none-match');
  const ifModifiedSince = header(request, 'if-modified-since');
  const ifUnmodifiedSince = header(request, 'if-unmodified-since');
  const etagMatches = (list: string) => etagListMatches(list, record.etag);
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
  const headers = objectHeaders(record, request, ctx);
  const part = partRange(record, request);
  if (part) return { status: 206, headers: { ...withoutChecksums(headers), ...partHeaders(record, part) } };
  return { status: 200, headers: { ...headers, 'content-length': record.size } };
}

export function getObject(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string, key: string): HttpResponse {
  const record = requireObject(store, bucket, key);
  checkConditions(record, request);
  const headers = objectHeaders(record, request, ctx);
  const part = partRange(record, request);
  if (part) {
    const body = part.end < part.start ? Buffer.alloc(0) : store.files.read(record.fileId, part);
    return { status: 206, headers: { ...withoutChecksums(headers), ...partHeaders(record, part) }, body };
  }
  const rangeHeader = header(request, 'range');
  const range = rangeHeader ? parseRange(rangeHeader, record.size) : undefined;
  if (range) {
    return {
      status: 206,
      headers: {
        ...withoutChecksums(headers),
        'content-length': range.end - range.start + 1,
        'content-range': `bytes ${range.start}-${range.end}/${record.size}`,
      },
      body: store.files.read(record.fileId, range),
    };
  }
  return { status: 200, headers: { ...headers, 'content-length': record.size }, body: record.size === 0 ? Buffer.alloc(0) : store.files.read(record.fileId) };
}

/** A whole-object checksum says nothing about a slice of it, so ranged answers drop it. */
function withoutChecksums(headers: Record<string, string | number>) {
  const kept = { ...headers };
  for (const name of Object.keys(kept)) if (name.startsWith('x-amz-checksum-')) delete kept[name];
  return kept;
}

/**
 * `?partNumber=N` on GetObject/HeadObject: the bytes part N of a multipart object occupied (what
 * parallel downloaders such as the Java and Go transfer managers ask for). Any other object is a
 * single part. Undefined when the request names no part.
 */
function partRange(record: ObjectRecord, request: RawRequest): { start: number; end: number } | undefined {
  const raw = request.query.get('partNumber');
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10_000) {
    throw s3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', raw);
  }
  if (header(request, 'range') !== undefined) throw s3Errors.invalidRequest('Cannot specify both Range header and partNumber query parameter');
  const sizes = record.partSizes ?? [record.size];
  const number = Number(raw);
  if (number > sizes.length) {
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, {
      PartNumberRequested: raw,
      ActualPartCount: String(sizes.length),
    });
  }
  const start = sizes.slice(0, number - 1).reduce((sum, size) => sum + size, 0);
  return { start, end: start + sizes[number - 1] - 1 };
}

function partHeaders(record: ObjectRecord, part: { start: number; end: number }): Record<string, string | number> {
  const length = part.end - part.start + 1;
  return {
    'content-length': length,
    // An empty object has no byte range to name.
    ...(length > 0 ? { 'content-range': `bytes ${part.start}-${part.end}/${record.size}` } : {}),
    ...(record.partSizes ? { 'x-amz-mp-parts-count': record.partSizes.length } : {}),
  };
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
  const condition = readWriteCondition(request);
  checkWriteCondition(condition, key, store.getObject(bucket, key)?.etag);
  const { bucket: sourceBucket, key: sourceKey } = parseCopySource(header(request, 'x-amz-copy-source')!);
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
  const sourceIfMatch = header(request, 'x-amz-copy-source-if-match');
  if (sourceIfMatch !== undefined && !etagListMatches(sourceIfMatch, source.etag)) throw s3Errors.preconditionFailed('x-amz-copy-source-If-Match');
  const sourceIfNoneMatch = header(request, 'x-amz-copy-source-if-none-match');
  if (sourceIfNoneMatch !== undefined && etagListMatches(sourceIfNoneMatch, source.etag)) throw s3Errors.preconditionFailed('x-amz-copy-source-If-None-Match');
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
    record = await store.commitObject(bucket, key, stored, headers, replace ? readUserMetadata(request) : source.userMetadata, source.checksums, { condition });
  } catch (error) {
    if (error instanceof MissingBucketError) throw s3Errors.noSuchBucket(bucket);
    throw error;
  }
  return s3Xml(ctx, 'CopyObjectResult', { LastModified: record.lastModified, ETag: record.etag });
}

/** DeleteObjects: up to 1000 keys, per-key results, Quiet mode reports only errors. */
export async function deleteObjects(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string): Promise<HttpResponse> {
  requireBucket(store, bucket);
  const raw = await request.readBody(DELETE_OBJECTS_BODY_LIMIT);
  verifyBufferedBody(request, raw);
  const body = raw.toString('utf8');
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
