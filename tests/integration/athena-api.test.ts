import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  BatchGetQueryExecutionCommand,
  CreateNamedQueryCommand,
  CreateWorkGroupCommand,
  DeleteNamedQueryCommand,
  DeleteWorkGroupCommand,
  GetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetQueryRuntimeStatisticsCommand,
  GetWorkGroupCommand,
  ListNamedQueriesCommand,
  ListQueryExecutionsCommand,
  ListTagsForResourceCommand,
  ListWorkGroupsCommand,
  StartQueryExecutionCommand,
  UpdateNamedQueryCommand,
  UpdateWorkGroupCommand,
} from '@aws-sdk/client-athena';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allResultRows, runQuery, selectRows } from '../support/athena-helpers';
import { rawRequest } from '../support/raw-http';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

let localAws: LocalAwsProcess;
let athena: AthenaClient;
let s3: S3Client;
const OUTPUT = 's3://athena-api-results/out/';

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  athena = new AthenaClient(clientConfig(localAws.endpoint));
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'athena-api-results' }));
});
afterAll(async () => {
  await localAws?.stop();
});

async function error(promise: Promise<unknown>): Promise<{ name: string; message: string; AthenaErrorCode?: string; status?: number }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { name: string; message: string; AthenaErrorCode?: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, AthenaErrorCode: err.AthenaErrorCode, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function objectText(key: string): Promise<{ body: string; contentType?: string }> {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'athena-api-results', Key: key }));
  return { body: await object.Body!.transformToString(), contentType: object.ContentType };
}

describe('Athena workgroups', () => {
  it('always has primary, with Athena engine version 3 and no result location', async () => {
    const { WorkGroups } = await athena.send(new ListWorkGroupsCommand({}));
    const primary = WorkGroups!.find((w) => w.Name === 'primary')!;
    expect(primary).toMatchObject({ State: 'ENABLED', Description: '', EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' } });
    const { WorkGroup } = await athena.send(new GetWorkGroupCommand({ WorkGroup: 'primary' }));
    expect(WorkGroup!.Description).toBeUndefined();
    expect(WorkGroup!.Configuration!.ResultConfiguration).toEqual({});
    expect(WorkGroup!.CreationTime).toBeInstanceOf(Date);
  });

  it('creates, updates, lists and deletes workgroups with Athena errors', async () => {
    await athena.send(
      new CreateWorkGroupCommand({
        Name: 'analysts',
        Description: 'For analysts',
        Configuration: { ResultConfiguration: { OutputLocation: 's3://athena-api-results/analysts/' }, EnforceWorkGroupConfiguration: true },
        Tags: [{ Key: 'team', Value: 'net' }],
      }),
    );
    const dup = await error(athena.send(new CreateWorkGroupCommand({ Name: 'analysts' })));
    expect(dup.name).toBe('InvalidRequestException');
    const bad = await error(athena.send(new CreateWorkGroupCommand({ Name: 'has space' })));
    expect(bad.message).toContain("failed to satisfy constraint: Member must satisfy regular expression pattern");

    const { WorkGroup } = await athena.send(new GetWorkGroupCommand({ WorkGroup: 'analysts' }));
    expect(WorkGroup).toMatchObject({
      Name: 'analysts',
      State: 'ENABLED',
      Description: 'For analysts',
      Configuration: { EnforceWorkGroupConfiguration: true, ResultConfiguration: { OutputLocation: 's3://athena-api-results/analysts/' } },
    });
    const tags = await athena.send(new ListTagsForResourceCommand({ ResourceARN: 'arn:aws:athena:us-east-1:000000000000:workgroup/analysts' }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'net' }]);

    await athena.send(
      new UpdateWorkGroupCommand({
        WorkGroup: 'analysts',
        State: 'DISABLED',
        ConfigurationUpdates: { ResultConfigurationUpdates: { OutputLocation: 's3://athena-api-results/other/' } },
      }),
    );
    const updated = (await athena.send(new GetWorkGroupCommand({ WorkGroup: 'analysts' }))).WorkGroup!;
    expect(updated.State).toBe('DISABLED');
    expect(updated.Configuration!.ResultConfiguration!.OutputLocation).toBe('s3://athena-api-results/other/');

    const names = (await athena.send(new ListWorkGroupsCommand({}))).WorkGroups!.map((w) => w.Name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('analysts');

    const missing = await error(athena.send(new GetWorkGroupCommand({ WorkGroup: 'nope' })));
    expect(missing).toMatchObject({ name: 'InvalidRequestException', message: 'WorkGroup is not found.', AthenaErrorCode: 'INVALID_INPUT', status: 400 });
    const primary = await error(athena.send(new DeleteWorkGroupCommand({ WorkGroup: 'primary' })));
    expect(primary.name).toBe('InvalidRequestException');

    await athena.send(new DeleteWorkGroupCommand({ WorkGroup: 'analysts' }));
    expect((await error(athena.send(new GetWorkGroupCommand({ WorkGroup: 'analysts' })))).message).toBe('WorkGroup is not found.');
  });

  it('refuses to delete a workgroup with named queries unless RecursiveDeleteOption is set', async () => {
    await athena.send(new CreateWorkGroupCommand({ Name: 'with-queries' }));
    await athena.send(new CreateNamedQueryCommand({ Name: 'q', Database: 'default', QueryString: 'SELECT 1', WorkGroup: 'with-queries' }));
    const refused = await error(athena.send(new DeleteWorkGroupCommand({ WorkGroup: 'with-queries' })));
    expect(refused).toMatchObject({ name: 'InvalidRequestException', message: 'WorkGroup with-queries is not empty' });
    await athena.send(new DeleteWorkGroupCommand({ WorkGroup: 'with-queries', RecursiveDeleteOption: true }));
    const { WorkGroups } = await athena.send(new ListWorkGroupsCommand({}));
    expect(WorkGroups!.map((w) => w.Name)).not.toContain('with-queries');
  });

  it('pages ListWorkGroups and rejects bad tokens and sizes', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await athena.send(new CreateWorkGroupCommand({ Name: name }));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await athena.send(new ListWorkGroupsCommand({ MaxResults: 1, NextToken: token }));
      expect(page.WorkGroups).toHaveLength(1);
      seen.push(page.WorkGroups![0].Name!);
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c', 'primary']));
    const badToken = await error(athena.send(new ListWorkGroupsCommand({ NextToken: 'garbage' })));
    expect(badToken.message).toBe('The nextPageToken is malformed: garbage');
    const tooMany = await error(athena.send(new ListWorkGroupsCommand({ MaxResults: 51 })));
    expect(tooMany.message).toBe("1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
  });
});

describe('Athena named queries', () => {
  it('creates, reads, lists, updates and deletes saved queries', async () => {
    await athena.send(new CreateWorkGroupCommand({ Name: 'saved' }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { NamedQueryId } = await athena.send(
        new CreateNamedQueryCommand({ Name: `q${i}`, Description: `query ${i}`, Database: 'flows', QueryString: `SELECT ${i}`, WorkGroup: 'saved' }),
      );
      ids.push(NamedQueryId!);
    }
    const { NamedQuery } = await athena.send(new GetNamedQueryCommand({ NamedQueryId: ids[2] }));
    expect(NamedQuery).toEqual({ NamedQueryId: ids[2], Name: 'q2', Description: 'query 2', Database: 'flows', QueryString: 'SELECT 2', WorkGroup: 'saved' });

    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await athena.send(new ListNamedQueriesCommand({ WorkGroup: 'saved', MaxResults: 2, NextToken: token }));
      listed.push(...page.NamedQueryIds!);
      token = page.NextToken;
    } while (token);
    expect(listed).toEqual(ids);
    expect((await athena.send(new ListNamedQueriesCommand({}))).NamedQueryIds).not.toContain(ids[0]);

    const batch = await athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: [ids[0], '00000000-0000-0000-0000-000000000000'] }));
    expect(batch.NamedQueries!.map((q) => q.Name)).toEqual(['q0']);
    expect(batch.UnprocessedNamedQueryIds).toEqual([
      expect.objectContaining({ NamedQueryId: '00000000-0000-0000-0000-000000000000', ErrorCode: 'INVALID_INPUT' }),
    ]);
    const tooMany = await error(athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: Array.from({ length: 51 }, (_, i) => `id-${i}`) })));
    expect(tooMany.name).toBe('InvalidRequestException');

    await athena.send(new UpdateNamedQueryCommand({ NamedQueryId: ids[1], Name: 'renamed', QueryString: 'SELECT 42', Description: 'new' }));
    expect((await athena.send(new GetNamedQueryCommand({ NamedQueryId: ids[1] }))).NamedQuery).toMatchObject({ Name: 'renamed', QueryString: 'SELECT 42', Description: 'new' });

    await athena.send(new DeleteNamedQueryCommand({ NamedQueryId: ids[1] }));
    const gone = await error(athena.send(new GetNamedQueryCommand({ NamedQueryId: ids[1] })));
    expect(gone.name).toBe('InvalidRequestException');
  });

  it('dedupes on ClientRequestToken and validates input', async () => {
    const token = 'named-query-token-0123456789abcdef0123';
    const first = await athena.send(new CreateNamedQueryCommand({ Name: 'same', Database: 'd', QueryString: 'SELECT 1', ClientRequestToken: token }));
    const again = await athena.send(new CreateNamedQueryCommand({ Name: 'same', Database: 'd', QueryString: 'SELECT 1', ClientRequestToken: token }));
    expect(again.NamedQueryId).toBe(first.NamedQueryId);
    const mismatch = await error(athena.send(new CreateNamedQueryCommand({ Name: 'other', Database: 'd', QueryString: 'SELECT 1', ClientRequestToken: token })));
    expect(mismatch.AthenaErrorCode).toBe('IDEMPOTENT_PARAMETER_MISMATCH');
    const noWorkGroup = await error(athena.send(new CreateNamedQueryCommand({ Name: 'x', Database: 'd', QueryString: 'SELECT 1', WorkGroup: 'missing' })));
    expect(noWorkGroup.message).toBe('WorkGroup is not found.');
  });
});

describe('Athena query executions', () => {
  it('runs SELECT: header row on the first page, NULL without VarCharValue, ColumnInfo, CSV and .metadata files', async () => {
    const execution = await runQuery(athena, {
      QueryString: "SELECT 1 AS n, 'a\"b' AS s, NULL AS z, '' AS e, 2.5E0 AS d, CAST(7 AS bigint) AS b, DATE '2021-04-15' AS dt",
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    const id = execution.QueryExecutionId!;
    expect(execution).toMatchObject({
      StatementType: 'DML',
      SubstatementType: 'SELECT',
      WorkGroup: 'primary',
      ResultConfiguration: { OutputLocation: `${OUTPUT}${id}.csv` },
      Status: { State: 'SUCCEEDED' },
      EngineVersion: { EffectiveEngineVersion: 'Athena engine version 3' },
    });
    expect(execution.Status!.CompletionDateTime!.getTime()).toBeGreaterThanOrEqual(execution.Status!.SubmissionDateTime!.getTime());
    expect(execution.Statistics).toMatchObject({ DataScannedInBytes: 0 });
    expect(execution.Statistics!.TotalExecutionTimeInMillis).toBeGreaterThanOrEqual(0);

    const result = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id }));
    expect(result.UpdateCount).toBe(0);
    expect(result.NextToken).toBeUndefined();
    expect(result.ResultSet!.Rows).toEqual([
      { Data: [{ VarCharValue: 'n' }, { VarCharValue: 's' }, { VarCharValue: 'z' }, { VarCharValue: 'e' }, { VarCharValue: 'd' }, { VarCharValue: 'b' }, { VarCharValue: 'dt' }] },
      { Data: [{ VarCharValue: '1' }, { VarCharValue: 'a"b' }, {}, { VarCharValue: '' }, { VarCharValue: '2.5' }, { VarCharValue: '7' }, { VarCharValue: '2021-04-15' }] },
    ]);
    const columns = result.ResultSet!.ResultSetMetadata!.ColumnInfo!;
    expect(columns.map((c) => [c.Name, c.Type, c.Precision, c.Scale])).toEqual([
      ['n', 'integer', 10, 0],
      ['s', 'varchar', 2147483647, 0],
      ['z', 'integer', 10, 0],
      ['e', 'varchar', 2147483647, 0],
      ['d', 'double', 17, 0],
      ['b', 'bigint', 19, 0],
      ['dt', 'date', 0, 0],
    ]);
    expect(columns[0]).toMatchObject({ CatalogName: 'hive', SchemaName: '', TableName: '', Label: 'n', Nullable: 'UNKNOWN', CaseSensitive: false });
    expect(columns[1].CaseSensitive).toBe(true);

    const csv = await objectText(`out/${id}.csv`);
    expect(csv.body).toBe('"n","s","z","e","d","b","dt"\n"1","a""b",,"","2.5","7","2021-04-15"\n');
    const metadata = await s3.send(new GetObjectCommand({ Bucket: 'athena-api-results', Key: `out/${id}.csv.metadata` }));
    const bytes = Buffer.from(await metadata.Body!.transformToByteArray());
    expect(bytes[0]).toBe(0x0a);
    expect(bytes.includes(Buffer.from('varchar'))).toBe(true);
  });

  it('writes just the header for zero rows and names unnamed columns _colN', async () => {
    const { header, rows, execution } = await selectRows(athena, {
      QueryString: 'SELECT 1 + 1, upper(\'x\'), 3 AS three FROM (VALUES 1) AS t(x) WHERE x > 5',
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect(header).toEqual(['_col0', '_col1', 'three']);
    expect(rows).toEqual([]);
    expect((await objectText(`out/${execution.QueryExecutionId}.csv`)).body).toBe('"_col0","_col1","three"\n');
  });

  it('pages results past 1000 rows: the header counts on page 1 only, the last page has no NextToken', async () => {
    const execution = await runQuery(athena, {
      QueryString: 'SELECT n, CASE WHEN n % 7 = 0 THEN NULL ELSE n * 2 END AS twice FROM UNNEST(sequence(1, 2500)) AS t(n) ORDER BY n',
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect(execution.Status!.State).toBe('SUCCEEDED');
    const { rows, pages } = await allResultRows(athena, execution.QueryExecutionId!);
    expect(pages.map((p) => p.ResultSet!.Rows!.length)).toEqual([1000, 1000, 501]);
    expect(pages[2].NextToken).toBeUndefined();
    expect(rows[0]).toEqual(['n', 'twice']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(rows[7]).toEqual(['7', null]);
    expect(rows[8]).toEqual(['8', '16']);
    const small = await allResultRows(athena, execution.QueryExecutionId!, 333);
    expect(small.rows).toEqual(rows);
    const runtime = await athena.send(new GetQueryRuntimeStatisticsCommand({ QueryExecutionId: execution.QueryExecutionId }));
    expect(runtime.QueryRuntimeStatistics!.Rows).toMatchObject({ OutputRows: 2500, InputBytes: 0 });
    expect(runtime.QueryRuntimeStatistics!.Rows!.OutputBytes).toBeGreaterThan(2500 * 4);

    const bad = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId, MaxResults: 1001 })).catch((e) => e);
    expect(bad.message).toBe('MaxResults is more than maximum allowed length 1000');
    const badToken = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId, NextToken: 'bogus' })).catch((e) => e);
    expect(badToken.message).toBe('Malformed nextPageToken bogus');
  });

  it('requires an output location, validates it, and enforces the workgroup one', async () => {
    const none = await error(athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1' })));
    expect(none).toMatchObject({
      name: 'InvalidRequestException',
      AthenaErrorCode: 'INVALID_INPUT',
      message: 'No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.',
    });
    const invalid = await error(athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', ResultConfiguration: { OutputLocation: 'http://x/y' } })));
    expect(invalid.message).toBe('outputLocation is not a valid S3 path.');

    await athena.send(
      new CreateWorkGroupCommand({
        Name: 'enforced',
        Configuration: { EnforceWorkGroupConfiguration: true, ResultConfiguration: { OutputLocation: 's3://athena-api-results/enforced' } },
      }),
    );
    const execution = await runQuery(athena, { QueryString: 'SELECT 1', WorkGroup: 'enforced', ResultConfiguration: { OutputLocation: OUTPUT } });
    expect(execution.ResultConfiguration!.OutputLocation).toBe(`s3://athena-api-results/enforced/${execution.QueryExecutionId}.csv`);
    expect((await objectText(`enforced/${execution.QueryExecutionId}.csv`)).body).toBe('"_col0"\n"1"\n');
    const second = await runQuery(athena, { QueryString: 'SELECT 2', WorkGroup: 'enforced' });
    const ids = (await athena.send(new ListQueryExecutionsCommand({ WorkGroup: 'enforced' }))).QueryExecutionIds;
    expect(ids).toEqual([second.QueryExecutionId, execution.QueryExecutionId]);
    const paged = await athena.send(new ListQueryExecutionsCommand({ WorkGroup: 'enforced', MaxResults: 1 }));
    expect(paged.QueryExecutionIds).toEqual([second.QueryExecutionId]);
    const rest = await athena.send(new ListQueryExecutionsCommand({ WorkGroup: 'enforced', MaxResults: 1, NextToken: paged.NextToken }));
    expect(rest.QueryExecutionIds).toEqual([execution.QueryExecutionId]);
    expect(rest.NextToken).toBeUndefined();
  });

  it('fails grammar errors at StartQueryExecution with MALFORMED_QUERY and Trino positions', async () => {
    const selec = await error(athena.send(new StartQueryExecutionCommand({ QueryString: 'SELEC 1', ResultConfiguration: { OutputLocation: OUTPUT } })));
    expect(selec).toMatchObject({ name: 'InvalidRequestException', AthenaErrorCode: 'MALFORMED_QUERY' });
    expect(selec.message).toMatch(/^line 1:1: mismatched input 'SELEC'\. Expecting: 'ALTER', /);
    const unclosed = await error(athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT (1', ResultConfiguration: { OutputLocation: OUTPUT } })));
    expect(unclosed.message).toMatch(/^line 1:\d+: mismatched input '<EOF>'/);
    const onlyComment = await error(athena.send(new StartQueryExecutionCommand({ QueryString: '-- only', ResultConfiguration: { OutputLocation: OUTPUT } })));
    expect(onlyComment.message).toMatch(/^line 1:8: mismatched input '<EOF>'/);
  });

  it('reports semantic errors as FAILED executions with Athena reasons and AthenaError', async () => {
    const missingTable = await runQuery(athena, { QueryString: 'SELECT * FROM nosuchtable', ResultConfiguration: { OutputLocation: OUTPUT } });
    expect(missingTable.Status).toMatchObject({
      State: 'FAILED',
      StateChangeReason: "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.nosuchtable' does not exist",
      AthenaError: { ErrorCategory: 2, ErrorType: 1301, Retryable: false, ErrorMessage: "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.nosuchtable' does not exist" },
    });
    const column = await runQuery(athena, { QueryString: 'SELECT nope FROM (VALUES 1) AS t(x)', ResultConfiguration: { OutputLocation: OUTPUT } });
    expect(column.Status!.StateChangeReason).toBe("COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved");
    const fn = await runQuery(athena, { QueryString: 'SELECT no_such_fn(1)', ResultConfiguration: { OutputLocation: OUTPUT } });
    expect(fn.Status!.StateChangeReason).toBe("FUNCTION_NOT_FOUND: line 1:8: Function 'no_such_fn' not registered");

    const results = await error(athena.send(new GetQueryResultsCommand({ QueryExecutionId: fn.QueryExecutionId })));
    expect(results).toMatchObject({ message: 'Query did not finish successfully. Final query state: FAILED', AthenaErrorCode: 'INVALID_QUERY_EXECUTION_STATE' });
    const unknown = await error(athena.send(new GetQueryExecutionCommand({ QueryExecutionId: '00000000-0000-0000-0000-000000000000' })));
    expect(unknown.message).toBe('QueryExecution 00000000-0000-0000-0000-000000000000 was not found');

    const batch = await athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: [fn.QueryExecutionId!, 'missing-id'] }));
    expect(batch.QueryExecutions!.map((q) => q.QueryExecutionId)).toEqual([fn.QueryExecutionId]);
    expect(batch.UnprocessedQueryExecutionIds![0].QueryExecutionId).toBe('missing-id');
  });

  it('returns the same execution for a repeated ClientRequestToken and refuses a changed query', async () => {
    const token = 'start-query-token-0123456789abcdef012345';
    const first = await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 5', ClientRequestToken: token, ResultConfiguration: { OutputLocation: OUTPUT } }));
    const again = await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 5', ClientRequestToken: token, ResultConfiguration: { OutputLocation: OUTPUT } }));
    expect(again.QueryExecutionId).toBe(first.QueryExecutionId);
    const changed = await error(athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 6', ClientRequestToken: token, ResultConfiguration: { OutputLocation: OUTPUT } })));
    expect(changed).toMatchObject({ AthenaErrorCode: 'IDEMPOTENT_PARAMETER_MISMATCH', message: 'Idempotent parameters do not match' });
  });

  it('binds ExecutionParameters to ? placeholders as literals, never as SQL text', async () => {
    const { rows } = await selectRows(athena, {
      QueryString: 'SELECT ? AS ip, ? + 1 AS n',
      ExecutionParameters: ["'10.0.0.1'", '41'],
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect(rows).toEqual([['10.0.0.1', '42']]);
    const injected = await runQuery(athena, {
      QueryString: 'SELECT ? AS x',
      ExecutionParameters: ["'a' UNION SELECT 'b'"],
      ResultConfiguration: { OutputLocation: OUTPUT },
    });
    expect(injected.Status!.State).toBe('FAILED');
    expect(injected.Status!.StateChangeReason).toMatch(/^INVALID_PARAMETER_USAGE: /);
    const count = await runQuery(athena, { QueryString: 'SELECT ?', ResultConfiguration: { OutputLocation: OUTPUT } });
    expect(count.Status!.StateChangeReason).toBe('INVALID_PARAMETER_USAGE: line 1:8: Incorrect number of parameters: expected 1 but found 0');
  });

  it('answers raw HTTP errors in Athena shape: AthenaErrorCode and ErrorCode, no x-amzn-errortype', async () => {
    const response = await rawRequest(localAws.port, {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonAthena.StartQueryExecution',
        'x-amz-date': '20260101T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIATESTLOCALAWS/20260101/us-east-1/athena/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`,
      },
      body: JSON.stringify({ QueryString: 'SELECT 1', ResultConfiguration: { OutputLocation: OUTPUT } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBeUndefined();
    expect(JSON.parse(response.text)).toEqual({
      __type: 'InvalidRequestException',
      AthenaErrorCode: 'INVALID_INPUT',
      ErrorCode: 'INVALID_INPUT',
      Message: 'clientRequestToken is null or empty',
    });
  });
});
