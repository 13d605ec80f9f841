import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
} from '@aws-sdk/client-athena';

export interface AthenaTiming {
  /** Client wall time: StartQueryExecution → SUCCEEDED seen → first results page in hand. */
  ms: number;
  /** The engine's own time as local Athena reports it (EngineExecutionTimeInMillis). */
  engineMs: number;
  rows: number;
  scannedBytes: number;
  polls: number;
}

/**
 * One query the way a client runs it: start, poll GetQueryExecution at short intervals (5 ms for the
 * first 100 ms, then 10 ms — finer than any console polls, so polling adds little to the figure), then
 * the first page of GetQueryResults.
 */
export async function runAthenaQuery(athena: AthenaClient, workGroup: string, database: string, sql: string): Promise<AthenaTiming> {
  const started = performance.now();
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: workGroup, QueryExecutionContext: { Database: database } }),
  );
  let polls = 0;
  for (;;) {
    polls += 1;
    const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    const state = QueryExecution!.Status!.State;
    if (state === 'SUCCEEDED') {
      const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId }));
      return {
        ms: performance.now() - started,
        engineMs: QueryExecution!.Statistics?.EngineExecutionTimeInMillis ?? 0,
        rows: Math.max(0, (page.ResultSet?.Rows?.length ?? 0) - 1),
        scannedBytes: QueryExecution!.Statistics?.DataScannedInBytes ?? 0,
        polls,
      };
    }
    if (state === 'FAILED' || state === 'CANCELLED') {
      throw new Error(`query ${QueryExecutionId} ${state}: ${QueryExecution!.Status!.StateChangeReason}\n${sql}`);
    }
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, elapsed < 100 ? 5 : 10));
  }
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
