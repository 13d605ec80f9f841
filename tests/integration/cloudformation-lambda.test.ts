import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateDatabaseCommand, DeleteDatabaseCommand, GetDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceTimeline, stackEvents, waitForStack } from '../support/cloudformation-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

/**
 * Custom resources backed by real inline Node.js Lambdas that call Glue through the SDK, scheduled
 * rules that really fire, and a stop in the middle of a stack that ends in a terminal state.
 */
let localAws: LocalAwsProcess;
let cfn: CloudFormationClient;
let glue: GlueClient;

function clients() {
  cfn = new CloudFormationClient(clientConfig(localAws.endpoint));
  glue = new GlueClient(clientConfig(localAws.endpoint));
}

beforeAll(async () => {
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_SCHEDULE_INTERVAL_MS: '500' } });
  clients();
});
afterAll(async () => {
  await localAws?.stop();
});

/** Inline code that manages a Glue database and PUTs the custom-resource response itself. */
const GLUE_CUSTOM_RESOURCE = `
const { GlueClient, CreateDatabaseCommand, DeleteDatabaseCommand } = require('@aws-sdk/client-glue');
const http = require('http');
const https = require('https');
function respond(event, status, reason, physicalId, data) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ Status: status, Reason: reason, PhysicalResourceId: physicalId, StackId: event.StackId,
      RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: data });
    const url = new URL(event.ResponseURL);
    const request = (url.protocol === 'https:' ? https : http).request(url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => { response.resume(); response.on('end', resolve); });
    request.on('error', reject);
    request.end(body);
  });
}
exports.handler = async (event) => {
  console.log('event', JSON.stringify(event));
  const glue = new GlueClient({});
  const props = event.ResourceProperties;
  try {
    if (event.RequestType === 'Create') {
      await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: props.DatabaseName, Description: props.Flag + '/' + props.Count } }));
    } else if (event.RequestType === 'Delete' && event.PhysicalResourceId !== 'none') {
      // 'none' is what this function answered when its Create failed: nothing of its own to delete.
      await glue.send(new DeleteDatabaseCommand({ Name: event.PhysicalResourceId }));
    }
    await respond(event, 'SUCCESS', 'done', props.DatabaseName, { Upper: props.DatabaseName.toUpperCase() });
  } catch (error) {
    await respond(event, 'FAILED', error.message, event.PhysicalResourceId || 'none', {});
  }
};
`;

function functionResource(code: string, extra: Record<string, unknown> = {}) {
  return {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
    },
    Function: {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Timeout: 60, Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: code }, ...extra },
    },
  };
}

async function create(name: string, resources: Record<string, unknown>, outputs: Record<string, unknown> = {}) {
  await cfn.send(
    new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify({ Resources: resources, Outputs: outputs }), Capabilities: ['CAPABILITY_IAM'] }),
  );
  return waitForStack(cfn, name);
}

describe('custom resources', () => {
  it('invokes a real Lambda that calls Glue and answers SUCCESS; Delete reaches it too', async () => {
    const stack = await create(
      'custom-ok',
      {
        ...functionResource(GLUE_CUSTOM_RESOURCE),
        Catalog: {
          Type: 'Custom::GlueDatabase',
          Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] }, DatabaseName: 'customdb', Flag: true, Count: 3 },
        },
      },
      { Upper: { Value: { 'Fn::GetAtt': ['Catalog', 'Upper'] } }, Id: { Value: { Ref: 'Catalog' } } },
    );
    expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
    expect(Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]))).toEqual({ Upper: 'CUSTOMDB', Id: 'customdb' });
    // Scalars reach the function as strings, as CloudFormation sends them.
    expect((await glue.send(new GetDatabaseCommand({ Name: 'customdb' }))).Database?.Description).toBe('true/3');

    await cfn.send(new DeleteStackCommand({ StackName: 'custom-ok' }));
    const deleted = await waitForStack(cfn, stack.StackId!);
    expect(deleted.StackStatus, deleted.StackStatusReason).toBe('DELETE_COMPLETE');
    await expect(glue.send(new GetDatabaseCommand({ Name: 'customdb' }))).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('fails the resource with the reason a FAILED response gives, and rolls back', async () => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'takendb' } }));
    const stack = await create('custom-failed', {
      ...functionResource(GLUE_CUSTOM_RESOURCE),
      Catalog: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] }, DatabaseName: 'takendb' } },
    });
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = await stackEvents(cfn, 'custom-failed');
    const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.LogicalResourceId).toBe('Catalog');
    expect(failed?.ResourceStatusReason).toMatch(/^Received response status \[FAILED\] from custom resource\. Message returned: Database already exists\. \(RequestId: [0-9a-f-]+\)$/);
    expect(stack.StackStatusReason).toContain('Database already exists.');
    // As CloudFormation does, the rollback sends the failed custom resource a Delete, with the
    // physical id its FAILED answer gave; a well-behaved function deletes nothing that is not its own.
    expect(failed?.PhysicalResourceId).toBe('none');
    expect(resourceTimeline(events).slice(-6)).toEqual([
      'Catalog DELETE_IN_PROGRESS',
      'Catalog DELETE_COMPLETE',
      'Function DELETE_IN_PROGRESS',
      'Function DELETE_COMPLETE',
      'Role DELETE_IN_PROGRESS',
      'Role DELETE_COMPLETE',
    ]);
    await expect(glue.send(new GetDatabaseCommand({ Name: 'takendb' }))).resolves.toBeDefined();
    const lambda = new LambdaClient(clientConfig(localAws.endpoint));
    const functionName = events.find((e) => e.LogicalResourceId === 'Function' && e.PhysicalResourceId)?.PhysicalResourceId;
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: functionName }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('provides the cfn-response module to inline code', async () => {
    const stack = await create(
      'custom-cfn-response',
      {
        ...functionResource(`
          const response = require('cfn-response');
          exports.handler = function (event, context) {
            response.send(event, context, response.SUCCESS, { Answer: '42' }, 'answer-' + event.RequestType);
          };`),
        Answer: { Type: 'Custom::Answer', Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] } } },
      },
      { Answer: { Value: { 'Fn::GetAtt': ['Answer', 'Answer'] } }, Physical: { Value: { Ref: 'Answer' } } },
    );
    expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
    expect(Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]))).toEqual({ Answer: '42', Physical: 'answer-Create' });
  });

  it('fails quickly with the function error when the function crashes without responding', async () => {
    const started = Date.now();
    const stack = await create('custom-crash', {
      ...functionResource(`exports.handler = async () => { throw new TypeError('kaput'); };`),
      Crash: { Type: 'Custom::Crash', Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] } } },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.StackStatusReason).toContain('finished without sending a response to the ResponseURL: TypeError: kaput');
  });

  it('fails a ServiceToken that is not a Lambda function', async () => {
    const stack = await create('custom-sns', {
      Bad: { Type: 'Custom::Bad', Properties: { ServiceToken: 'arn:aws:sns:us-east-1:000000000000:topic' } },
    });
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.StackStatusReason).toContain('local AWS delivers custom resource requests to Lambda functions only');
  });
});

describe('scheduled rules', () => {
  it('fires the target Lambda while local AWS runs, and stops when the stack is deleted', async () => {
    const stack = await create('scheduled', {
      ...functionResource(`
        const { GlueClient, CreateDatabaseCommand } = require('@aws-sdk/client-glue');
        exports.handler = async (event) => {
          try { await new GlueClient({}).send(new CreateDatabaseCommand({ DatabaseInput: { Name: event.db, Description: event.kind } })); }
          catch (error) { if (error.name !== 'AlreadyExistsException') throw error; }
        };`),
      Schedule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          ScheduleExpression: 'rate(1 day)',
          State: 'ENABLED',
          Targets: [{ Id: 'loader', Arn: { 'Fn::GetAtt': ['Function', 'Arn'] }, Input: JSON.stringify({ db: 'scheduleddb', kind: 'tick' }) }],
        },
      },
      Permission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { Ref: 'Function' },
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': ['Schedule', 'Arn'] },
        },
      },
    });
    expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
    await expect.poll(async () => (await glue.send(new GetDatabaseCommand({ Name: 'scheduleddb' })).catch(() => undefined))?.Database?.Description, {
      timeout: 40_000,
      interval: 200,
    }).toBe('tick');

    await cfn.send(new DeleteStackCommand({ StackName: 'scheduled' }));
    expect((await waitForStack(cfn, stack.StackId!)).StackStatus).toBe('DELETE_COMPLETE');
    // Invocations that started before the rule went away may still finish; then nothing fires any more.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await glue.send(new DeleteDatabaseCommand({ Name: 'scheduleddb' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await expect(glue.send(new GetDatabaseCommand({ Name: 'scheduleddb' }))).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('rejects an invalid schedule expression', async () => {
    const stack = await create('bad-schedule', {
      Schedule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minutes)' } },
    });
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.StackStatusReason).toContain('Parameter ScheduleExpression is not valid.');
  });
});

describe('a stop in the middle of a stack', () => {
  it('deletes a stack whose DeleteStack arrived while its last resource was being created', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'deleted-while-creating',
        Capabilities: ['CAPABILITY_IAM'],
        TemplateBody: JSON.stringify({
          Resources: {
            ...functionResource(`
              const response = require('cfn-response');
              exports.handler = (event, context) => setTimeout(() => response.send(event, context, response.SUCCESS, {}, 'slow'), event.RequestType === 'Create' ? 2500 : 0);`),
            Slow: { Type: 'Custom::Slow', Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] } } },
          },
        }),
      }),
    );
    await expect
      .poll(async () => resourceTimeline(await stackEvents(cfn, 'deleted-while-creating')).at(-1), { timeout: 20_000, interval: 100 })
      .toBe('Slow CREATE_IN_PROGRESS');
    await cfn.send(new DeleteStackCommand({ StackName: 'deleted-while-creating' }));
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'deleted-while-creating' }));
    const stack = await waitForStack(cfn, Stacks![0].StackId!);
    expect(stack.StackStatus, stack.StackStatusReason).toBe('DELETE_COMPLETE');
    const timeline = resourceTimeline(await stackEvents(cfn, stack.StackId!));
    expect(timeline).toContain('Slow DELETE_COMPLETE');
    expect(timeline.at(-1)).toBe('Role DELETE_COMPLETE');
  });

  it('ends the stack in ROLLBACK_COMPLETE on the next start and removes what was created', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'interrupted',
        Capabilities: ['CAPABILITY_IAM'],
        TemplateBody: JSON.stringify({
          Resources: {
            Database: { Type: 'AWS::Glue::Database', Properties: { DatabaseInput: { Name: 'interrupteddb' } } },
            ...functionResource(`exports.handler = () => new Promise(() => setInterval(() => {}, 1000));`),
            Hang: {
              Type: 'Custom::Hang',
              DependsOn: 'Database',
              Properties: { ServiceToken: { 'Fn::GetAtt': ['Function', 'Arn'] }, ServiceTimeout: 600 },
            },
          },
        }),
      }),
    );
    await expect
      .poll(async () => resourceTimeline(await stackEvents(cfn, 'interrupted')).at(-1), { timeout: 20_000, interval: 100 })
      .toBe('Hang CREATE_IN_PROGRESS');
    await expect(glue.send(new GetDatabaseCommand({ Name: 'interrupteddb' }))).resolves.toBeDefined();

    localAws = await localAws.restart();
    clients();
    const stack = await waitForStack(cfn, 'interrupted');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.StackStatusReason).toContain('Local AWS stopped while the operation was in progress');
    const events = await stackEvents(cfn, 'interrupted');
    expect(events.find((e) => e.LogicalResourceId === 'Hang' && e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toBe(
      'Local AWS stopped while the operation was in progress',
    );
    await expect(glue.send(new GetDatabaseCommand({ Name: 'interrupteddb' }))).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    const { Stacks } = await cfn.send(new DescribeStacksCommand({}));
    expect(Stacks?.every((s) => !s.StackStatus?.endsWith('_IN_PROGRESS'))).toBe(true);
  });
});
