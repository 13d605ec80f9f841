import { AwsError, notImplemented } from '../errors';
import type { RawRequest, RequestContext } from '../request-context';
import { findOperation, type HttpResponse, type Json11Service } from './service-definition';

const JSON_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * awsJson1.1 (Athena, Glue). The operation comes from `X-Amz-Target: <Prefix>.<Operation>`; the body
 * is a JSON object; timestamps travel as epoch seconds; errors are `{"__type": code, "Message": …}`.
 */
export async function handleJson11(service: Json11Service, request: RawRequest, ctx: RequestContext): Promise<HttpResponse> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const dot = target.indexOf('.');
  if (request.method !== 'POST' || dot < 0 || target.slice(0, dot) !== service.targetPrefix) {
    throw new AwsError('UnknownOperationException', `Missing or invalid X-Amz-Target for ${service.name}: "${target}"`);
  }
  const operationName = target.slice(dot + 1);
  const operation = findOperation(service.operations, operationName);
  if (!operation) throw notImplemented(service.name, operationName);
  const input = parseJsonObject(await request.readBody(JSON_BODY_LIMIT));
  const output = (await operation(input, ctx)) ?? {};
  return jsonResponse(200, output, ctx);
}

export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AwsError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export function renderJsonError(error: AwsError, ctx: RequestContext): HttpResponse {
  return jsonResponse(error.status, { __type: error.code, Message: error.message, ...error.extra }, ctx);
}

/** Dates become epoch seconds, as awsJson1.1 timestamps are on the wire. */
export function stringifyAwsJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key, current) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : current;
  });
}

function jsonResponse(status: number, value: unknown, ctx: RequestContext): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': ctx.requestId },
    body: stringifyAwsJson(value),
  };
}
