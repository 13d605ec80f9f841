import { AwsError } from '../errors';
import { QueryParams } from '../protocols/query-params';
import type { ServiceDefinition } from '../protocols/service-definition';
import type { RawRequest } from '../request-context';
import type { ServiceRegistry } from '../services/service-registry';
import type { SignatureInfo } from './sigv4-scope';

export const QUERY_BODY_LIMIT = 16 * 1024 * 1024;

export interface Route {
  service: ServiceDefinition;
  /**
   * Query-protocol parameters when routing already had to read them (unsigned requests name their
   * service only through Action/Version). Signed requests leave them to the edge, which reads the
   * body once the service is known, so a body error (413) is rendered in that service's envelope.
   */
  params?: QueryParams;
}

/**
 * Picks the service a request is for, in the order the real clients make reliable: the SigV4
 * credential scope (every SDK and the CLI sign, and with a custom endpoint the host says nothing),
 * then X-Amz-Target, then a form `Action`, and S3 for everything else.
 */
export async function routeRequest(request: RawRequest, registry: ServiceRegistry, signature: SignatureInfo): Promise<Route> {
  if (signature.kind === 'signed') {
    const service = registry.forSigningName(signature.scope.service);
    if (!service) {
      throw new AwsError(
        'NotImplemented',
        `Local AWS does not implement the service "${signature.scope.service}" (from the request's credential scope).`,
        501,
      );
    }
    return { service };
  }

  const target = request.headers['x-amz-target'];
  if (typeof target === 'string' && target.includes('.')) {
    const service = registry.forTargetPrefix(target.slice(0, target.indexOf('.')));
    if (service) return { service };
  }

  if (isFormRequest(request) || request.query.has('Action')) {
    const params = await readQueryParams(request);
    const action = params.get('Action');
    if (action) {
      const service = registry.forQueryAction(action, params.get('Version'));
      if (service) return { service, params };
    }
  }

  const s3 = registry.s3;
  if (!s3) throw new AwsError('NotImplemented', 'Local AWS could not tell which service this request is for.', 501);
  return { service: s3 };
}

function isFormRequest(request: RawRequest): boolean {
  return request.method === 'POST' && String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Query protocols take parameters from the URL for GET and from the form body for POST. */
export async function readQueryParams(request: RawRequest): Promise<QueryParams> {
  let text = request.query.toString();
  if (request.method === 'POST') {
    const body = (await request.readBody(QUERY_BODY_LIMIT)).toString('utf8');
    text = text ? `${text}&${body}` : body;
  }
  return QueryParams.parse(text);
}
