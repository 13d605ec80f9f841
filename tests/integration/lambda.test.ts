import { GetDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../server/local-aws/services/lambda/zip-archive';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

let localAws: LocalAwsProcess;
let lambda: LambdaClient;

const ROLE = 'arn:aws:iam::000000000000:role/test-role';

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  lambda = new LambdaClient(clientConfig(localAws.endpoint));
});
afterAll(async () => {
  await localAws?.stop();
});

function zipOf(files: Record<string, string>) {
  return writeZip(Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text) })));
}

async function createNodeFunction(name: string, code: string, extra: Partial<ConstructorParameters<typeof CreateFunctionCommand>[0]> = {}) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf({ 'index.js': code }) },
      ...extra,
    }),
  );
}

async function invoke(name: string, payload: unknown, logs = false) {
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)), LogType: logs ? 'Tail' : undefined }),
  );
  return {
    ...result,
    body: result.Payload ? JSON.parse(Buffer.from(result.Payload).toString('utf8')) : undefined,
    log: result.LogResult ? Buffer.from(result.LogResult, 'base64').toString('utf8') : '',
  };
}

describe('Lambda functions', () => {
  it('creates, gets, lists and deletes a function', async () => {
    const created = await createNodeFunction('crud-fn', 'exports.handler = async () => 1;', {
      Environment: { Variables: { A: 'b' } },
      Timeout: 10,
    });
    expect(created).toMatchObject({
      FunctionName: 'crud-fn',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:crud-fn',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Timeout: 10,
      MemorySize: 128,
      Environment: { Variables: { A: 'b' } },
      State: 'Active',
      Version: '$LATEST',
    });
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: created.FunctionArn }));
    expect(got.Configuration?.CodeSha256).toBe(created.CodeSha256);
    const download = await fetch(got.Code!.Location!);
    expect(readZip(Buffer.from(await download.arrayBuffer())).map((e) => e.name)).toEqual(['index.js']);

    const listed = await lambda.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).toContain('crud-fn');

    await expect(createNodeFunction('crud-fn', '')).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'Function already exist: crud-fn',
    });
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'crud-fn' }));
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'crud-fn' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:crud-fn',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('runs a Node.js handler in its own process with the event, context and environment', async () => {
    await createNodeFunction(
      'echo-fn',
      `exports.handler = async (event, context) => {
         console.log('got', JSON.stringify(event));
         return { event, pid: process.pid, fn: context.functionName, remaining: context.getRemainingTimeInMillis() > 0,
                  region: process.env.AWS_REGION, endpoint: process.env.AWS_ENDPOINT_URL, custom: process.env.CUSTOM };
       };`,
      { Environment: { Variables: { CUSTOM: 'yes' } } },
    );
    const result = await invoke('echo-fn', { hello: 'world' }, true);
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(result.body).toMatchObject({
      event: { hello: 'world' },
      fn: 'echo-fn',
      remaining: true,
      region: 'us-east-1',
      endpoint: localAws.endpoint,
      custom: 'yes',
    });
    expect(result.body.pid).not.toBe(process.pid);
    expect(result.log).toMatch(/START RequestId: [0-9a-f-]+ Version: \$LATEST/);
    expect(result.log).toContain('INFO\tgot {"hello":"world"}');
    expect(result.log).toMatch(/REPORT RequestId: .*Duration: /);
  });

  it('supports callback-style handlers and reports thrown errors as Unhandled', async () => {
    await createNodeFunction('callback-fn', `exports.handler = (event, context, callback) => { setTimeout(() => callback(null, event.n * 2), 10); };`);
    expect((await invoke('callback-fn', { n: 21 })).body).toBe(42);

    await createNodeFunction('throw-fn', `exports.handler = async () => { const e = new Error('boom'); e.name = 'MyError'; throw e; };`);
    const failed = await invoke('throw-fn', {});
    expect(failed.FunctionError).toBe('Unhandled');
    expect(failed.body).toMatchObject({ errorType: 'MyError', errorMessage: 'boom' });

    await createNodeFunction('missing-handler-fn', `exports.other = async () => 1;`);
    expect((await invoke('missing-handler-fn', {})).body).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
  });

  it('kills a function that runs past its timeout', async () => {
    await createNodeFunction('slow-fn', `exports.handler = () => new Promise(() => setInterval(() => {}, 1000));`, { Timeout: 1 });
    const started = Date.now();
    const result = await invoke('slow-fn', {});
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.body.errorMessage).toMatch(/Task timed out after 1\.00 seconds/);
  });

  it('loads ES module handlers', async () => {
    await createNodeFunction('esm-fn', `export const handler = async (event) => ({ esm: true, n: event.n });`);
    expect((await invoke('esm-fn', { n: 1 })).body).toEqual({ esm: true, n: 1 });
  });

  it('gives ES module handlers the AWS SDK too, whatever the data dir', async () => {
    const esm = `import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
      export const handler = async () => (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;`;
    await createNodeFunction('esm-sdk-fn', '', { Timeout: 30, Code: { ZipFile: zipOf({ 'index.mjs': esm }) } });
    const result = await invoke('esm-sdk-fn', {});
    expect(result.FunctionError, JSON.stringify(result.body)).toBeUndefined();
    expect(result.body).toBe('000000000000');
  });

  it('gives functions the AWS SDK, pointed at local AWS', async () => {
    await createNodeFunction(
      'glue-fn',
      `const { GlueClient, CreateDatabaseCommand } = require('@aws-sdk/client-glue');
       exports.handler = async (event) => {
         await new GlueClient({}).send(new CreateDatabaseCommand({ DatabaseInput: { Name: event.db } }));
         return 'created';
       };`,
      { Timeout: 30 },
    );
    const result = await invoke('glue-fn', { db: 'from_lambda' });
    expect(result.FunctionError, JSON.stringify(result.body)).toBeUndefined();
    expect(result.body).toBe('created');
    const glue = new GlueClient(clientConfig(localAws.endpoint));
    expect((await glue.send(new GetDatabaseCommand({ Name: 'from_lambda' }))).Database?.Name).toBe('from_lambda');
  });

  it('stores functions of other runtimes but fails them clearly when invoked', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'python-fn',
        Runtime: 'python3.12',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.py': 'def handler(e, c):\n  return 1\n' }) },
      }),
    );
    const result = await invoke('python-fn', {});
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.body.errorType).toBe('Runtime.Unsupported');
    expect(result.body.errorMessage).toContain('python3.12');
  });

  it('accepts Event and DryRun invocations', async () => {
    await createNodeFunction('async-fn', 'exports.handler = async () => 1;');
    const event = await lambda.send(new InvokeCommand({ FunctionName: 'async-fn', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    expect(event.StatusCode).toBe(202);
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'async-fn', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'nope-fn' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
