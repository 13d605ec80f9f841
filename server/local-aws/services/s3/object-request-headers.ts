import type { RawRequest } from '../../request-context';
import type { ObjectHeaders } from './s3-store';

/** One request header as a string; repeated headers are joined as HTTP allows. */
export function header(request: RawRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The standard headers S3 stores with an object (PutObject, CreateMultipartUpload, CopyObject REPLACE). */
export function readObjectHeaders(request: RawRequest): ObjectHeaders {
  // aws-chunked describes how this request's body travelled, not the object: S3 strips it.
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

/** `x-amz-meta-*` headers, names lower-cased as Node delivers them and S3 stores them. */
export function readUserMetadata(request: RawRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice(11)] = Array.isArray(value) ? value.join(',') : value;
  }
  return metadata;
}
