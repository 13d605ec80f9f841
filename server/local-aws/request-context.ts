import type { IncomingMessage } from 'node:http';

/** What every operation handler learns about the request it serves. */
export interface RequestContext {
  requestId: string;
  /** Region from the SigV4 credential scope, else local AWS's default region. */
  region: string;
  accountId: string;
  /** Host header as the client sent it (S3 virtual-host buckets, URLs we hand back). */
  host: string;
  /** Base URL the client reached us at, e.g. http://127.0.0.1:4566. */
  endpoint: string;
  /** The access key id the client signed with, when it signed. */
  accessKeyId?: string;
}

/** A raw HTTP request as the edge hands it to a protocol codec. */
export interface RawRequest {
  method: string;
  /** Path exactly as sent (still percent-encoded). */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  message: IncomingMessage;
  /** Reads the whole body, failing with 413 past the limit. Can be called once. */
  readBody(limitBytes?: number): Promise<Buffer>;
}
