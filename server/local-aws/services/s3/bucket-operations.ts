import { XMLParser } from 'fast-xml-parser';
import { bucketNameProblem } from './bucket-name-message';
import { AwsError } from '../../errors';
import type { HttpResponse } from '../../protocols/service-definition';
import { XML_DECLARATION, flattened, writeElement, type XmlTree } from '../../protocols/xml-writer';
import type { RawRequest, RequestContext } from '../../request-context';
import { listObjects } from './list-objects';
import { s3Errors, s3Headers } from './s3-errors';
import type { S3Store } from './s3-store';

const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const BUCKET_CONFIG_LIMIT = 64 * 1024;

export function s3Xml(ctx: RequestContext, root: string, tree: XmlTree, status = 200): HttpResponse {
  const body = XML_DECLARATION + writeElement(root, tree, { listMember: 'member' }, ` xmlns="${S3_XMLNS}"`);
  return { status, headers: { ...s3Headers(ctx), 'content-type': 'application/xml' }, body };
}

export function owner(ctx: RequestContext) {
  return { ID: ctx.accountId, DisplayName: 'local-aws' };
}

export function requireBucket(store: S3Store, bucket: string) {
  const record = store.getBucket(bucket);
  if (!record) throw s3Errors.noSuchBucket(bucket);
  return record;
}

export function listBuckets(store: S3Store, ctx: RequestContext): HttpResponse {
  const buckets = store.listBuckets();
  return s3Xml(ctx, 'ListAllMyBucketsResult', {
    Owner: owner(ctx),
    Buckets: { Bucket: flattened(buckets.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region }))) },
  });
}

export async function createBucket(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string): Promise<HttpResponse> {
  const problem = bucketNameProblem(bucket);
  if (problem) throw s3Errors.invalidBucketName(bucket, problem);
  const body = (await request.readBody(BUCKET_CONFIG_LIMIT)).toString('utf8').trim();
  let region = ctx.region;
  if (body !== '') {
    const constraint = parseLocationConstraint(body);
    if (constraint !== undefined && constraint !== '' && constraint !== ctx.region) {
      throw new AwsError(
        'IllegalLocationConstraintException',
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      );
    }
    if (constraint) region = constraint;
  }
  if (!store.createBucket(bucket, region)) {
    // us-east-1 keeps S3's legacy answer: creating a bucket you already own there succeeds (and
    // changes nothing); every other Region says BucketAlreadyOwnedByYou.
    if (region === 'us-east-1' && store.getBucket(bucket)?.region === 'us-east-1') {
      return { status: 200, headers: { ...s3Headers(ctx), location: `/${bucket}` } };
    }
    throw s3Errors.bucketAlreadyOwnedByYou(bucket);
  }
  return { status: 200, headers: { ...s3Headers(ctx), location: `/${bucket}` } };
}

function parseLocationConstraint(xml: string): string | undefined {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(xml, true) as Record<string, unknown>;
  } catch {
    throw s3Errors.malformedXml();
  }
  const config = parsed.CreateBucketConfiguration;
  if (config === undefined) throw s3Errors.malformedXml();
  if (config === '' || typeof config !== 'object') return undefined;
  const constraint = (config as Record<string, unknown>).LocationConstraint;
  return constraint === undefined ? undefined : String(constraint);
}

export function headBucket(store: S3Store, ctx: RequestContext, bucket: string): HttpResponse {
  const record = requireBucket(store, bucket);
  return { status: 200, headers: { ...s3Headers(ctx), 'x-amz-bucket-region': record.region } };
}

export async function deleteBucket(store: S3Store, ctx: RequestContext, bucket: string): Promise<HttpResponse> {
  const outcome = await store.deleteBucket(bucket);
  if (outcome === 'missing') throw s3Errors.noSuchBucket(bucket);
  if (outcome === 'not-empty') throw s3Errors.bucketNotEmpty(bucket);
  return { status: 204, headers: s3Headers(ctx) };
}

export function getBucketLocation(store: S3Store, ctx: RequestContext, bucket: string): HttpResponse {
  const record = requireBucket(store, bucket);
  const body = `${XML_DECLARATION}<LocationConstraint xmlns="${S3_XMLNS}">${record.region === 'us-east-1' ? '' : record.region}</LocationConstraint>`;
  return { status: 200, headers: { ...s3Headers(ctx), 'content-type': 'application/xml' }, body };
}

export function getBucketVersioning(store: S3Store, ctx: RequestContext, bucket: string): HttpResponse {
  requireBucket(store, bucket);
  return s3Xml(ctx, 'VersioningConfiguration', {});
}

function readMaxKeys(request: RawRequest): number {
  const raw = request.query.get('max-keys');
  if (raw === null || raw === '') return 1000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw s3Errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  }
  return Math.min(value, 1000);
}

function readEncodingType(request: RawRequest): 'url' | undefined {
  const raw = request.query.get('encoding-type');
  if (raw === null) return undefined;
  if (raw !== 'url') throw s3Errors.invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', raw);
  return 'url';
}

/** ListObjectsV2 and the older ListObjects share the listing; only the paging fields differ. */
export function listObjectsResponse(store: S3Store, request: RawRequest, ctx: RequestContext, bucket: string, version: 1 | 2): HttpResponse {
  requireBucket(store, bucket);
  const prefix = request.query.get('prefix') ?? '';
  const delimiter = request.query.get('delimiter') || undefined;
  const maxKeys = readMaxKeys(request);
  const encodingType = readEncodingType(request);
  const encode = (value: string) => (encodingType ? encodeURIComponent(value) : value);

  let after: string | undefined;
  const continuationToken = request.query.get('continuation-token') ?? undefined;
  const startAfter = request.query.get('start-after') ?? undefined;
  const marker = request.query.get('marker') ?? undefined;
  if (version === 2) {
    if (continuationToken !== undefined) after = decodeContinuationToken(continuationToken);
    else if (startAfter) after = startAfter;
  } else if (marker) {
    after = marker;
  }

  const page = listObjects(store, { bucket, prefix, delimiter, maxKeys, after });
  const fetchOwner = version === 1 || request.query.get('fetch-owner') === 'true';
  const contents = flattened(
    page.contents.map((object) => ({
      Key: encode(object.key),
      LastModified: object.lastModified,
      ETag: object.etag,
      ...(Object.keys(object.checksums).length > 0 ? { ChecksumAlgorithm: Object.keys(object.checksums)[0] } : {}),
      Size: object.size,
      ...(fetchOwner ? { Owner: owner(ctx) } : {}),
      StorageClass: 'STANDARD',
    })),
  );
  const commonPrefixes = flattened(page.commonPrefixes.map((p) => ({ Prefix: encode(p) })));

  if (version === 2) {
    return s3Xml(ctx, 'ListBucketResult', {
      Name: bucket,
      Prefix: encode(prefix),
      ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
      MaxKeys: maxKeys,
      ...(encodingType ? { EncodingType: encodingType } : {}),
      KeyCount: page.contents.length + page.commonPrefixes.length,
      IsTruncated: page.isTruncated,
      ...(continuationToken !== undefined ? { ContinuationToken: continuationToken } : {}),
      ...(page.isTruncated && page.lastReturned !== undefined ? { NextContinuationToken: encodeContinuationToken(page.lastReturned) } : {}),
      ...(startAfter ? { StartAfter: encode(startAfter) } : {}),
      Contents: contents,
      CommonPrefixes: commonPrefixes,
    });
  }
  return s3Xml(ctx, 'ListBucketResult', {
    Name: bucket,
    Prefix: encode(prefix),
    Marker: encode(marker ?? ''),
    // S3 returns NextMarker only with a delimiter; without one clients continue from the last key.
    ...(page.isTruncated && delimiter && page.lastReturned !== undefined ? { NextMarker: encode(page.lastReturned) } : {}),
    MaxKeys: maxKeys,
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    ...(encodingType ? { EncodingType: encodingType } : {}),
    IsTruncated: page.isTruncated,
    Contents: contents,
    CommonPrefixes: commonPrefixes,
  });
}

function encodeContinuationToken(lastReturned: string) {
  return Buffer.from(`v1:${lastReturned}`, 'utf8').toString('base64');
}

function decodeContinuationToken(token: string): string {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  if (!decoded.startsWith('v1:')) throw s3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return decoded.slice(3);
}
