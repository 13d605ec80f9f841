import type { Readable } from 'node:stream';
import type { RawRequest, RequestContext } from '../request-context';
import type { QueryParams } from './query-params';
import type { XmlTree } from './xml-writer';

/** A response as a codec hands it back to the edge. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | number | string[]>;
  body?: Buffer | string | Readable;
}

export type QueryOperation = (params: QueryParams, ctx: RequestContext) => XmlTree | Promise<XmlTree>;
export type JsonOperation = (input: Record<string, unknown>, ctx: RequestContext) => unknown;

interface ServiceBase {
  /** Human name used in messages ("EC2", "CloudFormation"). */
  name: string;
  /** SigV4 signing name: the 4th segment of the credential scope. */
  signingName: string;
}

/** EC2's own query dialect: no Result wrapper, <item> lists, <Response><Errors> errors. */
export interface Ec2QueryService extends ServiceBase {
  protocol: 'ec2-query';
  apiVersion: string;
  xmlns: string;
  operations: Record<string, QueryOperation>;
}

/** awsQuery (CloudFormation, STS, IAM): <OpResult> wrapper, <member> lists, <ErrorResponse> errors. */
export interface AwsQueryService extends ServiceBase {
  protocol: 'aws-query';
  apiVersion: string;
  xmlns: string;
  operations: Record<string, QueryOperation>;
}

/** awsJson1.1 (Athena, Glue): X-Amz-Target names the operation, errors carry __type. */
export interface Json11Service extends ServiceBase {
  protocol: 'json-1.1';
  targetPrefix: string;
  operations: Record<string, JsonOperation>;
}

/** REST protocols (S3's restXml, Lambda's restJson): the service routes its own paths. */
export interface RestService extends ServiceBase {
  protocol: 'rest-xml' | 'rest-json';
  handle(request: RawRequest, ctx: RequestContext): Promise<HttpResponse>;
  /** Renders an error in the service's envelope (S3 <Error>, Lambda JSON). */
  renderError(error: import('../errors').AwsError, ctx: RequestContext, request: RawRequest): HttpResponse;
}

export type ServiceDefinition = Ec2QueryService | AwsQueryService | Json11Service | RestService;

/**
 * The handler a service defines for an operation name taken from the request. Only the table's own
 * entries count: `constructor`, `toString` or `__proto__` must answer 501 like any unknown name,
 * not reach Object.prototype.
 */
export function findOperation<T>(operations: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(operations, name) ? operations[name] : undefined;
}
