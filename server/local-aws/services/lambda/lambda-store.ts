import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../../errors';
import type { Db, Migration } from '../../store/database';

/**
 * Lambda functions of local AWS, per region: the FunctionConfiguration as the Lambda API returns it,
 * the code (inline files, as CloudFormation's ZipFile gives them, or a zip package kept as an object
 * file), the resource policy and tags. Shared by the Lambda API, CloudFormation and the scheduler.
 */

export const lambdaMigrations: Migration[] = [
  {
    id: 'lambda-0001-functions',
    sql: `
      CREATE TABLE lambda_functions (
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        configuration TEXT NOT NULL,
        code TEXT NOT NULL,
        policy TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (region, name)
      ) WITHOUT ROWID;
    `,
  },
];

/** Where a function's code is: inline files (CloudFormation ZipFile) or a zip kept in object files. */
export type LambdaCode = { kind: 'inline'; files: Record<string, string> } | { kind: 'zip'; fileId: string; size: number };

export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  TracingConfig: { Mode: string };
  RevisionId: string;
  State: string;
  LastUpdateStatus: string;
  PackageType: string;
  Architectures: string[];
  EphemeralStorage: { Size: number };
  [extra: string]: unknown;
}

export interface StoredFunction {
  region: string;
  configuration: FunctionConfiguration;
  code: LambdaCode;
  policy: PolicyStatement[];
  tags: Record<string, string>;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: unknown;
  Action: string;
  Resource: string;
  Condition?: unknown;
}

export interface CreateFunctionInput {
  FunctionName: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  Architectures?: string[];
  Tags?: Record<string, string>;
  code: LambdaCode;
  codeSha256: string;
}

const FUNCTION_NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;

export const lambdaErrors = {
  notFound: (arn: string) => new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404, { Type: 'User' }),
  conflict: (name: string) => new AwsError('ResourceConflictException', `Function already exist: ${name}`, 409, { Type: 'User' }),
  invalid: (message: string) => new AwsError('InvalidParameterValueException', message, 400, { Type: 'User' }),
  validation: (message: string) => new AwsError('ValidationException', message, 400),
};

/** Lambda's LastModified format: 2024-01-01T12:00:00.000+0000. */
export function lambdaTimestamp(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}

export function sha256Base64(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('base64');
}

export class LambdaStore {
  constructor(
    readonly db: Db,
    readonly accountId: string,
  ) {}

  functionArn(region: string, name: string) {
    return `arn:aws:lambda:${region}:${this.accountId}:function:${name}`;
  }

  /** Accepts a name, a full ARN or a partial ARN (123456789012:function:name), with an optional qualifier. */
  parseFunctionName(region: string, nameOrArn: string): { region: string; name: string; qualifier?: string } {
    const decoded = nameOrArn;
    let match = FUNCTION_ARN.exec(decoded);
    if (match) return { region: match[1], name: match[3], qualifier: match[4] };
    match = PARTIAL_ARN.exec(decoded);
    if (match) return { region, name: match[2], qualifier: match[3] };
    const colon = decoded.indexOf(':');
    if (colon > 0 && FUNCTION_NAME.test(decoded.slice(0, colon))) {
      return { region, name: decoded.slice(0, colon), qualifier: decoded.slice(colon + 1) };
    }
    if (!FUNCTION_NAME.test(decoded)) {
      throw lambdaErrors.validation(
        `1 validation error detected: Value '${decoded}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
      );
    }
    return { region, name: decoded };
  }

  get(region: string, nameOrArn: string): StoredFunction | undefined {
    const ref = this.parseFunctionName(region, nameOrArn);
    const row = this.db
      .prepare('SELECT region, configuration, code, policy, tags FROM lambda_functions WHERE region = ? AND name = ?')
      .get(ref.region, ref.name) as { region: string; configuration: string; code: string; policy: string; tags: string } | undefined;
    if (!row) return undefined;
    return {
      region: row.region,
      configuration: JSON.parse(row.configuration),
      code: JSON.parse(row.code),
      policy: JSON.parse(row.policy),
      tags: JSON.parse(row.tags),
    };
  }

  require(region: string, nameOrArn: string): StoredFunction {
    const found = this.get(region, nameOrArn);
    if (found) return found;
    const ref = this.parseFunctionName(region, nameOrArn);
    throw lambdaErrors.notFound(this.functionArn(ref.region, ref.name));
  }

  list(region: string): FunctionConfiguration[] {
    const rows = this.db.prepare('SELECT configuration FROM lambda_functions WHERE region = ? ORDER BY name').pluck().all(region) as string[];
    return rows.map((raw) => JSON.parse(raw) as FunctionConfiguration);
  }

  create(region: string, input: CreateFunctionInput): FunctionConfiguration {
    const name = input.FunctionName;
    if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
      throw lambdaErrors.validation(
        `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length less than or equal to 64`,
      );
    }
    if (typeof input.Role !== 'string' || !/^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/.test(input.Role)) {
      throw lambdaErrors.validation(
        `1 validation error detected: Value '${input.Role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
      );
    }
    if (!input.Runtime) throw lambdaErrors.invalid('Runtime is required for .zip deployment packages.');
    if (!input.Handler) throw lambdaErrors.invalid('Handler is required for .zip deployment packages.');
    const timeout = input.Timeout ?? 3;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
      throw lambdaErrors.validation(`1 validation error detected: Value '${timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900`);
    }
    const memory = input.MemorySize ?? 128;
    if (!Number.isInteger(memory) || memory < 128 || memory > 10240) {
      throw lambdaErrors.validation(`1 validation error detected: Value '${memory}' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240`);
    }
    const configuration: FunctionConfiguration = {
      FunctionName: name,
      FunctionArn: this.functionArn(region, name),
      Runtime: input.Runtime,
      Role: input.Role,
      Handler: input.Handler,
      CodeSize: codeSize(input.code),
      Description: input.Description ?? '',
      Timeout: timeout,
      MemorySize: memory,
      LastModified: lambdaTimestamp(),
      CodeSha256: input.codeSha256,
      Version: '$LATEST',
      ...(input.Environment?.Variables ? { Environment: { Variables: stringMap(input.Environment.Variables) } } : {}),
      TracingConfig: { Mode: 'PassThrough' },
      RevisionId: randomUUID(),
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: input.Architectures?.length ? input.Architectures : ['x86_64'],
      EphemeralStorage: { Size: 512 },
    };
    const inserted = this.db
      .prepare('INSERT OR IGNORE INTO lambda_functions (region, name, configuration, code, tags) VALUES (?, ?, ?, ?, ?)')
      .run(region, name, JSON.stringify(configuration), JSON.stringify(input.code), JSON.stringify(input.Tags ?? {}));
    if (inserted.changes === 0) throw lambdaErrors.conflict(name);
    return configuration;
  }

  /** Removes the function; returns its code so the caller can release a stored zip. */
  delete(region: string, nameOrArn: string): LambdaCode {
    const fn = this.require(region, nameOrArn);
    this.db.prepare('DELETE FROM lambda_functions WHERE region = ? AND name = ?').run(fn.region, fn.configuration.FunctionName);
    return fn.code;
  }

  updateConfiguration(region: string, nameOrArn: string, patch: Partial<FunctionConfiguration>): FunctionConfiguration {
    const fn = this.require(region, nameOrArn);
    const configuration = { ...fn.configuration, ...patch, LastModified: lambdaTimestamp(), RevisionId: randomUUID() };
    this.db
      .prepare('UPDATE lambda_functions SET configuration = ? WHERE region = ? AND name = ?')
      .run(JSON.stringify(configuration), fn.region, fn.configuration.FunctionName);
    return configuration;
  }

  updateCode(region: string, nameOrArn: string, code: LambdaCode, codeSha256: string): { configuration: FunctionConfiguration; previous: LambdaCode } {
    const fn = this.require(region, nameOrArn);
    const configuration = {
      ...fn.configuration,
      CodeSha256: codeSha256,
      CodeSize: codeSize(code),
      LastModified: lambdaTimestamp(),
      RevisionId: randomUUID(),
    };
    this.db
      .prepare('UPDATE lambda_functions SET configuration = ?, code = ? WHERE region = ? AND name = ?')
      .run(JSON.stringify(configuration), JSON.stringify(code), fn.region, fn.configuration.FunctionName);
    return { configuration, previous: fn.code };
  }

  addPermission(region: string, nameOrArn: string, statement: PolicyStatement): void {
    const fn = this.require(region, nameOrArn);
    if (fn.policy.some((existing) => existing.Sid === statement.Sid)) {
      throw new AwsError('ResourceConflictException', `The statement id (${statement.Sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`, 409, { Type: 'User' });
    }
    this.savePolicy(fn, [...fn.policy, statement]);
  }

  removePermission(region: string, nameOrArn: string, sid: string): void {
    const fn = this.require(region, nameOrArn);
    if (!fn.policy.some((existing) => existing.Sid === sid)) {
      throw new AwsError('ResourceNotFoundException', `Statement ${sid} is not found in resource policy.`, 404, { Type: 'User' });
    }
    this.savePolicy(fn, fn.policy.filter((existing) => existing.Sid !== sid));
  }

  private savePolicy(fn: StoredFunction, policy: PolicyStatement[]) {
    this.db
      .prepare('UPDATE lambda_functions SET policy = ? WHERE region = ? AND name = ?')
      .run(JSON.stringify(policy), fn.region, fn.configuration.FunctionName);
  }
}

function codeSize(code: LambdaCode): number {
  if (code.kind === 'zip') return code.size;
  return Object.values(code.files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
}

function stringMap(map: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v)]));
}
