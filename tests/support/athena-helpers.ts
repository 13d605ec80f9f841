import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type GetQueryResultsOutput,
  type QueryExecution,
  type StartQueryExecutionCommandInput,
} from '@aws-sdk/client-athena';

/** Polls GetQueryExecution until the query leaves QUEUED/RUNNING (short first delay, then back-off). */
export async function waitForQuery(athena: AthenaClient, id: string, timeoutMs = 60_000): Promise<QueryExecution> {
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  for (;;) {
    const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = QueryExecution!.Status!.State!;
    if (state !== 'QUEUED' && state !== 'RUNNING') return QueryExecution!;
    if (Date.now() > deadline) throw new Error(`query ${id} still ${state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
  }
}

/** Starts a query and waits for it to finish. */
export async function runQuery(athena: AthenaClient, input: StartQueryExecutionCommandInput): Promise<QueryExecution> {
  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand(input));
  return waitForQuery(athena, QueryExecutionId!);
}

/** All result pages' rows (header included, as the first page has it). */
export async function allResultRows(athena: AthenaClient, id: string, maxResults?: number): Promise<{ rows: (string | null)[][]; pages: GetQueryResultsOutput[] }> {
  const pages: GetQueryResultsOutput[] = [];
  let token: string | undefined;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: maxResults }));
    pages.push(page);
    token = page.NextToken;
  } while (token);
  const rows = pages.flatMap((p) => (p.ResultSet?.Rows ?? []).map((r) => (r.Data ?? []).map((d) => (d.VarCharValue === undefined ? null : d.VarCharValue))));
  return { rows, pages };
}

/** Runs a SELECT that must succeed and returns its header and data rows. */
export async function selectRows(
  athena: AthenaClient,
  input: StartQueryExecutionCommandInput,
): Promise<{ header: string[]; rows: (string | null)[][]; execution: QueryExecution }> {
  const execution = await runQuery(athena, input);
  if (execution.Status?.State !== 'SUCCEEDED') {
    throw new Error(`query failed: ${execution.Status?.State} ${execution.Status?.StateChangeReason}\n${input.QueryString}`);
  }
  const { rows } = await allResultRows(athena, execution.QueryExecutionId!);
  return { header: rows[0] as string[], rows: rows.slice(1), execution };
}
