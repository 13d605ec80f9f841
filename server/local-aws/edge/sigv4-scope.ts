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
  | { kind: 'signed'; scope: CredentialScope; presigned: boolean }
  | { kind: 'malformed'; reason: string; presigned: boolean };

/**
 * Reads the credential scope from the Authorization header or, for presigned URLs, the
 * X-Amz-Credential query parameter. Local AWS accepts any access key (it has no IAM), but the
 * header must be well formed, because that is how every client tells us which service it calls.
 */
export function readSignature(headers: IncomingHttpHeaders, query: URLSearchParams): SignatureInfo {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    return parseAuthorizationHeader(authorization.trim());
  }
  const presignedCredential = query.get('X-Amz-Credential');
  if (presignedCredential !== null) {
    if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !query.get('X-Amz-Signature')) {
      return { kind: 'malformed', reason: 'Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.', presigned: true };
    }
    const scope = parseCredential(presignedCredential);
    return scope
      ? { kind: 'signed', scope, presigned: true }
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
