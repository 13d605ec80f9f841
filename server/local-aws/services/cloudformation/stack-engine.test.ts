import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryParams } from '../../protocols/query-params';
import type { RequestContext } from '../../request-context';
import { applyMigrations } from '../../store/database';
import type { S3Store } from '../s3/s3-store';
import { createCloudFormationService } from './cloudformation-service';
import { ResourceFailure, type ResourceProvider } from './resource-provider';
import { StackEngine, STOPPED_REASON } from './stack-engine';
import { cloudFormationMigrations, StackStore } from './stack-store';

/** The engine with fake providers that record what they were asked to do. */
const ctx: RequestContext = { requestId: 'r', region: 'us-east-1', accountId: '123456789012', host: '127.0.0.1:1', endpoint: 'http://127.0.0.1:1' };

let store: StackStore;
let calls: string[];
let failCreate: Set<string>;
let failDelete: Set<string>;

function fakeProvider(): ResourceProvider {
  return {
    async create(request) {
      await new Promise((resolve) => setImmediate(resolve));
      if (failCreate.has(request.logicalId)) throw new ResourceFailure(`${request.logicalId} refused`);
      calls.push(`create ${request.logicalId} ${JSON.stringify(request.properties)}`);
      return { physicalId: `${request.logicalId}-id`, attributes: { Arn: `arn:${request.logicalId}` } };
    },
    async delete(request) {
      if (failDelete.has(request.logicalId)) throw new ResourceFailure(`${request.logicalId} is stuck`);
      calls.push(`delete ${request.physicalId}`);
    },
  };
}

function setup() {
  const db = new Database(':memory:');
  applyMigrations(db, cloudFormationMigrations);
  store = new StackStore(db);
  const engine = new StackEngine(store, { accountId: '123456789012', providers: { 'Test::Thing': fakeProvider() } });
  const service = createCloudFormationService({ store, engine, s3: {} as S3Store, accountId: '123456789012' });
  return { engine, service };
}

let engine: StackEngine;
let service: ReturnType<typeof createCloudFormationService>;

beforeEach(() => {
  calls = [];
  failCreate = new Set();
  failDelete = new Set();
  ({ engine, service } = setup());
});

async function call(action: string, params: Record<string, string>) {
  return service.operations[action](QueryParams.parse(new URLSearchParams({ Action: action, ...params }).toString()), ctx);
}

const template = JSON.stringify({
  Resources: {
    C: { Type: 'Test::Thing', Properties: { After: { 'Fn::GetAtt': ['B', 'Arn'] } } },
    A: { Type: 'Test::Thing', Properties: { Name: { 'Fn::Sub': '${AWS::StackName}-a' } } },
    B: { Type: 'Test::Thing', Properties: { Parent: { Ref: 'A' } } },
  },
});

function statuses(stackName: string) {
  const stack = store.find('us-east-1', stackName) ?? store.listStacks('us-east-1', { includeDeleted: true }).find((s) => s.StackName === stackName)!;
  return store
    .listEvents(stack.StackId)
    .reverse()
    .filter((e) => e.ResourceStatusReason !== 'Resource creation Initiated')
    .map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`);
}

describe('StackEngine', () => {
  it('creates in dependency order with resolved properties, and deletes in reverse', async () => {
    await call('CreateStack', { StackName: 's1', TemplateBody: template });
    await engine.idle();
    expect(calls).toEqual(['create A {"Name":"s1-a"}', 'create B {"Parent":"A-id"}', 'create C {"After":"arn:B"}']);
    expect(store.findLiveByName('us-east-1', 's1')?.StackStatus).toBe('CREATE_COMPLETE');
    await call('DeleteStack', { StackName: 's1' });
    await engine.idle();
    expect(calls.slice(3)).toEqual(['delete C-id', 'delete B-id', 'delete A-id']);
    expect(store.findLiveByName('us-east-1', 's1')).toBeUndefined();
    expect(statuses('s1').at(-1)).toBe('s1 DELETE_COMPLETE');
  });

  it('rolls back what was created when a resource fails', async () => {
    failCreate.add('B');
    await call('CreateStack', { StackName: 's2', TemplateBody: template });
    await engine.idle();
    expect(calls).toEqual(['create A {"Name":"s2-a"}', 'delete A-id']);
    expect(statuses('s2')).toEqual([
      's2 CREATE_IN_PROGRESS',
      'A CREATE_IN_PROGRESS',
      'A CREATE_COMPLETE',
      'B CREATE_IN_PROGRESS',
      'B CREATE_FAILED',
      's2 ROLLBACK_IN_PROGRESS',
      'B DELETE_COMPLETE',
      'A DELETE_IN_PROGRESS',
      'A DELETE_COMPLETE',
      's2 ROLLBACK_COMPLETE',
    ]);
    const stack = store.findLiveByName('us-east-1', 's2')!;
    expect(stack.StackStatusReason).toBe('The following resource(s) failed to create: [B]. Rollback requested by user. B: B refused');
  });

  it('ends ROLLBACK_FAILED or DELETE_FAILED when a delete fails, and a second delete finishes the job', async () => {
    failCreate.add('C');
    failDelete.add('B');
    await call('CreateStack', { StackName: 's3', TemplateBody: template });
    await engine.idle();
    const stack = store.findLiveByName('us-east-1', 's3')!;
    expect(stack.StackStatus).toBe('ROLLBACK_FAILED');
    expect(stack.StackStatusReason).toBe('The following resource(s) failed to delete: [B]. ');
    // B refers to A and still exists, so the rollback left A alone, as CloudFormation does.
    expect(store.getResource(stack.StackId, 'A')?.ResourceStatus).toBe('CREATE_COMPLETE');
    expect(calls.filter((c) => c.startsWith('delete'))).toEqual([]);
    failDelete.clear();
    await call('DeleteStack', { StackName: 's3' });
    await engine.idle();
    expect(store.getStack(stack.StackId)?.StackStatus).toBe('DELETE_COMPLETE');
    expect(calls.filter((c) => c.startsWith('delete'))).toEqual(['delete B-id', 'delete A-id']);
  });

  it('cancels what is still being created when TimeoutInMinutes passes, and rolls back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let finishLate: (created: { physicalId: string }) => void = () => undefined;
      const lateDeletes: string[] = [];
      const hanging: ResourceProvider = {
        create: () => new Promise((resolve) => (finishLate = resolve)),
        delete: async (request) => void lateDeletes.push(request.physicalId),
      };
      const engine = new StackEngine(store, { accountId: '123456789012', providers: { 'Test::Thing': fakeProvider(), 'Test::Hang': hanging } });
      const service = createCloudFormationService({ store, engine, s3: {} as S3Store, accountId: '123456789012' });
      const slow = JSON.stringify({ Resources: { A: { Type: 'Test::Thing' }, H: { Type: 'Test::Hang', DependsOn: 'A' } } });
      const params = new URLSearchParams({ Action: 'CreateStack', StackName: 'slow', TemplateBody: slow, TimeoutInMinutes: '1' });
      await service.operations.CreateStack(QueryParams.parse(params.toString()), ctx);
      await vi.waitFor(() => expect(statuses('slow').at(-1)).toBe('H CREATE_IN_PROGRESS'));
      await vi.advanceTimersByTimeAsync(60_000);
      await engine.idle();
      expect(statuses('slow').slice(-6)).toEqual(['H CREATE_FAILED', 'slow ROLLBACK_IN_PROGRESS', 'H DELETE_COMPLETE', 'A DELETE_IN_PROGRESS', 'A DELETE_COMPLETE', 'slow ROLLBACK_COMPLETE']);
      const stack = store.findLiveByName('us-east-1', 'slow')!;
      expect(stack.StackStatusReason).toBe('Stack creation time exceeded the specified timeout. Rollback requested by user.');
      expect(store.listEvents(stack.StackId).find((e) => e.LogicalResourceId === 'H' && e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toBe(
        'Resource creation cancelled',
      );
      // The abandoned create finishing later does not leave its resource behind.
      expect(lateDeletes).toEqual([]);
      finishLate({ physicalId: 'late-h' });
      await vi.waitFor(() => expect(lateDeletes).toEqual(['late-h']));
      // A timeout that does not fit a timer (over ~24.8 days) is no timeout at once.
      const far = new URLSearchParams({ Action: 'CreateStack', StackName: 'far', TemplateBody: JSON.stringify({ Resources: { A: { Type: 'Test::Thing' } } }), TimeoutInMinutes: '40000' });
      await service.operations.CreateStack(QueryParams.parse(far.toString()), ctx);
      await engine.idle();
      expect(store.findLiveByName('us-east-1', 'far')?.StackStatus).toBe('CREATE_COMPLETE');
      const zero = new URLSearchParams({ Action: 'CreateStack', StackName: 'zero', TemplateBody: slow, TimeoutInMinutes: '0' });
      await expect(Promise.resolve().then(() => service.operations.CreateStack(QueryParams.parse(zero.toString()), ctx))).rejects.toMatchObject({ code: 'ValidationError' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('honours OnFailure=DELETE', async () => {
    failCreate.add('C');
    await call('CreateStack', { StackName: 's4', TemplateBody: template, OnFailure: 'DELETE' });
    await engine.idle();
    expect(statuses('s4').filter((s) => s.startsWith('s4 '))).toEqual([
      's4 CREATE_IN_PROGRESS',
      's4 ROLLBACK_IN_PROGRESS',
      's4 ROLLBACK_COMPLETE',
      's4 DELETE_IN_PROGRESS',
      's4 DELETE_COMPLETE',
    ]);
  });

  it('recovers stacks a stop left in progress', async () => {
    await call('CreateStack', { StackName: 'done', TemplateBody: template });
    await engine.idle();
    const deleting = store.findLiveByName('us-east-1', 'done')!;
    store.updateStack(deleting.StackId, { StackStatus: 'DELETE_IN_PROGRESS' });
    store.putResource(deleting.StackId, { ...store.getResource(deleting.StackId, 'C')!, ResourceStatus: 'DELETE_IN_PROGRESS' });

    const creating = { ...deleting, StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/half/1', StackName: 'half', StackStatus: 'CREATE_IN_PROGRESS' };
    store.insertStack(creating);
    store.putResource(creating.StackId, { ...store.getResource(deleting.StackId, 'A')!, ResourceStatus: 'CREATE_COMPLETE' });
    store.putResource(creating.StackId, { LogicalResourceId: 'B', ResourceType: 'Test::Thing', ResourceStatus: 'CREATE_IN_PROGRESS', Timestamp: '', Order: 1 });

    const restarted = new StackEngine(store, { accountId: '123456789012', providers: { 'Test::Thing': fakeProvider() } });
    restarted.recover();
    await restarted.idle();
    expect(store.getStack(deleting.StackId)).toMatchObject({ StackStatus: 'DELETE_FAILED', StackStatusReason: STOPPED_REASON });
    expect(store.getResource(deleting.StackId, 'C')).toMatchObject({ ResourceStatus: 'DELETE_FAILED', ResourceStatusReason: STOPPED_REASON });
    expect(store.getStack(creating.StackId)).toMatchObject({ StackStatus: 'ROLLBACK_COMPLETE' });
    expect(store.getStack(creating.StackId)?.StackStatusReason).toContain(STOPPED_REASON);
    expect(store.getResource(creating.StackId, 'B')).toMatchObject({ ResourceStatus: 'DELETE_COMPLETE' });
    expect(calls.at(-1)).toBe('delete A-id');
  });

  it('answers DescribeStacks by name and by ARN after deletion, as CloudFormation does', async () => {
    const { StackId } = (await call('CreateStack', { StackName: 's5', TemplateBody: template })) as { StackId: string };
    await engine.idle();
    await call('DeleteStack', { StackName: 's5' });
    await engine.idle();
    await expect(call('DescribeStacks', { StackName: 's5' })).rejects.toThrow('Stack with id s5 does not exist');
    const byArn = (await call('DescribeStacks', { StackName: StackId })) as { Stacks: { StackStatus: string }[] };
    expect(byArn.Stacks[0].StackStatus).toBe('DELETE_COMPLETE');
    // The name can be used again.
    await call('CreateStack', { StackName: 's5', TemplateBody: template });
    await engine.idle();
    expect(store.findLiveByName('us-east-1', 's5')?.StackStatus).toBe('CREATE_COMPLETE');
  });
});
