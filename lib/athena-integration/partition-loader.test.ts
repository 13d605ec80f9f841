import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PARTITION_LOADER_SOURCE } from './partition-loader-source';

/**
 * Runs the Lambda source as Lambda would (CommonJS, `exports.handler`), with a recording stand-in for
 * `@aws-sdk/client-glue` and a real HTTP server as CloudFormation's ResponseURL.
 */

interface Table {
  keys: string[];
  location: string;
}
interface PartitionInput {
  Values: string[];
  StorageDescriptor: { Location: string };
}
interface GlueInput {
  Name?: string;
  TableName?: string;
  PartitionInputList?: PartitionInput[];
}
interface Call {
  command: string;
  input: GlueInput;
}
type Handler = (event: object, context?: object) => Promise<unknown>;

let tables: Record<string, Table> = {};
let calls: Call[] = [];
let existing = new Set<string>();
let failWith: string | undefined;
const httpsRequests: string[] = [];
const logs: string[] = [];

class Command {
  constructor(readonly input: GlueInput) {}
}
class GetTableCommand extends Command {}
class BatchCreatePartitionCommand extends Command {}
class GlueClient {
  async send(command: Command) {
    calls.push({ command: command.constructor.name, input: command.input });
    if (command instanceof GetTableCommand) {
      const table = tables[command.input.Name!];
      if (!table) throw Object.assign(new Error(`Table ${command.input.Name} not found.`), { name: 'EntityNotFoundException' });
      return {
        Table: {
          Name: command.input.Name,
          PartitionKeys: table.keys.map((Name) => ({ Name, Type: 'string' })),
          StorageDescriptor: { Location: table.location, Columns: [{ Name: 'srcaddr', Type: 'string' }], SerdeInfo: { SerializationLibrary: 'x' } },
        },
      };
    }
    const Errors = command.input.PartitionInputList!.flatMap((p) => {
      const id = p.Values.join('/');
      if (failWith) return [{ PartitionValues: p.Values, ErrorDetail: { ErrorCode: failWith, ErrorMessage: 'no' } }];
      if (existing.has(id)) return [{ PartitionValues: p.Values, ErrorDetail: { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'exists' } }];
      existing.add(id);
      return [];
    });
    return { Errors };
  }
}

function loadHandler(): Handler {
  const lambdaModule = { exports: {} as { handler?: Handler } };
  const fakeRequire = (name: string) => {
    if (name === '@aws-sdk/client-glue') return { GlueClient, GetTableCommand, BatchCreatePartitionCommand };
    if (name === 'http') return http;
    if (name === 'https') {
      return {
        request: (url: URL) => {
          httpsRequests.push(url.href);
          throw new Error('no TLS in this test');
        },
      };
    }
    throw new Error(`unexpected require(${name})`);
  };
  const quietConsole = { log: (...args: unknown[]) => logs.push(args.join(' ')), error: (...args: unknown[]) => logs.push(args.join(' ')) };
  new Function('require', 'module', 'exports', 'console', PARTITION_LOADER_SOURCE)(fakeRequire, lambdaModule, lambdaModule.exports, quietConsole);
  return lambdaModule.exports.handler!;
}

let server: http.Server;
let responseUrl: string;
let responses: { method: string; contentType: string | undefined; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      responses.push({ method: req.method!, contentType: req.headers['content-type'], body: JSON.parse(body) });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cloudformation-response?sig=1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  tables = {};
  calls = [];
  existing = new Set();
  failWith = undefined;
  responses = [];
  httpsRequests.length = 0;
  logs.length = 0;
});

const props = { dbName: 'vpcflowlogsathenadatabasefl1', account_id: '000000000000', service: 'vpcflowlogs', region: 'us-east-1' };
const event = (RequestType: string, athenaIntegrations: object[], extra: object = {}) => ({
  RequestType,
  ResponseURL: responseUrl,
  StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1',
  RequestId: 'req-1',
  LogicalResourceId: 'VPCFlowLogsAthenaStartInitializer',
  ResourceType: 'Custom::VPCFlowLogsAthenaStartInitializer',
  ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:f', ...props, athenaIntegrations },
  ...extra,
});
const created = () => calls.filter((c) => c.command === 'BatchCreatePartitionCommand').flatMap((c) => c.input.PartitionInputList!);

describe('the partition loader', () => {
  it('fits the 4,096 characters CloudFormation once allowed inline, and uses only the Glue client and http(s)', () => {
    expect(PARTITION_LOADER_SOURCE.length).toBeLessThanOrEqual(4096);
    expect([...PARTITION_LOADER_SOURCE.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1])).toEqual(['@aws-sdk/client-glue']);
    expect(PARTITION_LOADER_SOURCE).toContain("require(url.protocol === 'http:' ? 'http' : 'https')");
  });

  it('on Create loads every day of the range into a plain table and answers SUCCESS over http', async () => {
    tables.t1 = { keys: ['year', 'month', 'day'], location: 's3://b/AWSLogs/000000000000/vpcflowlogs/us-east-1/' };
    const handler = loadHandler();
    await handler(
      event('Create', [{ partitionTableName: 't1', partitionLoadFrequency: 'none', partitionStartDate: '2021-04-14T10:00:00.000Z', partitionEndDate: '2021-04-16T00:00:00.000Z' }]),
      { logStreamName: '2021/04/14/[$LATEST]abc' },
    );
    expect(created().map((p) => p.Values)).toEqual([
      ['2021', '04', '14'],
      ['2021', '04', '15'],
      ['2021', '04', '16'],
    ]);
    expect(created()[0].StorageDescriptor.Location).toBe('s3://b/AWSLogs/000000000000/vpcflowlogs/us-east-1/2021/04/14/');
    expect(created()[0].StorageDescriptor).toMatchObject({ SerdeInfo: { SerializationLibrary: 'x' } });
    expect(responses).toEqual([
      {
        method: 'PUT',
        contentType: '',
        body: {
          Status: 'SUCCESS',
          Reason: '',
          PhysicalResourceId: 'VPCFlowLogsAthenaStartInitializer-vpcflowlogsathenadatabasefl1',
          StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1',
          RequestId: 'req-1',
          LogicalResourceId: 'VPCFlowLogsAthenaStartInitializer',
          Data: {},
        },
      },
    ]);
  });

  it('loads hour partitions with Hive key=value paths and plain values', async () => {
    tables.t2 = { keys: ['aws-account-id', 'aws-service', 'aws-region', 'year', 'month', 'day', 'hour'], location: 's3://b/logs/AWSLogs/' };
    await loadHandler()(event('Create', [{ partitionTableName: 't2', partitionLoadFrequency: 'daily', partitionStartDate: '2021-04-15T00:00:00Z', partitionEndDate: '2021-04-15T00:00:00Z' }]));
    const partitions = created();
    expect(partitions).toHaveLength(24);
    expect(partitions[23].Values).toEqual(['000000000000', 'vpcflowlogs', 'us-east-1', '2021', '04', '15', '23']);
    expect(partitions[23].StorageDescriptor.Location).toBe(
      's3://b/logs/AWSLogs/aws-account-id=000000000000/aws-service=vpcflowlogs/aws-region=us-east-1/year=2021/month=04/day=15/hour=23/',
    );
  });

  it('loads month partitions for a monthly table', async () => {
    tables.t3 = { keys: ['year', 'month'], location: 's3://b/p/' };
    await loadHandler()(event('Create', [{ partitionTableName: 't3', partitionLoadFrequency: 'monthly', partitionStartDate: '2020-11-20T00:00:00Z', partitionEndDate: '2021-02-01T00:00:00Z' }]));
    expect(created().map((p) => p.Values)).toEqual([
      ['2020', '11'],
      ['2020', '12'],
      ['2021', '01'],
      ['2021', '02'],
    ]);
    expect(created()[1].StorageDescriptor.Location).toBe('s3://b/p/2020/12/');
  });

  it('creates a year of days in batches of 100, skipping partitions that already exist', async () => {
    tables.t4 = { keys: ['year', 'month', 'day'], location: 's3://b/' };
    existing.add('2021/03/01');
    const integrations = [{ partitionTableName: 't4', partitionLoadFrequency: 'none', partitionStartDate: '2021-01-01T00:00:00Z', partitionEndDate: '2021-12-31T00:00:00Z' }];
    await loadHandler()(event('Create', integrations));
    const batches = calls.filter((c) => c.command === 'BatchCreatePartitionCommand');
    expect(batches.map((b) => b.input.PartitionInputList!.length)).toEqual([100, 100, 100, 65]);
    expect(existing.size).toBe(365);
    expect(responses[0].body.Status).toBe('SUCCESS');
    // Update runs the same load again; everything exists by now and it still succeeds.
    await loadHandler()(event('Update', integrations, { PhysicalResourceId: 'kept-id' }));
    expect(responses[1].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'kept-id' });
  });

  it('answers FAILED with the reason when Glue refuses, and SUCCESS on Delete without touching Glue', async () => {
    const handler = loadHandler();
    await handler(event('Create', [{ partitionTableName: 'missing', partitionLoadFrequency: 'daily' }]), { logStreamName: 'stream-1' });
    expect(responses[0].body.Status).toBe('FAILED');
    expect(responses[0].body.Reason).toBe('Table missing not found. (log stream stream-1)');

    tables.t5 = { keys: ['year', 'month', 'day'], location: 's3://b/' };
    failWith = 'AccessDeniedException';
    await handler(event('Create', [{ partitionTableName: 't5', partitionLoadFrequency: 'daily' }]));
    expect(responses[1].body).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('t5: AccessDeniedException no') });

    calls = [];
    await handler(event('Delete', [{ partitionTableName: 't5', partitionLoadFrequency: 'daily' }], { PhysicalResourceId: 'p' }));
    expect(calls).toEqual([]);
    expect(responses[2].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'p' });
  });

  it('on a schedule adds the current day, week or month and answers nobody', async () => {
    tables.d = { keys: ['year', 'month', 'day'], location: 's3://b/' };
    tables.w = { keys: ['year', 'month', 'day'], location: 's3://b/' };
    tables.m = { keys: ['year', 'month'], location: 's3://b/' };
    const now = new Date();
    await loadHandler()({
      ...props,
      athenaIntegrations: [
        { partitionTableName: 'd', partitionLoadFrequency: 'daily' },
        { partitionTableName: 'w', partitionLoadFrequency: 'weekly' },
        { partitionTableName: 'm', partitionLoadFrequency: 'monthly' },
      ],
    });
    const byTable = (name: string) =>
      calls
        .filter((c) => c.command === 'BatchCreatePartitionCommand' && c.input.TableName === name)
        .flatMap((c) => c.input.PartitionInputList!.map((p) => p.Values.join('-')));
    const day = (offset: number) => new Date(now.getTime() + offset * 864e5).toISOString().slice(0, 10);
    expect(byTable('d')).toEqual([day(0)]);
    expect(byTable('w')).toEqual([0, 1, 2, 3, 4, 5, 6].map(day));
    expect(byTable('m')).toEqual([now.toISOString().slice(0, 7)]);
    expect(responses).toEqual([]);
    expect(logs).toEqual(['d 1 partitions', 'w 7 partitions', 'm 1 partitions']);
  });

  it('answers an https ResponseURL over https', async () => {
    const handler = loadHandler();
    await expect(handler(event('Delete', [], { ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x' }))).rejects.toThrow(
      'no TLS in this test',
    );
    expect(httpsRequests).toEqual(['https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x']);
  });
});
