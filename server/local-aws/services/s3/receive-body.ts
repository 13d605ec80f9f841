import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AwsError } from '../../errors';
import type { RawRequest } from '../../request-context';
import type { StoredFile } from '../../store/object-files';
import type { S3Store } from './s3-store';
import { AwsChunkedDecoder } from './aws-chunked-decoder';
import { CHECKSUM_ALGORITHMS, ChecksumTap, checksumBase64, type ChecksumAlgorithm } from './checksum-tap';
import { header } from './object-request-headers';
import { s3Errors } from './s3-errors';

export interface ReceivedBody {
  stored: StoredFile;
  /** The checksum computed on the way in, e.g. { CRC32: 'base64' }, already checked against the client's. */
  checksums: Record<string, string>;
}

/**
 * Receives an object body (PutObject, UploadPart): it streams to a temp file through the
 * aws-chunked decoder (when used), a checksum tap and a size limit; Content-MD5 and
 * x-amz-checksum-* (header or trailer) are verified before the caller switches it in, so a corrupt
 * upload never replaces what was there. On any failure the file is gone before the error is thrown.
 */
export async function receiveBody(
  store: S3Store,
  request: RawRequest,
  options: {
    maxBytes: number;
    /** Compute this checksum even when the client sent none (a multipart upload's declared algorithm). */
    defaultAlgorithm?: ChecksumAlgorithm;
  },
): Promise<ReceivedBody> {
  const chunked =
    (header(request, 'content-encoding') ?? '').includes('aws-chunked') ||
    (header(request, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
  const declaredLength = Number(header(request, chunked ? 'x-amz-decoded-content-length' : 'content-length') ?? NaN);
  if (Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
    throw s3Errors.entityTooLarge(options.maxBytes);
  }

  const contentMd5 = readContentMd5(request);

  const algorithm = checksumAlgorithmOf(request) ?? options.defaultAlgorithm;
  const transforms: Transform[] = [];
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  if (decoder) transforms.push(decoder);
  const tap = algorithm ? new ChecksumTap(algorithm) : undefined;
  if (tap) transforms.push(tap);
  // A signed payload names its SHA-256 in hex; S3 refuses a body that does not hash to it.
  const payloadSha256 = signedPayloadSha256(request);
  const payloadTap = payloadSha256 !== undefined && algorithm !== 'SHA256' ? new ChecksumTap('SHA256') : undefined;
  if (payloadTap) transforms.push(payloadTap);
  transforms.push(sizeLimit(options.maxBytes));

  // On a failure mid-body Node's pipeline detaches the socket before destroying the request, so
  // the error response still reaches the client.
  const stored = await store.files.write(request.message as Readable, transforms);
  const discard = async (error: AwsError): Promise<never> => {
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
  const sha256Base64 = payloadTap?.digestBase64();
  if (tap && algorithm) {
    const headerName = `x-amz-checksum-${algorithm.toLowerCase()}`;
    if (decoder && trailersOf(request).includes(headerName) && decoder.trailers[headerName] === undefined && header(request, headerName) === undefined) {
      await discard(malformedTrailer());
    }
    const expected = header(request, headerName) ?? decoder?.trailers[headerName];
    const actual = tap.digestBase64();
    if (expected !== undefined && expected !== actual) {
      await discard(s3Errors.checksumMismatch(algorithm));
    }
    checksums[algorithm] = actual;
  }
  if (payloadSha256 !== undefined) {
    const computed = Buffer.from(sha256Base64 ?? checksums.SHA256, 'base64').toString('hex');
    if (computed !== payloadSha256) await discard(sha256Mismatch(payloadSha256, computed));
  }
  return { stored, checksums };
}

/**
 * Checks a small body read whole (DeleteObjects): Content-MD5, a flexible checksum header and a
 * signed payload hash, each when the client sent it, with the errors S3 gives.
 */
export function verifyBufferedBody(request: RawRequest, body: Buffer) {
  const contentMd5 = readContentMd5(request);
  if (contentMd5 !== undefined && createHash('md5').update(body).digest('base64') !== contentMd5) throw s3Errors.badDigest();
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const expected = header(request, `x-amz-checksum-${algorithm.toLowerCase()}`);
    if (expected !== undefined && checksumBase64(algorithm, body) !== expected) throw s3Errors.checksumMismatch(algorithm);
  }
  const payloadSha256 = signedPayloadSha256(request);
  if (payloadSha256 !== undefined) {
    const computed = createHash('sha256').update(body).digest('hex');
    if (computed !== payloadSha256) throw sha256Mismatch(payloadSha256, computed);
  }
}

/** Content-MD5 when sent: 16 bytes in base64, else InvalidDigest before any byte is read. */
function readContentMd5(request: RawRequest): string | undefined {
  const value = header(request, 'content-md5');
  if (value !== undefined && !/^[A-Za-z0-9+/]{22}==$/.test(value)) throw s3Errors.invalidDigest();
  return value;
}

/** The hex SHA-256 a SigV4 request declares for its body; undefined for UNSIGNED-PAYLOAD and streaming. */
function signedPayloadSha256(request: RawRequest): string | undefined {
  const value = header(request, 'x-amz-content-sha256')?.trim().toLowerCase();
  return value !== undefined && /^[0-9a-f]{64}$/.test(value) ? value : undefined;
}

function sha256Mismatch(client: string, computed: string) {
  return new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
    ClientComputedContentSHA256: client,
    S3ComputedContentSHA256: computed,
  });
}

function malformedTrailer() {
  return new AwsError(
    'MalformedTrailerError',
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
    400,
  );
}

/** The flexible checksum the client sends with the body, as a header or announced as a trailer. */
export function checksumAlgorithmOf(request: RawRequest, trailerNames = trailersOf(request)): ChecksumAlgorithm | undefined {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const name = `x-amz-checksum-${algorithm.toLowerCase()}`;
    if (header(request, name) !== undefined || trailerNames.includes(name)) return algorithm;
  }
  const declared = header(request, 'x-amz-sdk-checksum-algorithm')?.toUpperCase();
  return CHECKSUM_ALGORITHMS.find((a) => a === declared);
}

function trailersOf(request: RawRequest): string[] {
  return (header(request, 'x-amz-trailer') ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
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
