import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../../../errors';
import { parseJsonObject } from '../../../protocols/json-1-1';
import type { HttpResponse } from '../../../protocols/service-definition';
import type { RawRequest } from '../../../request-context';
import type { InvokeResult, LambdaRuntime } from '../../lambda/lambda-runtime';
import { ResourceFailure, type ResourceProvider, type ResourceRequest } from '../resource-provider';

/**
 * Custom resources (`Custom::*`, AWS::CloudFormation::CustomResource) with the real protocol: the
 * ServiceToken Lambda is invoked with RequestType, ResponseURL, StackId, RequestId, ResourceType,
 * LogicalResourceId, ResourceProperties (and PhysicalResourceId on Delete); the resource waits for
 * the function's PUT to the ResponseURL, a local AWS URL (/_local-aws/cfn-response/<token>) in the
 * role of the presigned S3 URL AWS hands out.
 *
 * AWS waits up to the timeout even when the function has already crashed. Local AWS knows when the
 * function finished, so a function that ends without responding fails the resource after a short
 * grace period, with the function's error in the reason, instead of hanging for the full timeout.
 */
export interface CustomResourceOptions {
  runtime: LambdaRuntime;
  endpoint: () => string;
  /** Seconds to wait for a response (ServiceTimeout overrides per resource). */
  timeoutSeconds: number;
  /** How long a response may still arrive after the function has finished. */
  graceMs?: number;
}

interface CustomResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId?: string;
  Data?: Record<string, unknown>;
  NoEcho?: boolean;
}

interface Pending {
  requestId: string;
  stackId: string;
  logicalId: string;
  resolve(response: CustomResponse): void;
}

export class CustomResourceGateway {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: CustomResourceOptions) {}

  provider(): ResourceProvider {
    return {
      create: async (request) => {
        const response = await this.send('Create', request);
        const physicalId = response.PhysicalResourceId;
        if (!physicalId) throw new ResourceFailure('Invalid PhysicalResourceId');
        return { physicalId, attributes: response.Data ?? {} };
      },
      delete: async (request) => {
        await this.send('Delete', request, request.physicalId);
      },
    };
  }

  /** The admin route the function PUTs its response to. */
  async handleResponse(request: RawRequest): Promise<HttpResponse> {
    const token = /^\/_local-aws\/cfn-response\/([0-9a-f]{48})$/.exec(request.rawPath)?.[1];
    const pending = token ? this.pending.get(token) : undefined;
    if (request.method !== 'PUT' || !token || !pending) {
      return s3StyleError(403, 'AccessDenied', 'Request has expired or the response URL is not valid.');
    }
    let body: Record<string, unknown>;
    try {
      body = parseJsonObject(await request.readBody(1024 * 1024));
    } catch {
      pending.resolve({ Status: 'FAILED', Reason: 'Invalid response: the custom resource response is not valid JSON' });
      this.pending.delete(token);
      return { status: 200, headers: { etag: `"${randomUUID().replace(/-/g, '')}"` } };
    }
    this.pending.delete(token);
    pending.resolve(validateResponse(body, pending));
    // What S3 answers a presigned PUT with.
    return { status: 200, headers: { etag: `"${randomUUID().replace(/-/g, '')}"` } };
  }

  private async send(requestType: 'Create' | 'Delete', request: ResourceRequest, physicalId?: string): Promise<CustomResponse> {
    const serviceToken = request.properties.ServiceToken;
    if (typeof serviceToken !== 'string' || serviceToken === '') {
      throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message: #: required key [ServiceToken] not found`);
    }
    if (/^arn:aws[a-z-]*:sns:/.test(serviceToken)) {
      throw new ResourceFailure(`ServiceToken ${serviceToken} is an SNS topic; local AWS delivers custom resource requests to Lambda functions only.`);
    }
    if (!/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9-_]+(:[A-Za-z0-9$_-]+)?$/.test(serviceToken)) {
      throw new ResourceFailure(`Invalid service token: ${serviceToken} is not a Lambda function ARN.`);
    }
    const region = serviceToken.split(':')[3];
    const token = randomBytes(24).toString('hex');
    const requestId = randomUUID();
    const event: Record<string, unknown> = {
      RequestType: requestType,
      ServiceToken: serviceToken,
      ResponseURL: `${this.options.endpoint()}/_local-aws/cfn-response/${token}`,
      StackId: request.stackId,
      RequestId: requestId,
      LogicalResourceId: request.logicalId,
      ResourceType: request.resourceType,
      ResourceProperties: stringifyScalars(request.properties),
    };
    if (physicalId !== undefined) event.PhysicalResourceId = physicalId;

    const timeoutSeconds = serviceTimeout(request) ?? this.options.timeoutSeconds;
    const graceMs = this.options.graceMs ?? 2_000;
    return new Promise<CustomResponse>((resolve, reject) => {
      let settled = false;
      let graceTimer: NodeJS.Timeout | undefined;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        clearTimeout(graceTimer);
        this.pending.delete(token);
        outcome();
      };
      const timeout = setTimeout(
        () =>
          finish(() =>
            reject(
              new ResourceFailure(
                `CloudFormation did not receive a response from your Custom Resource within ${timeoutSeconds} seconds. Please check your custom resource in region ${request.region} and the function's log.`,
              ),
            ),
          ),
        timeoutSeconds * 1000,
      );
      this.pending.set(token, {
        requestId,
        stackId: request.stackId,
        logicalId: request.logicalId,
        resolve: (response) =>
          finish(() => {
            if (response.Status === 'SUCCESS') resolve(response);
            else
              reject(
                new ResourceFailure(`Received response status [FAILED] from custom resource. Message returned: ${response.Reason ?? ''} (RequestId: ${requestId})`, {
                  // The function is alive and may have made something: on rollback it gets a Delete.
                  physicalId: requestType === 'Create' ? (response.PhysicalResourceId ?? request.physicalName()) : undefined,
                }),
              );
          }),
      });
      let invocation: Promise<InvokeResult>;
      try {
        invocation = this.options.runtime.invoke(region, serviceToken, event);
      } catch (error) {
        finish(() => reject(error instanceof AwsError ? new ResourceFailure(error.message) : error));
        return;
      }
      invocation.then(
        (result) => {
          if (settled) return;
          graceTimer = setTimeout(() => {
            const detail = result.functionError ? `: ${describeFunctionError(result.payload)}` : '';
            finish(() =>
              reject(
                new ResourceFailure(
                  `The custom resource function ${serviceToken} finished without sending a response to the ResponseURL${detail}`,
                ),
              ),
            );
          }, graceMs);
        },
        (error: Error) => finish(() => reject(error instanceof AwsError ? new ResourceFailure(error.message) : error)),
      );
    });
  }
}

function validateResponse(body: Record<string, unknown>, pending: Pending): CustomResponse {
  if (body.Status !== 'SUCCESS' && body.Status !== 'FAILED') {
    return { Status: 'FAILED', Reason: `Invalid response: Status must be SUCCESS or FAILED, got ${JSON.stringify(body.Status)}` };
  }
  if (body.RequestId !== undefined && body.RequestId !== pending.requestId) {
    return { Status: 'FAILED', Reason: 'Invalid response: RequestId does not match the request' };
  }
  if (body.LogicalResourceId !== undefined && body.LogicalResourceId !== pending.logicalId) {
    return { Status: 'FAILED', Reason: 'Invalid response: LogicalResourceId does not match the request' };
  }
  if (body.Data !== undefined && (typeof body.Data !== 'object' || body.Data === null || Array.isArray(body.Data))) {
    return { Status: 'FAILED', Reason: 'Invalid response: Data must be a JSON object' };
  }
  if (body.Data !== undefined && JSON.stringify(body.Data).length > 4096) {
    return { Status: 'FAILED', Reason: 'Response object is too long.' };
  }
  return {
    Status: body.Status,
    Reason: typeof body.Reason === 'string' ? body.Reason : undefined,
    PhysicalResourceId: typeof body.PhysicalResourceId === 'string' && body.PhysicalResourceId !== '' ? body.PhysicalResourceId : undefined,
    Data: body.Data as Record<string, unknown> | undefined,
    NoEcho: body.NoEcho === true,
  };
}

/** CloudFormation hands custom resources every scalar as a string ("true", "300"). */
function stringifyScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyScalars(v)]));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

function serviceTimeout(request: ResourceRequest): number | undefined {
  const raw = request.properties.ServiceTimeout;
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new ResourceFailure('ServiceTimeout must be an integer between 1 and 3600 seconds.');
  }
  return seconds;
}

function describeFunctionError(payload: Buffer): string {
  try {
    const error = JSON.parse(payload.toString('utf8')) as { errorType?: string; errorMessage?: string };
    return `${error.errorType ?? 'Error'}: ${error.errorMessage ?? ''}`;
  } catch {
    return payload.toString('utf8').slice(0, 500);
  }
}

function s3StyleError(status: number, code: string, message: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  };
}
