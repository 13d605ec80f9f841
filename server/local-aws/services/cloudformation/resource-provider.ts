import { randomBytes } from 'node:crypto';

/**
 * The contract between the stack engine and one resource type: create returns the physical id,
 * the Ref value and the GetAtt attributes; delete removes what create made. A thrown error fails
 * the resource with the error's message as ResourceStatusReason.
 */
export interface ResourceRequest {
  region: string;
  accountId: string;
  stackId: string;
  stackName: string;
  logicalId: string;
  resourceType: string;
  properties: Record<string, unknown>;
  tags: { Key: string; Value: string }[];
  /** A name like CloudFormation generates: <stack>-<logicalId>-<RANDOM>, cut to fit. */
  physicalName(options?: { maxLength?: number; lowercase?: boolean }): string;
}

export interface DeleteRequest extends ResourceRequest {
  physicalId: string;
  attributes: Record<string, unknown>;
}

export interface CreatedResource {
  physicalId: string;
  /** What Ref returns; the physical id when omitted. */
  ref?: string;
  attributes?: Record<string, unknown>;
}

export interface ResourceProvider {
  create(request: ResourceRequest): Promise<CreatedResource> | CreatedResource;
  delete(request: DeleteRequest): Promise<void> | void;
}

/** A failure whose message is the resource's status reason as the user should read it. */
export class ResourceFailure extends Error {
  /**
   * A resource that failed but may exist all the same (a custom resource whose function answered
   * FAILED): the rollback still sends it a Delete with this physical id, as CloudFormation does.
   */
  readonly physicalId?: string;

  constructor(message: string, options: { physicalId?: string } = {}) {
    super(message);
    if (options.physicalId !== undefined) this.physicalId = options.physicalId;
  }
}

export function requireProperty<T = unknown>(request: ResourceRequest, name: string): T {
  const value = request.properties[name];
  if (value === undefined || value === null || value === '') {
    throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message: #: required key [${name}] not found`);
  }
  return value as T;
}

export function optionalString(request: ResourceRequest, name: string): string | undefined {
  const value = request.properties[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message: #/${name}: expected type: String, found: ${Array.isArray(value) ? 'JSONArray' : 'JSONObject'}`);
  }
  return String(value);
}

/** CloudFormation-style generated names: stack name and logical id shortened so the whole fits. */
export function generatePhysicalName(stackName: string, logicalId: string, options: { maxLength?: number; lowercase?: boolean } = {}) {
  const maxLength = options.maxLength ?? 128;
  const alphabet = options.lowercase ? 'abcdefghijklmnopqrstuvwxyz0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(12);
  const suffix = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  const budget = Math.max(2, maxLength - suffix.length - 2);
  let stack = stackName;
  let logical = logicalId;
  while (stack.length + logical.length > budget) {
    if (stack.length >= logical.length) stack = stack.slice(0, -1);
    else logical = logical.slice(0, -1);
  }
  const name = `${stack}-${logical}-${suffix}`;
  return options.lowercase ? name.toLowerCase() : name;
}

/** Map values CloudFormation passes to services that take string maps (Glue Parameters, tags). */
export function stringMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
