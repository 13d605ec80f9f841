import { randomUUID } from 'node:crypto';
import { AwsError, notImplemented } from '../../errors';
import { parseJsonObject } from '../../protocols/json-1-1';
import type { HttpResponse, RestService } from '../../protocols/service-definition';
import type { RawRequest, RequestContext } from '../../request-context';
import type { ObjectFiles } from '../../store/object-files';
import type { S3Store } from '../s3/s3-store';
import type { LambdaRuntime } from './lambda-runtime';
import { lambdaErrors, sha256Base64, type CreateFunctionInput, type LambdaCode, type LambdaStore, type StoredFunction } from './lambda-store';
import { readZip, ZipError } from './zip-archive';

/**
 * Lambda's REST-JSON API (signing name `lambda`, paths under /2015-03-31/functions): create, read,
 * list, delete and invoke functions, plus the resource policy CloudFormation's Permission writes.
 */
export interface LambdaServiceDeps {
  store: LambdaStore;
  runtime: LambdaRuntime;
  files: ObjectFiles;
  s3: S3Store;
}

const BODY_LIMIT = 70 * 1024 * 1024;

export function createLambdaService(deps: LambdaServiceDeps): RestService {
  return {
    name: 'Lambda',
    signingName: 'lambda',
    protocol: 'rest-json',
    renderError: (error, ctx) => renderLambdaError(error, ctx),
    async handle(request, ctx) {
      const path = request.rawPath.replace(/\/+$/, '');
      const method = request.method;
      const functionsRoot = '/2015-03-31/functions';
      if (path === functionsRoot) {
        if (method === 'POST') return createFunction(deps, request, ctx);
        if (method === 'GET') return listFunctions(deps, request, ctx);
      }
      const match = /^\/2015-03-31\/functions\/([^/]+)(\/.*)?$/.exec(path);
      if (match) {
        const name = decodeURIComponent(match[1]);
        const rest = match[2] ?? '';
        if (rest === '' && method === 'GET') return getFunction(deps, ctx, name);
        if (rest === '' && method === 'DELETE') return deleteFunction(deps, ctx, name);
        if (rest === '/configuration' && method === 'GET') return json(200, deps.store.require(ctx.region, name).configuration, ctx);
        if (rest === '/configuration' && method === 'PUT') return updateConfiguration(deps, request, ctx, name);
        if (rest === '/code' && method === 'PUT') return updateCode(deps, request, ctx, name);
        if (rest === '/invocations' && method === 'POST') return invoke(deps, request, ctx, name);
        if (rest === '/policy' && method === 'POST') return addPermission(deps, request, ctx, name);
        if (rest === '/policy' && method === 'GET') return getPolicy(deps, ctx, name);
        const sid = /^\/policy\/([^/]+)$/.exec(rest);
        if (sid && method === 'DELETE') {
          deps.store.removePermission(ctx.region, name, decodeURIComponent(sid[1]));
          return { status: 204, headers: { 'x-amzn-requestid': ctx.requestId } };
        }
      }
      throw notImplemented('Lambda', `${method} ${path}`);
    },
  };
}

export function renderLambdaError(error: AwsError, ctx: RequestContext): HttpResponse {
  const { Type, ...extra } = error.extra;
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': ctx.requestId,
      'x-amzn-errortype': error.code,
    },
    body: JSON.stringify({ Type: Type ?? (error.status >= 500 ? 'Service' : 'User'), Message: error.message, ...extra }),
  };
}

function json(status: number, value: unknown, ctx: RequestContext): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': ctx.requestId }, body: JSON.stringify(value) };
}

async function readJson(request: RawRequest): Promise<Record<string, unknown>> {
  return parseJsonObject(await request.readBody(BODY_LIMIT));
}

/** Turns a Code structure (ZipFile base64, or S3Bucket/S3Key) into stored code and its hash. */
async function codeFromInput(deps: LambdaServiceDeps, code: Record<string, unknown> | undefined): Promise<{ code: LambdaCode; sha: string }> {
  if (!code || typeof code !== 'object') throw lambdaErrors.invalid('Code is required.');
  let zip: Buffer;
  if (typeof code.ZipFile === 'string') {
    zip = Buffer.from(code.ZipFile, 'base64');
  } else if (typeof code.S3Bucket === 'string' && typeof code.S3Key === 'string') {
    const object = deps.s3.getObject(code.S3Bucket, code.S3Key);
    if (!object) {
      throw lambdaErrors.invalid(`Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.`);
    }
    zip = await deps.files.readAll(object.fileId);
  } else if (typeof code.ImageUri === 'string') {
    throw lambdaErrors.invalid('Container image functions are not supported by local AWS.');
  } else {
    throw lambdaErrors.invalid('Please provide a source for function code.');
  }
  try {
    readZip(zip);
  } catch (error) {
    if (error instanceof ZipError) throw lambdaErrors.invalid(`Could not unzip uploaded file. Please check your file, then try to upload again. (${error.message})`);
    throw error;
  }
  const stored = await deps.files.write(zip);
  return { code: { kind: 'zip', fileId: stored.fileId, size: stored.size }, sha: sha256Base64(zip) };
}

async function createFunction(deps: LambdaServiceDeps, request: RawRequest, ctx: RequestContext): Promise<HttpResponse> {
  const input = await readJson(request);
  if ((input.PackageType as string | undefined) === 'Image') throw lambdaErrors.invalid('Container image functions are not supported by local AWS.');
  const { code, sha } = await codeFromInput(deps, input.Code as Record<string, unknown> | undefined);
  try {
    const configuration = deps.store.create(ctx.region, { ...(input as unknown as CreateFunctionInput), code, codeSha256: sha });
    return json(201, configuration, ctx);
  } catch (error) {
    if (code.kind === 'zip') await deps.files.remove(code.fileId);
    throw error;
  }
}

function listFunctions(deps: LambdaServiceDeps, request: RawRequest, ctx: RequestContext): HttpResponse {
  const all = deps.store.list(ctx.region);
  const max = Number(request.query.get('MaxItems') ?? 50);
  const marker = request.query.get('Marker');
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString('utf8')) || 0 : 0;
  const page = all.slice(start, start + max);
  const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return json(200, { Functions: page, ...(next ? { NextMarker: next } : {}) }, ctx);
}

function getFunction(deps: LambdaServiceDeps, ctx: RequestContext, name: string): HttpResponse {
  const fn = deps.store.require(ctx.region, name);
  return json(
    200,
    {
      Configuration: fn.configuration,
      Code: { RepositoryType: 'S3', Location: `${ctx.endpoint}/_local-aws/lambda-code/${fn.region}/${fn.configuration.FunctionName}` },
      Tags: fn.tags,
    },
    ctx,
  );
}

async function deleteFunction(deps: LambdaServiceDeps, ctx: RequestContext, name: string): Promise<HttpResponse> {
  const code = deps.store.delete(ctx.region, name);
  if (code.kind === 'zip') await deps.files.remove(code.fileId);
  return { status: 204, headers: { 'x-amzn-requestid': ctx.requestId } };
}

async function updateConfiguration(deps: LambdaServiceDeps, request: RawRequest, ctx: RequestContext, name: string): Promise<HttpResponse> {
  const input = await readJson(request);
  const patch: Record<string, unknown> = {};
  for (const key of ['Role', 'Handler', 'Description', 'Timeout', 'MemorySize', 'Runtime', 'Environment']) {
    if (input[key] !== undefined) patch[key] = input[key];
  }
  return json(200, deps.store.updateConfiguration(ctx.region, name, patch), ctx);
}

async function updateCode(deps: LambdaServiceDeps, request: RawRequest, ctx: RequestContext, name: string): Promise<HttpResponse> {
  deps.store.require(ctx.region, name);
  const input = await readJson(request);
  const { code, sha } = await codeFromInput(deps, input);
  const { configuration, previous } = deps.store.updateCode(ctx.region, name, code, sha);
  if (previous.kind === 'zip') await deps.files.remove(previous.fileId);
  return json(200, configuration, ctx);
}

async function invoke(deps: LambdaServiceDeps, request: RawRequest, ctx: RequestContext, name: string): Promise<HttpResponse> {
  const fn: StoredFunction = deps.store.require(ctx.region, name);
  const body = await request.readBody(6 * 1024 * 1024);
  let event: unknown = {};
  const text = body.toString('utf8').trim();
  if (text !== '') {
    try {
      event = JSON.parse(text);
    } catch {
      throw new AwsError('InvalidRequestContentException', 'Could not parse request body into json: Could not parse payload into json', 400, { Type: 'User' });
    }
  }
  const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  const headers: Record<string, string> = { 'x-amzn-requestid': ctx.requestId, 'x-amz-executed-version': fn.configuration.Version };
  if (invocationType === 'DryRun') return { status: 204, headers };
  if (invocationType === 'Event') {
    deps.runtime.invokeAsync(fn.region, fn.configuration.FunctionArn, event);
    return { status: 202, headers };
  }
  if (invocationType !== 'RequestResponse') {
    throw lambdaErrors.validation(
      `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
    );
  }
  const result = await deps.runtime.invoke(fn.region, fn.configuration.FunctionArn, event);
  headers['content-type'] = 'application/json';
  if (result.functionError) headers['x-amz-function-error'] = result.functionError;
  if (String(request.headers['x-amz-log-type'] ?? '') === 'Tail') {
    const tail = Buffer.from(result.log, 'utf8');
    headers['x-amz-log-result'] = tail.subarray(Math.max(0, tail.length - 4096)).toString('base64');
  }
  return { status: 200, headers, body: result.payload };
}

async function addPermission(deps: LambdaServiceDeps, request: RawRequest, ctx: RequestContext, name: string): Promise<HttpResponse> {
  const fn = deps.store.require(ctx.region, name);
  const input = await readJson(request);
  const statement = permissionStatement(fn.configuration.FunctionArn, input);
  deps.store.addPermission(ctx.region, name, statement);
  return json(201, { Statement: JSON.stringify(statement) }, ctx);
}

function getPolicy(deps: LambdaServiceDeps, ctx: RequestContext, name: string): HttpResponse {
  const fn = deps.store.require(ctx.region, name);
  if (fn.policy.length === 0) {
    throw new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404, { Type: 'User' });
  }
  return json(200, { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: fn.policy }), RevisionId: fn.configuration.RevisionId }, ctx);
}

/** The policy statement AddPermission (and CloudFormation's AWS::Lambda::Permission) records. */
export function permissionStatement(functionArn: string, input: Record<string, unknown>) {
  const action = input.Action;
  const principal = input.Principal;
  if (typeof action !== 'string' || action === '') throw lambdaErrors.invalid('Action is required.');
  if (typeof principal !== 'string' || principal === '') throw lambdaErrors.invalid('Principal is required.');
  const condition: Record<string, Record<string, string>> = {};
  if (typeof input.SourceArn === 'string') condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (typeof input.SourceAccount === 'string') condition.StringEquals = { 'AWS:SourceAccount': input.SourceAccount };
  return {
    Sid: typeof input.StatementId === 'string' && input.StatementId !== '' ? input.StatementId : randomUUID(),
    Effect: 'Allow' as const,
    Principal: principal.includes('.') ? { Service: principal } : { AWS: principal },
    Action: action,
    Resource: functionArn,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}
