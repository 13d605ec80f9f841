import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { AwsError, internalError } from '../errors';
import { handleAwsQuery } from '../protocols/aws-query';
import { handleEc2Query } from '../protocols/ec2-query';
import { handleJson11 } from '../protocols/json-1-1';
import type { HttpResponse, ServiceDefinition } from '../protocols/service-definition';
import type { RawRequest, RequestContext } from '../request-context';
import type { ServiceRegistry } from '../services/service-registry';
import { bodyReader } from './read-body';
import { renderError } from './render-error';
import { readQueryParams, routeRequest } from './route-request';
import { readSignature, type SignatureInfo } from './sigv4-scope';

export interface EdgeOptions {
  registry: ServiceRegistry;
  accountId: string;
  defaultRegion: string;
  /** Extra non-AWS routes under /_local-aws/ (health, admin). */
  adminRoutes?: Record<string, (request: RawRequest) => Promise<HttpResponse> | HttpResponse>;
  log?: (line: string) => void;
}

/** The single HTTP endpoint every local AWS service is served from. */
export function createEdgeServer(options: EdgeOptions): http.Server {
  const server = http.createServer((message, response) => {
    // serve() renders every error it expects; this is the last line of defence, because an
    // unhandled rejection would take the whole endpoint down for one bad request.
    serve(options, message, response).catch((error: unknown) => {
      options.log?.(`[local-aws] ${message.method} ${message.url} failed outside the handler: ${(error as Error)?.stack ?? error}`);
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain', 'x-amzn-requestid': randomUUID() });
        response.end('Internal failure in local AWS');
      } else {
        response.destroy();
      }
    });
  });
  // A request line or header block Node cannot parse gets a plain 400 and the socket is closed;
  // the server itself keeps serving.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function serve(options: EdgeOptions, message: IncomingMessage, response: ServerResponse) {
  const requestId = randomUUID();
  // The request target is split by hand, not with new URL(target, base): a target such as `//a:b`
  // (a virtual-host key that starts with '/') parses as a protocol-relative URL with an invalid
  // port and throws, and `//host/x` would silently lose its first segment.
  const target = message.url ?? '/';
  const questionMark = target.indexOf('?');
  const rawPath = (questionMark < 0 ? target : target.slice(0, questionMark)) || '/';
  const query = new URLSearchParams(questionMark < 0 ? '' : target.slice(questionMark + 1));
  const request: RawRequest = {
    method: message.method ?? 'GET',
    rawPath,
    query,
    headers: message.headers,
    message,
    readBody: bodyReader(message),
  };
  const host = String(message.headers.host ?? '127.0.0.1');
  const signature = readSignature(message.headers, query);
  const ctx: RequestContext = {
    requestId,
    region: signature.kind === 'signed' ? signature.scope.region : options.defaultRegion,
    accountId: options.accountId,
    host,
    endpoint: `http://${host}`,
    accessKeyId: signature.kind === 'signed' ? signature.scope.accessKeyId : signature.kind === 'sigv2' ? signature.accessKeyId : undefined,
  };

  let service: ServiceDefinition | undefined;
  let result: HttpResponse;
  try {
    const admin = rawPath.startsWith('/_local-aws/') ? findAdminRoute(options.adminRoutes, rawPath.slice('/_local-aws/'.length)) : undefined;
    if (admin) {
      const answer = await admin(request);
      // Local AWS's own routes carry a request id too, so every response can be traced in the log.
      result = { ...answer, headers: { 'x-amzn-requestid': requestId, ...answer.headers } };
    } else {
      const route = await routeRequest(request, options.registry, signature);
      service = route.service;
      checkSignature(signature, service);
      switch (service.protocol) {
        case 'ec2-query':
          result = await handleEc2Query(service, request, ctx, route.params ?? (await readQueryParams(request)));
          break;
        case 'aws-query':
          result = await handleAwsQuery(service, ctx, route.params ?? (await readQueryParams(request)));
          break;
        case 'json-1.1':
          result = await handleJson11(service, request, ctx);
          break;
        default:
          result = await service.handle(request, ctx);
      }
    }
  } catch (caught) {
    const error = caught instanceof AwsError ? caught : internalError(caught);
    if (!(caught instanceof AwsError)) options.log?.(`[local-aws] ${request.method} ${rawPath} failed: ${(caught as Error)?.stack ?? caught}`);
    result = renderError(service, error, ctx, request);
  }
  writeResponse(request, response, result);
}

/** Exact admin routes first, then `prefix/*` routes, which read the rest of the path themselves. */
function findAdminRoute(routes: EdgeOptions['adminRoutes'], route: string) {
  if (!routes) return undefined;
  if (Object.hasOwn(routes, route)) return routes[route];
  const slash = route.indexOf('/');
  return slash > 0 && Object.hasOwn(routes, `${route.slice(0, slash)}/*`) ? routes[`${route.slice(0, slash)}/*`] : undefined;
}

/** Local AWS has no IAM, so any key is accepted, but requests must be signed and well formed. */
function checkSignature(signature: SignatureInfo, service: ServiceDefinition) {
  const isS3 = service.signingName === 's3';
  if (signature.kind === 'malformed') {
    if (isS3) {
      throw new AwsError(signature.presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', signature.reason, 400);
    }
    throw new AwsError('IncompleteSignature', signature.reason, 400);
  }
  if (signature.kind === 'unsigned') {
    if (isS3) throw new AwsError('AccessDenied', 'Anonymous requests are not allowed: sign the request (any access key works with local AWS).', 403);
    throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  if (signature.kind === 'sigv2' && !isS3) {
    throw new AwsError('IncompleteSignature', `${service.name} requires Signature Version 4 (AWS4-HMAC-SHA256).`, 400);
  }
  if (signature.expired) throw new AwsError('AccessDenied', 'Request has expired', 403);
}

function writeResponse(request: RawRequest, response: ServerResponse, result: HttpResponse) {
  const headers: Record<string, string | number | string[]> = { ...result.headers };
  const body = result.body;
  if (request.method === 'HEAD' || body === undefined) {
    if (!('content-length' in headers) && request.method !== 'HEAD') headers['content-length'] = 0;
    response.writeHead(result.status, headers);
    response.end();
  } else if (body instanceof Readable) {
    response.writeHead(result.status, headers);
    body.on('error', () => response.destroy());
    body.pipe(response);
  } else {
    const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    headers['content-length'] = buffer.length;
    response.writeHead(result.status, headers);
    response.end(buffer);
  }
  // A body the handler never read (an early error) is drained so the connection stays usable.
  if (!request.message.readableEnded) request.message.resume();
}
