import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { HttpResponse } from '../../protocols/service-definition';
import { flattened, type XmlTree } from '../../protocols/xml-writer';
import type { RawRequest, RequestContext } from '../../request-context';
import { owner, requireBucket, s3Xml } from './bucket-operations';
import { CHECKSUM_ALGORITHMS, ChecksumTap, checksumBase64, type ChecksumAlgorithm } from './checksum-tap';
import { commonPrefixOf, compareKeys } from './list-objects';
import type { ChecksumType, MultipartStore, PartRecord, UploadRecord } from './multipart-store';
import { checkKey, parseRange, type ObjectLimits } from './object-operations';
import { header, readObjectHeaders, readUserMetadata } from './object-request-headers';
import { checksumAlgorithmOf, receiveBody } from './receive-body';
import { parseCopySource } from './copy-source';
import { checkWriteCondition, readWriteCondition } from './write-conditions';
import { s3Errors, s3Headers } from './s3-errors';
import type { S3Store } from './s3-store';

/** S3's minimum size for every part but the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;
const COMPLETE_BODY_LIMIT = 4 * 1024 * 1024;

export interface MultipartContext {
  store: S3Store;
  multipart: MultipartStore;
  limits: ObjectLimits;
}

/** CreateMultipartUpload: `POST /bucket/key?uploads`. Object headers and metadata are fixed here. */
export function createMultipartUpload(mp: MultipartContext, request: RawRequest, ctx: RequestContext, bucket: string, key: string): HttpResponse {
  checkKey(key);
  requireBucket(mp.store, bucket);
  const { algorithm, type } = declaredChecksum(request);
  const upload = mp.multipart.createUpload({
    bucket,
    key,
    headers: readObjectHeaders(request),
    userMetadata: readUserMetadata(request),
    checksumAlgorithm: algorithm,
    checksumType: type,
  });
  const response = s3Xml(ctx, 'InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: upload.uploadId });
  if (algorithm) response.headers['x-amz-checksum-algorithm'] = algorithm;
  if (type) response.headers['x-amz-checksum-type'] = type;
  return response;
}

function declaredChecksum(request: RawRequest): { algorithm?: ChecksumAlgorithm; type?: ChecksumType } {
  const rawAlgorithm = header(request, 'x-amz-checksum-algorithm')?.toUpperCase();
  const rawType = header(request, 'x-amz-checksum-type')?.toUpperCase();
  if (rawAlgorithm === undefined) {
    if (rawType !== undefined) throw s3Errors.invalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
    return {};
  }
  const algorithm = CHECKSUM_ALGORITHMS.find((a) => a === rawAlgorithm);
  if (!algorithm) {
    throw s3Errors.invalidRequest(`Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]`);
  }
  if (rawType !== undefined && rawType !== 'COMPOSITE' && rawType !== 'FULL_OBJECT') {
    throw s3Errors.invalidRequest(`Value for x-amz-checksum-type header is invalid: ${rawType}`);
  }
  // S3 has no full-object SHA checksums: they cannot be combined from parts.
  if (rawType === 'FULL_OBJECT' && (algorithm === 'SHA1' || algorithm === 'SHA256')) {
    throw s3Errors.invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  // CRC64NVME exists only as a checksum of the whole object, which is also its default.
  if (algorithm === 'CRC64NVME') {
    if (rawType === 'COMPOSITE') throw s3Errors.invalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
    return { algorithm, type: 'FULL_OBJECT' };
  }
  return { algorithm, type: (rawType as ChecksumType | undefined) ?? 'COMPOSITE' };
}

function requireUpload(mp: MultipartContext, bucket: string, key: string, uploadId: string): UploadRecord {
  requireBucket(mp.store, bucket);
  const upload = mp.multipart.getUpload(bucket, key, uploadId);
  if (!upload) throw s3Errors.noSuchUpload(uploadId);
  return upload;
}

function readPartNumber(request: RawRequest): number {
  const raw = request.query.get('partNumber') ?? '';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_PART_NUMBER) {
    throw s3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', raw);
  }
  return value;
}

/** UploadPart: `PUT /bucket/key?partNumber=N&uploadId=…`, verified like PutObject (aws-chunked, MD5, checksums). */
export async function uploadPart(mp: MultipartContext, request: RawRequest, ctx: RequestContext, bucket: string, key: string, uploadId: string): Promise<HttpResponse> {
  const partNumber = readPartNumber(request);
  const upload = requireUpload(mp, bucket, key, uploadId);
  const sent = checksumAlgorithmOf(request);
  if (upload.checksumAlgorithm && sent && sent !== upload.checksumAlgorithm) {
    throw s3Errors.invalidRequest(
      `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${sent.toLowerCase()}`,
    );
  }
  const { stored, checksums } = await receiveBody(mp.store, request, { maxBytes: mp.limits.maxObjectBytes, defaultAlgorithm: upload.checksumAlgorithm });
  const part = await mp.multipart.commitPart(upload, partNumber, stored, checksums);
  if (!part) throw s3Errors.noSuchUpload(uploadId);
  return { status: 200, headers: { ...s3Headers(ctx), etag: part.etag, ...checksumHeaders(part.checksums) } };
}

/** UploadPartCopy: a part taken from an existing object, optionally a byte range of it. */
export async function uploadPartCopy(mp: MultipartContext, request: RawRequest, ctx: RequestContext, bucket: string, key: string, uploadId: string): Promise<HttpResponse> {
  const partNumber = readPartNumber(request);
  const upload = requireUpload(mp, bucket, key, uploadId);
  const { bucket: sourceBucket, key: sourceKey } = parseCopySource(header(request, 'x-amz-copy-source')!);
  requireBucket(mp.store, sourceBucket);
  const source = mp.store.getObject(sourceBucket, sourceKey);
  if (!source) throw s3Errors.noSuchKey(sourceKey);
  const rangeHeader = header(request, 'x-amz-copy-source-range');
  let range: { start: number; end: number } | undefined;
  if (rangeHeader !== undefined) {
    range = parseRange(rangeHeader, source.size);
    // Unlike GET, a copy range must be exact: `bytes=first-last`, within the object.
    if (!range || !/^bytes=\d+-\d+$/.test(rangeHeader.trim()) || Number(rangeHeader.trim().split('-')[1]) >= source.size) {
      throw s3Errors.invalidArgument(
        'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
        'x-amz-copy-source-range',
        rangeHeader,
      );
    }
  }
  const algorithm = upload.checksumAlgorithm;
  const tap = algorithm ? new ChecksumTap(algorithm) : undefined;
  const stored = await mp.store.files.write(mp.store.files.read(source.fileId, range), tap ? [tap] : []);
  const checksums: Record<string, string> = tap && algorithm ? { [algorithm]: tap.digestBase64() } : {};
  const part = await mp.multipart.commitPart(upload, partNumber, stored, checksums);
  if (!part) throw s3Errors.noSuchUpload(uploadId);
  return s3Xml(ctx, 'CopyPartResult', { LastModified: part.lastModified, ETag: part.etag, ...checksumElements(part.checksums) });
}

interface RequestedPart {
  partNumber: number;
  etag: string;
  checksums: Record<string, string>;
}

function parseCompleteRequest(xml: string): RequestedPart[] {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'Part' });
  let parsed: { CompleteMultipartUpload?: { Part?: Record<string, unknown>[] } | '' };
  try {
    parsed = parser.parse(xml, true);
  } catch {
    throw s3Errors.malformedXml();
  }
  const root = parsed.CompleteMultipartUpload;
  if (root === undefined || root === '' || !Array.isArray(root.Part) || root.Part.length === 0 || root.Part.length > MAX_PART_NUMBER) {
    throw s3Errors.malformedXml();
  }
  return root.Part.map((part) => {
    const number = String(part.PartNumber ?? '');
    if (!/^\d+$/.test(number) || typeof part.ETag !== 'string') throw s3Errors.malformedXml();
    const checksums: Record<string, string> = {};
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = part[`Checksum${algorithm}`];
      if (typeof value === 'string' && value !== '') checksums[algorithm] = value;
    }
    return { partNumber: Number(number), etag: part.ETag, checksums };
  });
}

const unquote = (etag: string) => etag.trim().replace(/^"(.*)"$/, '$1');

/**
 * CompleteMultipartUpload: the listed parts, which must exist, match their ETags and ascend, are
 * concatenated into one new object file; the object's ETag is S3's md5-of-part-md5s-N.
 */
export async function completeMultipartUpload(
  mp: MultipartContext,
  request: RawRequest,
  ctx: RequestContext,
  bucket: string,
  key: string,
  uploadId: string,
): Promise<HttpResponse> {
  const upload = requireUpload(mp, bucket, key, uploadId);
  const condition = readWriteCondition(request);
  checkWriteCondition(condition, key, mp.store.getObject(bucket, key)?.etag);
  const requested = parseCompleteRequest((await request.readBody(COMPLETE_BODY_LIMIT)).toString('utf8'));
  for (let i = 1; i < requested.length; i++) {
    if (requested[i].partNumber <= requested[i - 1].partNumber) throw s3Errors.invalidPartOrder(uploadId);
  }
  const stored = new Map(mp.multipart.listParts(uploadId).map((part) => [part.partNumber, part]));
  const parts: PartRecord[] = requested.map((wanted) => {
    const part = stored.get(wanted.partNumber);
    const checksumsMatch = part && Object.entries(wanted.checksums).every(([algorithm, value]) => part.checksums[algorithm] === value);
    if (!part || unquote(part.etag) !== unquote(wanted.etag) || !checksumsMatch) {
      throw s3Errors.invalidPart(uploadId, wanted.partNumber, wanted.etag);
    }
    return part;
  });
  parts.forEach((part, index) => {
    if (index < parts.length - 1 && part.size < MIN_PART_BYTES) throw s3Errors.entityTooSmall(part.size, MIN_PART_BYTES, part.partNumber, part.etag);
  });

  const etag = `"${createHash('md5')
    .update(Buffer.concat(parts.map((part) => Buffer.from(part.md5Hex, 'hex'))))
    .digest('hex')}-${parts.length}"`;

  // A full-object checksum (declared at creation, or sent with this request) is computed as the
  // parts stream into the new file; a composite one is the checksum of the parts' checksums. A
  // value the client sends is checked against whichever of the two it is (composites end in -N).
  const sent = CHECKSUM_ALGORITHMS.map((algorithm) => ({ algorithm, value: header(request, `x-amz-checksum-${algorithm.toLowerCase()}`) })).find(
    (entry): entry is { algorithm: ChecksumAlgorithm; value: string } => entry.value !== undefined,
  );
  const sentIsComposite = sent?.value.includes('-') ?? false;
  const fullObjectAlgorithm = upload.checksumType === 'FULL_OBJECT' ? upload.checksumAlgorithm : sent && !sentIsComposite ? sent.algorithm : undefined;
  const tap = fullObjectAlgorithm ? new ChecksumTap(fullObjectAlgorithm) : undefined;
  const assembled = await mp.multipart.assemble(parts, tap ? [tap] : []);
  const fullObject = tap?.digestBase64();
  let composite: string | undefined;
  if (upload.checksumType === 'COMPOSITE' && upload.checksumAlgorithm) {
    const algorithm = upload.checksumAlgorithm;
    if (parts.every((part) => part.checksums[algorithm])) {
      const joined = Buffer.concat(parts.map((part) => Buffer.from(part.checksums[algorithm], 'base64')));
      composite = `${checksumBase64(algorithm, joined)}-${parts.length}`;
    }
  }
  if (sent) {
    const computed = sentIsComposite ? (sent.algorithm === upload.checksumAlgorithm ? composite : undefined) : fullObject;
    if (computed !== undefined && computed !== sent.value) {
      await mp.store.files.remove(assembled.fileId);
      throw s3Errors.checksumMismatch(sent.algorithm);
    }
  }
  // The object keeps the kind of checksum its upload declared; an undeclared one, what was sent.
  const checksums: Record<string, string> = {};
  if (composite !== undefined) checksums[upload.checksumAlgorithm!] = composite;
  else if (fullObjectAlgorithm && fullObject !== undefined) checksums[fullObjectAlgorithm] = fullObject;

  const record = await mp.multipart.complete(upload, parts, assembled, etag, checksums, condition);
  if (record === 'gone') throw s3Errors.noSuchUpload(uploadId);
  const location = `${ctx.endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const response = s3Xml(ctx, 'CompleteMultipartUploadResult', {
    Location: location,
    Bucket: bucket,
    Key: key,
    ETag: record.etag,
    ...checksumElements(checksums, true),
  });
  return response;
}

/** AbortMultipartUpload: `DELETE /bucket/key?uploadId=…`; the parts' files go with it. */
export async function abortMultipartUpload(mp: MultipartContext, ctx: RequestContext, bucket: string, key: string, uploadId: string): Promise<HttpResponse> {
  requireUpload(mp, bucket, key, uploadId);
  if (!(await mp.multipart.abortUpload(uploadId))) throw s3Errors.noSuchUpload(uploadId);
  return { status: 204, headers: s3Headers(ctx) };
}

function readLimit(request: RawRequest, name: string): number {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return 1000;
  if (!/^\d+$/.test(raw)) throw s3Errors.invalidArgument(`Provided ${name} not an integer or within integer range`, name, raw);
  return Math.min(Number(raw), 1000);
}

/** ListParts: `GET /bucket/key?uploadId=…`, paged by part-number-marker. */
export function listParts(mp: MultipartContext, request: RawRequest, ctx: RequestContext, bucket: string, key: string, uploadId: string): HttpResponse {
  const upload = requireUpload(mp, bucket, key, uploadId);
  const maxParts = readLimit(request, 'max-parts');
  const markerRaw = request.query.get('part-number-marker') ?? '';
  if (markerRaw !== '' && !/^\d+$/.test(markerRaw)) throw s3Errors.invalidArgument('Provided part-number-marker not an integer', 'part-number-marker', markerRaw);
  const marker = markerRaw === '' ? 0 : Number(markerRaw);
  const found = mp.multipart.listParts(uploadId, marker, maxParts + 1);
  const page = found.slice(0, maxParts);
  const isTruncated = found.length > maxParts;
  return s3Xml(ctx, 'ListPartsResult', {
    Bucket: bucket,
    Key: key,
    UploadId: uploadId,
    Initiator: owner(ctx),
    Owner: owner(ctx),
    StorageClass: 'STANDARD',
    PartNumberMarker: marker,
    ...(page.length > 0 ? { NextPartNumberMarker: page[page.length - 1].partNumber } : {}),
    MaxParts: maxParts,
    IsTruncated: isTruncated,
    Part: flattened(
      page.map((part) => ({
        PartNumber: part.partNumber,
        LastModified: part.lastModified,
        ETag: part.etag,
        Size: part.size,
        ...checksumElements(part.checksums),
      })),
    ),
    ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType } : {}),
  });
}

/** ListMultipartUploads: `GET /bucket?uploads`, with prefix/delimiter roll-ups and key/upload-id markers. */
export function listMultipartUploads(mp: MultipartContext, request: RawRequest, ctx: RequestContext, bucket: string): HttpResponse {
  requireBucket(mp.store, bucket);
  const prefix = request.query.get('prefix') ?? '';
  const delimiter = request.query.get('delimiter') || undefined;
  const keyMarker = request.query.get('key-marker') || undefined;
  const uploadIdMarker = (keyMarker && request.query.get('upload-id-marker')) || undefined;
  const maxUploads = readLimit(request, 'max-uploads');
  const encodingType = request.query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw s3Errors.invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  const encode = (value: string) => (encodingType ? encodeURIComponent(value) : value);

  const all = mp.multipart.listUploads(bucket, prefix);
  // Past the markers: later keys, or for the marker key itself, uploads initiated after the marker upload.
  const markerIndex = uploadIdMarker ? all.findIndex((u) => u.key === keyMarker && u.uploadId === uploadIdMarker) : -1;
  const remaining = all.filter((upload, index) => {
    if (keyMarker === undefined) return true;
    const order = compareKeys(upload.key, keyMarker);
    return order > 0 || (order === 0 && markerIndex >= 0 && index > markerIndex);
  });

  const uploads: UploadRecord[] = [];
  const commonPrefixes: string[] = [];
  let isTruncated = false;
  let last: { key: string; uploadId?: string } | undefined;
  for (const upload of remaining) {
    const rollup = delimiter ? commonPrefixOf(upload.key, prefix, delimiter) : undefined;
    if (rollup !== undefined && (commonPrefixes.at(-1) === rollup || (keyMarker !== undefined && compareKeys(rollup, keyMarker) <= 0))) continue;
    if (uploads.length + commonPrefixes.length === maxUploads) {
      isTruncated = true;
      break;
    }
    if (rollup !== undefined) {
      commonPrefixes.push(rollup);
      last = { key: rollup };
    } else {
      uploads.push(upload);
      last = { key: upload.key, uploadId: upload.uploadId };
    }
  }

  const tree: XmlTree = {
    Bucket: bucket,
    KeyMarker: encode(keyMarker ?? ''),
    UploadIdMarker: uploadIdMarker ?? '',
    ...(isTruncated && last ? { NextKeyMarker: encode(last.key), NextUploadIdMarker: last.uploadId ?? '' } : {}),
    Prefix: encode(prefix),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxUploads: maxUploads,
    ...(encodingType ? { EncodingType: encodingType } : {}),
    IsTruncated: isTruncated,
    Upload: flattened(
      uploads.map((upload) => ({
        Key: encode(upload.key),
        UploadId: upload.uploadId,
        Initiator: owner(ctx),
        Owner: owner(ctx),
        StorageClass: 'STANDARD',
        Initiated: upload.initiated,
        ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType } : {}),
      })),
    ),
    CommonPrefixes: flattened(commonPrefixes.map((p) => ({ Prefix: encode(p) }))),
  };
  return s3Xml(ctx, 'ListMultipartUploadsResult', tree);
}

function checksumHeaders(checksums: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(checksums).map(([algorithm, value]) => [`x-amz-checksum-${algorithm.toLowerCase()}`, value]));
}

/** `<ChecksumCRC32>` etc.; for a whole object also its `<ChecksumType>` (composite values end in `-<parts>`). */
function checksumElements(checksums: Record<string, string>, withType = false): XmlTree {
  const tree: XmlTree = {};
  for (const [algorithm, value] of Object.entries(checksums)) {
    tree[`Checksum${algorithm}`] = value;
    if (withType) tree.ChecksumType = value.includes('-') ? 'COMPOSITE' : 'FULL_OBJECT';
  }
  return tree;
}
