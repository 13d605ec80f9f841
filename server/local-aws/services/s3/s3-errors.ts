import { AwsError } from '../../errors';
import type { HttpResponse } from '../../protocols/service-definition';
import { XML_DECLARATION, escapeXml } from '../../protocols/xml-writer';
import type { RequestContext } from '../../request-context';

/** S3's errors, with the codes, statuses and messages S3 itself uses. */
export const s3Errors = {
  noSuchBucket: (bucket: string) =>
    new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
  noSuchKey: (key: string) => new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }),
  invalidBucketName: (bucket: string, why: string) =>
    new AwsError('InvalidBucketName', `The specified bucket is not valid. ${why}`, 400, { BucketName: bucket }),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new AwsError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: bucket },
    ),
  bucketNotEmpty: (bucket: string) =>
    new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket }),
  malformedXml: () =>
    new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400),
  invalidDigest: () => new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400),
  checksumMismatch: (algorithm: string) => new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400),
  badDigest: (what = 'Content-MD5') =>
    new AwsError('BadDigest', `The ${what} you specified did not match what we received.`, 400),
  invalidRange: (size: number, range: string) =>
    new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: range,
      ActualObjectSize: String(size),
    }),
  entityTooLarge: (limit: number) =>
    new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', 400, {
      MaxSizeAllowed: String(limit),
    }),
  keyTooLong: () => new AwsError('KeyTooLongError', 'Your key is too long', 400),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new AwsError('InvalidArgument', message, 400, name ? { ArgumentName: name, ArgumentValue: value ?? '' } : {}),
  invalidRequest: (message: string) => new AwsError('InvalidRequest', message, 400),
  invalidUri: () => new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400),
  methodNotAllowed: (method: string) =>
    new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: method,
      ResourceType: 'SERVICE',
    }),
  preconditionFailed: (condition: string) =>
    new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: condition,
    }),
  notModified: () => new AwsError('NotModified', 'Not Modified', 304),
  noSuchUpload: (uploadId: string) =>
    new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: uploadId },
    ),
  invalidPart: (uploadId: string, partNumber: number, etag: string) =>
    new AwsError(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      400,
      { UploadId: uploadId, PartNumber: String(partNumber), ETag: etag },
    ),
  invalidPartOrder: (uploadId: string) =>
    new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, {
      UploadId: uploadId,
    }),
  entityTooSmall: (proposedSize: number, minSize: number, partNumber: number, etag: string) =>
    new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
      ProposedSize: String(proposedSize),
      MinSizeAllowed: String(minSize),
      PartNumber: String(partNumber),
      ETag: etag,
    }),
};

/** S3's bare <Error> document; HEAD responses carry no body (the edge drops it). */
export function renderS3Error(error: AwsError, ctx: RequestContext): HttpResponse {
  const headers = s3Headers(ctx);
  if (error.status === 304) return { status: 304, headers };
  const extra = Object.entries(error.extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const body =
    `${XML_DECLARATION}<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `${extra}<RequestId>${ctx.requestId}</RequestId><HostId>${hostId(ctx)}</HostId></Error>`;
  return { status: error.status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}

export function s3Headers(ctx: RequestContext): Record<string, string> {
  return { 'x-amz-request-id': ctx.requestId, 'x-amz-id-2': hostId(ctx) };
}

function hostId(ctx: RequestContext) {
  return Buffer.from(`local-aws/${ctx.requestId}`).toString('base64');
}
