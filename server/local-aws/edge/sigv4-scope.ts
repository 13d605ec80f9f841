import type { IncomingHttpHeaders } from 'node:http';

/** The parts of a SigV4 credential scope that route a request: `AKID/date/region/service/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export type SignatureInfo =
  | { kind: 'unsigned' }
  | { kind: 'signed'; scope: CredentialScope; presigned: boolean; expired?: boolean }
  /** Signature version 2: names no service, so routing falls back to the request's shape; only S3 takes it. */
  | { kind: 'sigv2'; accessKeyId: string; presigned: boolean; expired?: boolean }
  | { kind: 'malformed'; reason: string; presigned: boolean };

/**
 * Reads the credential scope from the Authorization header or, for presigned URLs, the
 * X-Amz-Credential query parameter. Local AWS accepts any access key (it has no IAM), but the
 * header must be well formed, because that is how every client tells us which service it calls.
 */
export function readSignature(headers: IncomingHttpHeaders, query: URLSearchParams): SignatureInfo {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    if (authorization.startsWith('AWS ')) return parseSigV2Header(authorization);
    return parseAuthorizationHeader(authorization.trim());
  }
  if (query.has('AWSAccessKeyId') && query.has('Signature')) return parseSigV2Query(query);
  const presignedCredential = query.get('X-Amz-Credential');
  if (presignedCredential !== null) {
    if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !query.get('X-Amz-Signature')) {
      return { kind: 'malformed', reason: 'Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.', presigned: true };
    }
    const scope = parseCredential(presignedCredential);
    return scope
      ? { kind: 'signed', scope, presigned: true, expired: sigV4Expired(query) }
      : { kind: 'malformed', reason: `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`, presigned: true };
  }
  return { kind: 'unsigned' };
}

function parseAuthorizationHeader(header: string): SignatureInfo {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return { kind: 'malformed', reason: `Unsupported Authorization Type: ${algorithm.slice(0, 40)}`, presigned: false };
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    return {
      kind: 'malformed',
      reason: `Authorization header requires '${missing[0]}' parameter. Authorization=${header.slice(0, 200)}`,
      presigned: false,
    };
  }
  const scope = parseCredential(fields.get('Credential')!);
  if (!scope) {
    return {
      kind: 'malformed',
      reason: `The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
      presigned: false,
    };
  }
  if (!/^[0-9a-f]{64}$/.test(fields.get('Signature')!)) {
    return { kind: 'malformed', reason: 'The request signature is not a 64-character hexadecimal SigV4 signature.', presigned: false };
  }
  return { kind: 'signed', scope, presigned: false };
}

function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = parts;
  if (!accessKeyId || !/^\d{8}$/.test(date) || !/^[a-z0-9-]+$/.test(region) || !/^[a-z0-9-]+$/.test(service)) return undefined;
  return { accessKeyId, date, region, service };
}

/** X-Amz-Date + X-Amz-Expires in the past: S3 answers 403 "Request has expired". */
function sigV4Expired(query: URLSearchParams): boolean {
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get('X-Amz-Date') ?? '');
  const expires = Number(query.get('X-Amz-Expires'));
  if (!date || !Number.isFinite(expires)) return false;
  const signedAt = Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]);
  return signedAt + expires * 1000 < Date.now();
}

/*
 * Signature version 2, which only S3 still accepts: the AWS CLI's `s3 presign` and boto3's
 * generate_presigned_url produce it by default (`?AWSAccessKeyId=…&Signature=…&Expires=…`), and old
 * clients send `Authorization: AWS <key>:<signature>`. It names no region; the default one applies.
 */
function parseSigV2Header(header: string): SignatureInfo {
  const match = /^AWS ([^:\s]+):(\S+)$/.exec(header.trim());
  if (!match) return { kind: 'malformed', reason: 'The authorization header is malformed; expecting "AWS <AccessKeyId>:<Signature>".', presigned: false };
  return { kind: 'sigv2', accessKeyId: match[1], presigned: false };
}

function parseSigV2Query(query: URLSearchParams): SignatureInfo {
  const expires = Number(query.get('Expires'));
  if (!query.get('AWSAccessKeyId') || !query.get('Signature') || !Number.isFinite(expires)) {
    return { kind: 'malformed', reason: 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters', presigned: true };
  }
  return {
    kind: 'sigv2',
    accessKeyId: query.get('AWSAccessKeyId')!,
    presigned: true,
    expired: expires * 1000 < Date.now(),
  };
}
