import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand, type QueryExecutionState } from '@aws-sdk/client-athena';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForQuery } from '../support/athena-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

/**
 * Query lifecycle with one query at a time (LOCAL_AWS_ATHENA_CONCURRENCY=1): queueing, results before
 * completion, StopQueryExecution interrupting DuckDB, and executions a restart cut short.
 */

let localAws: LocalAwsProcess;
let athena: AthenaClient;
let s3: S3Client;
const OUTPUT = 's3://athena-lifecycle/out/';
// Billions of rows to count: runs far longer than any test waits unless it is interrupted.
const SLOW = 'SELECT count(*) FROM UNNEST(sequence(1, 5000)) a(x) CROSS JOIN UNNEST(sequence(1, 5000)) b(y) CROSS JOIN UNNEST(sequence(1, 5000)) c(z)';

beforeAll(async () => {
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_ATHENA_CONCURRENCY: '1', LOCAL_AWS_DUCKDB_THREADS: '1' } });
  connect();
  await s3.send(new CreateBucketCommand({ Bucket: 'athena-lifecycle' }));
});
afterAll(async () => {
  await localAws?.stop();
});

function connect() {
  athena = new AthenaClient(clientConfig(localAws.endpoint));
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
}

async function start(query: string): Promise<string> {
  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: query, ResultConfiguration: { OutputLocation: OUTPUT } }));
  return QueryExecutionId!;
}

async function state(id: string): Promise<QueryExecutionState> {
  const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
  return QueryExecution!.Status!.State!;
}

async function until(id: string, wanted: QueryExecutionState, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await state(id)) !== wanted) {
    if (Date.now() > deadline) throw new Error(`${id} never reached ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('query lifecycle', () => {
  it('queues behind a running query, answers GetQueryResults with the current state, and Stop really interrupts DuckDB', async () => {
    const slow = await start(SLOW);
    await until(slow, 'RUNNING');
    const queued = await start('SELECT 42 AS answer');
    const observed: QueryExecutionState[] = [await state(queued)];
    expect(observed[0]).toBe('QUEUED');
    expect(await state(slow)).toBe('RUNNING');

    const running = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: slow })).catch((e) => e);
    expect(running).toMatchObject({ name: 'InvalidRequestException', message: 'Query has not yet finished. Current state: RUNNING', AthenaErrorCode: 'INVALID_QUERY_EXECUTION_STATE' });
    const waiting = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: queued })).catch((e) => e);
    expect(waiting.message).toBe('Query has not yet finished. Current state: QUEUED');

    // Still queued a while later: one query at a time.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await state(queued)).toBe('QUEUED');

    const stopRequested = Date.now();
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: slow }));
    const stopped = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: slow }))).QueryExecution!;
    expect(stopped.Status).toMatchObject({ State: 'CANCELLED', StateChangeReason: 'Query cancelled by user' });
    expect(stopped.Status!.AthenaError).toBeUndefined();

    // The queued query can only start once DuckDB has really let go of the cancelled one.
    for (;;) {
      const s = await state(queued);
      if (observed[observed.length - 1] !== s) observed.push(s);
      if (s === 'SUCCEEDED' || s === 'FAILED' || s === 'CANCELLED') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(Date.now() - stopRequested).toBeLessThan(10_000);
    expect(observed[0]).toBe('QUEUED');
    expect(observed[observed.length - 1]).toBe('SUCCEEDED');
    expect(['QUEUED,SUCCEEDED', 'QUEUED,RUNNING,SUCCEEDED']).toContain(observed.join(','));
    const queuedExecution = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: queued }))).QueryExecution!;
    expect(queuedExecution.Statistics!.QueryQueueTimeInMillis).toBeGreaterThanOrEqual(300);

    const cancelled = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: slow })).catch((e) => e);
    expect(cancelled).toMatchObject({ message: 'Could not find results', AthenaErrorCode: 'RESULT_NOT_FOUND' });
    const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: 'athena-lifecycle', Prefix: `out/${slow}` }));
    expect(Contents ?? []).toEqual([]);
  });

  it('stops a query that is still queued', async () => {
    const slow = await start(SLOW);
    await until(slow, 'RUNNING');
    const queued = await start('SELECT 1');
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: queued }));
    expect(await state(queued)).toBe('CANCELLED');
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: slow }));
    expect(await state(slow)).toBe('CANCELLED');
    // Stopping a finished query changes nothing.
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: queued }));
    expect(await state(queued)).toBe('CANCELLED');
    const after = await start('SELECT 2');
    expect((await waitForQuery(athena, after)).Status!.State).toBe('SUCCEEDED');
  });

  it('ends executions a restart cut short as FAILED with a clear reason, and keeps finished ones', async () => {
    const done = await start('SELECT 7');
    expect((await waitForQuery(athena, done)).Status!.State).toBe('SUCCEEDED');
    const slow = await start(SLOW);
    await until(slow, 'RUNNING');
    const queued = await start('SELECT 8');

    localAws = await localAws.restart();
    connect();

    for (const id of [slow, queued]) {
      const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      expect(QueryExecution!.Status).toMatchObject({
        State: 'FAILED',
        StateChangeReason: 'Query was interrupted: local AWS stopped while it was queued or running. Run it again.',
        AthenaError: { ErrorCategory: 1, Retryable: true },
      });
    }
    const results = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: done }));
    expect(results.ResultSet!.Rows).toEqual([{ Data: [{ VarCharValue: '_col0' }] }, { Data: [{ VarCharValue: '7' }] }]);
  });
});
