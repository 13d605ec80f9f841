import type { AwsError } from '../../errors';
import type { RestService } from '../../protocols/service-definition';
import type { RawRequest, RequestContext } from '../../request-context';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  getBucketVersioning,
  headBucket,
  listBuckets,
  listObjectsResponse,
} from './bucket-operations';
import { copyObject, deleteObject, deleteObjects, getObject, headObject, putObject, type ObjectLimits } from './object-operations';
import { MultipartStore } from './multipart-store';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
  uploadPartCopy,
  type MultipartContext,
} from './multipart-operations';
import { resolveS3Address } from './s3-addressing';
import { renderS3Error, s3Errors } from './s3-errors';
import type { S3Store } from './s3-store';
import { unsupportedSubresourceOperation } from './s3-subresources';
import { notImplemented } from '../../errors';

export function createS3Service(store: S3Store, limits: ObjectLimits): RestService {
  const mp: MultipartContext = { store, multipart: new MultipartStore(store.db, store), limits };
  return {
    name: 'S3',
    signingName: 's3',
    protocol: 'rest-xml',
    renderError: (error: AwsError, ctx: RequestContext) => renderS3Error(error, ctx),
    async handle(request: RawRequest, ctx: RequestContext) {
      const { bucket, key } = resolveS3Address(request);
      const method = request.method;
      if (bucket === undefined) {
        if (method === 'GET') return listBuckets(store, ctx);
        throw s3Errors.methodNotAllowed(method);
      }
      const query = request.query;
      if (key === undefined) {
        if (method === 'GET' && query.has('location')) return getBucketLocation(store, ctx, bucket);
        if (method === 'GET' && query.has('versioning')) return getBucketVersioning(store, ctx, bucket);
        if (method === 'POST' && query.has('delete')) return deleteObjects(store, request, ctx, bucket);
        if (method === 'GET' && query.has('uploads')) return listMultipartUploads(mp, request, ctx, bucket);
        rejectSubresource(method, 'bucket', query);
        switch (method) {
          case 'PUT':
            return createBucket(store, request, ctx, bucket);
          case 'HEAD':
            return headBucket(store, ctx, bucket);
          case 'DELETE':
            return deleteBucket(store, ctx, bucket);
          case 'GET':
            return listObjectsResponse(store, request, ctx, bucket, query.get('list-type') === '2' ? 2 : 1);
          default:
            throw s3Errors.methodNotAllowed(method);
        }
      }
      const multipart = multipartOperation(mp, request, ctx, bucket, key);
      if (multipart) return multipart;
      rejectSubresource(method, 'object', query);
      switch (method) {
        case 'PUT':
          return request.headers['x-amz-copy-source'] !== undefined
            ? copyObject(store, request, ctx, bucket, key)
            : putObject(store, request, ctx, bucket, key, limits);
        case 'GET':
          return getObject(store, request, ctx, bucket, key);
        case 'HEAD':
          return headObject(store, request, ctx, bucket, key);
        case 'DELETE':
          return deleteObject(store, ctx, bucket, key);
        default:
          throw s3Errors.methodNotAllowed(method);
      }
    },
  };
}

/** Object-level multipart requests (`?uploads`, `?uploadId=…`), or undefined for everything else. */
function multipartOperation(mp: MultipartContext, request: RawRequest, ctx: RequestContext, bucket: string, key: string) {
  const { method, query } = request;
  if (query.has('uploads')) {
    if (method === 'POST') return createMultipartUpload(mp, request, ctx, bucket, key);
    throw s3Errors.methodNotAllowed(method);
  }
  const uploadId = query.get('uploadId');
  if (uploadId === null) return undefined;
  switch (method) {
    case 'PUT':
      return request.headers['x-amz-copy-source'] !== undefined
        ? uploadPartCopy(mp, request, ctx, bucket, key, uploadId)
        : uploadPart(mp, request, ctx, bucket, key, uploadId);
    case 'POST':
      return completeMultipartUpload(mp, request, ctx, bucket, key, uploadId);
    case 'DELETE':
      return abortMultipartUpload(mp, ctx, bucket, key, uploadId);
    case 'GET':
      return listParts(mp, request, ctx, bucket, key, uploadId);
    default:
      throw s3Errors.methodNotAllowed(method);
  }
}

function rejectSubresource(method: string, scope: 'bucket' | 'object', query: URLSearchParams) {
  const operation = unsupportedSubresourceOperation(method, scope, query);
  if (operation) throw notImplemented('S3', operation);
}
