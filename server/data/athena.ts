import 'server-only';
import {
  BatchGetNamedQueryCommand,
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  ListDatabasesCommand,
  ListDataCatalogsCommand,
  ListNamedQueriesCommand,
  ListQueryExecutionsCommand,
  ListTableMetadataCommand,
  ListWorkGroupsCommand,
  type Column,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { athenaClient, backendKind } from '@/server/aws/clients';
import { attempt, type ReadResult } from './read-result';

/** Reads behind the Athena query editor; every function returns plain, serialisable objects. */

export const PRIMARY_WORKGROUP = 'primary';
export const DEFAULT_CATALOG = 'AwsDataCatalog';

export interface WorkGroupSummary {
  name: string;
  state: string;
  description: string | null;
  engineVersion: string | null;
  /** The workgroup's query result location (s3://…), if it has one. */
  outputLocation: string | null;
  /** "Override client-side settings": the workgroup's settings apply to every query in it. */
  enforced: boolean;
}

export interface DataCatalogSummary {
  name: string;
  type: string;
}

export interface ColumnSummary {
  name: string;
  type: string;
  comment: string | null;
}

export interface TableSummary {
  name: string;
  tableType: string | null;
  columns: ColumnSummary[];
  partitionKeys: ColumnSummary[];
}

export interface SavedQuery {
  id: string;
  name: string;
  description: string | null;
  database: string;
  queryString: string;
  workGroup: string;
}

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface QueryStatistics {
  dataScannedBytes: number | null;
  engineMs: number | null;
  totalMs: number | null;
  queueMs: number | null;
  planningMs: number | null;
  serviceMs: number | null;
}

export interface QueryExecutionSummary {
  id: string;
  query: string;
  statementType: string | null;
  state: QueryState;
  /** Why the query failed or was cancelled, as Athena put it. */
  stateChangeReason: string | null;
  errorType: string | null;
  submittedAt: string | null;
  completedAt: string | null;
  database: string | null;
  catalog: string | null;
  workGroup: string | null;
  outputLocation: string | null;
  executionParameters: string[];
  statistics: QueryStatistics;
}

export interface ResultColumn {
  name: string;
  type: string;
}

export interface ResultPage {
  columns: ResultColumn[];
  /** Data rows (the header row of the first page is removed); null is SQL NULL. */
  rows: (string | null)[][];
  nextToken: string | null;
}

/** Workgroups whose details the editor loads at once; beyond this the switcher lists names only. */
const MAX_DESCRIBED_WORKGROUPS = 50;
const BATCH = 50;

async function inBatches<T, R>(items: readonly T[], size: number, run: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await run(items.slice(i, i + size))));
  return out;
}

export async function listWorkGroups(region: string): Promise<ReadResult<WorkGroupSummary[]>> {
  return attempt(async () => {
    const client = athenaClient(region);
    const names: { name: string; state: string; description: string | null; engineVersion: string | null }[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListWorkGroupsCommand({ NextToken: token, MaxResults: 50 }));
      for (const group of page.WorkGroups ?? []) {
        if (!group.Name) continue;
        names.push({
          name: group.Name,
          state: group.State ?? 'ENABLED',
          description: group.Description || null,
          engineVersion: group.EngineVersion?.EffectiveEngineVersion ?? null,
        });
      }
      token = page.NextToken;
    } while (token);
    names.sort((a, b) => a.name.localeCompare(b.name));
    // The switcher's acknowledge dialog shows each workgroup's result location, so describe them up front.
    const described = names.slice(0, MAX_DESCRIBED_WORKGROUPS);
    const details = await inBatches(described, 8, (batch) =>
      Promise.all(
        batch.map(async (group) => {
          try {
            const { WorkGroup } = await client.send(new GetWorkGroupCommand({ WorkGroup: group.name }));
            return {
              outputLocation: WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation ?? null,
              enforced: WorkGroup?.Configuration?.EnforceWorkGroupConfiguration ?? false,
            };
          } catch {
            return { outputLocation: null, enforced: false };
          }
        }),
      ),
    );
    return names.map((group, index) => ({ ...group, outputLocation: details[index]?.outputLocation ?? null, enforced: details[index]?.enforced ?? false }));
  });
}

export async function listDataCatalogs(region: string): Promise<ReadResult<DataCatalogSummary[]>> {
  return attempt(async () => {
    const client = athenaClient(region);
    const catalogs: DataCatalogSummary[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListDataCatalogsCommand({ NextToken: token, MaxResults: 50 }));
      for (const catalog of page.DataCatalogsSummary ?? []) {
        if (catalog.CatalogName) catalogs.push({ name: catalog.CatalogName, type: catalog.Type ?? 'GLUE' });
      }
      token = page.NextToken;
    } while (token);
    return catalogs;
  });
}

export async function listDatabases(region: string, catalog: string): Promise<ReadResult<string[]>> {
  return attempt(async () => {
    const client = athenaClient(region);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListDatabasesCommand({ CatalogName: catalog, NextToken: token, MaxResults: 50 }));
      for (const database of page.DatabaseList ?? []) if (database.Name) names.push(database.Name);
      token = page.NextToken;
    } while (token);
    return names.sort((a, b) => a.localeCompare(b));
  });
}

const toColumn = (column: Column): ColumnSummary => ({ name: column.Name ?? '', type: column.Type ?? '', comment: column.Comment || null });

/** The database's tables with their columns and partition keys (ListTableMetadata carries both). */
export async function listTables(region: string, catalog: string, database: string): Promise<ReadResult<TableSummary[]>> {
  return attempt(async () => {
    const client = athenaClient(region);
    const tables: TableSummary[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListTableMetadataCommand({ CatalogName: catalog, DatabaseName: database, NextToken: token, MaxResults: 50 }));
      for (const table of page.TableMetadataList ?? []) {
        if (!table.Name) continue;
        tables.push({
          name: table.Name,
          tableType: table.TableType ?? null,
          columns: (table.Columns ?? []).map(toColumn),
          partitionKeys: (table.PartitionKeys ?? []).map(toColumn),
        });
      }
      token = page.NextToken;
    } while (token);
    return tables.sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** The workgroup's saved (named) queries: ListNamedQueries gives ids, BatchGetNamedQuery (≤50 a call) the rest. */
export async function listSavedQueries(region: string, workGroup: string): Promise<ReadResult<SavedQuery[]>> {
  return attempt(async () => {
    const client = athenaClient(region);
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListNamedQueriesCommand({ WorkGroup: workGroup, NextToken: token, MaxResults: 50 }));
      ids.push(...(page.NamedQueryIds ?? []));
      token = page.NextToken;
    } while (token);
    const queries = await inBatches(ids, BATCH, async (batch) => {
      const out = await client.send(new BatchGetNamedQueryCommand({ NamedQueryIds: batch }));
      return (out.NamedQueries ?? []).map(
        (query): SavedQuery => ({
          id: query.NamedQueryId ?? '',
          name: query.Name ?? '',
          description: query.Description || null,
          database: query.Database ?? '',
          queryString: query.QueryString ?? '',
          workGroup: query.WorkGroup ?? workGroup,
        }),
      );
    });
    return queries.sort((a, b) => a.name.localeCompare(b.name));
  });
}

const num = (value: number | undefined) => (typeof value === 'number' ? value : null);

export function summarizeExecution(execution: QueryExecution): QueryExecutionSummary {
  const status = execution.Status;
  const stats = execution.Statistics;
  return {
    id: execution.QueryExecutionId ?? '',
    query: execution.Query ?? '',
    statementType: execution.StatementType ?? null,
    state: (status?.State ?? 'QUEUED') as QueryState,
    stateChangeReason: status?.StateChangeReason ?? status?.AthenaError?.ErrorMessage ?? null,
    errorType: status?.AthenaError?.ErrorType !== undefined ? String(status.AthenaError.ErrorType) : null,
    submittedAt: status?.SubmissionDateTime ? status.SubmissionDateTime.toISOString() : null,
    completedAt: status?.CompletionDateTime ? status.CompletionDateTime.toISOString() : null,
    database: execution.QueryExecutionContext?.Database ?? null,
    catalog: execution.QueryExecutionContext?.Catalog ?? null,
    workGroup: execution.WorkGroup ?? null,
    outputLocation: execution.ResultConfiguration?.OutputLocation ?? null,
    executionParameters: execution.ExecutionParameters ?? [],
    statistics: {
      dataScannedBytes: num(stats?.DataScannedInBytes),
      engineMs: num(stats?.EngineExecutionTimeInMillis),
      totalMs: num(stats?.TotalExecutionTimeInMillis),
      queueMs: num(stats?.QueryQueueTimeInMillis),
      planningMs: num(stats?.QueryPlanningTimeInMillis),
      serviceMs: num(stats?.ServiceProcessingTimeInMillis),
    },
  };
}

export async function getQueryExecution(region: string, id: string): Promise<ReadResult<QueryExecutionSummary>> {
  return attempt(async () => {
    const { QueryExecution } = await athenaClient(region).send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    if (!QueryExecution) throw Object.assign(new Error(`Query ${id} was not found.`), { name: 'InvalidRequestException' });
    return summarizeExecution(QueryExecution);
  });
}

/**
 * A query's state once it finishes or leaves `knownState`, or as it is after `waitMs`: the editor's polls wait here, close
 * to the service, instead of in the browser, so a result is seen within one short interval of
 * completing. Local AWS is asked every 20 ms; a real account every 250 ms, well inside Athena's
 * GetQueryExecution rate.
 */
export async function waitForQueryExecution(region: string, id: string, waitMs: number, knownState?: string): Promise<ReadResult<QueryExecutionSummary>> {
  const interval = backendKind() === 'local' ? 20 : 250;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await getQueryExecution(region, id);
    // Any news answers at once: a finished query, or a state the caller has not seen (QUEUED → RUNNING).
    if (!result.ok || result.data.state !== knownState || result.data.state === 'SUCCEEDED' || result.data.state === 'FAILED' || result.data.state === 'CANCELLED') return result;
    if (Date.now() + interval > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** The workgroup's most recent query executions, newest first (ListQueryExecutions + BatchGetQueryExecution). */
export async function listRecentQueries(region: string, workGroup: string, limit = 200): Promise<ReadResult<QueryExecutionSummary[]>> {
  return attempt(async () => {
    const client = athenaClient(region);
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListQueryExecutionsCommand({ WorkGroup: workGroup, NextToken: token, MaxResults: 50 }));
      ids.push(...(page.QueryExecutionIds ?? []));
      token = page.NextToken;
    } while (token && ids.length < limit);
    const executions = await inBatches(ids.slice(0, limit), BATCH, async (batch) => {
      const out = await client.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: batch }));
      return (out.QueryExecutions ?? []).map(summarizeExecution);
    });
    return executions.sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''));
  });
}

/**
 * One page (≤1000 rows) of a query's results. On the first page of a SELECT, Athena's first row
 * repeats the column names; it is dropped here so every page holds data rows only.
 */
export async function getQueryResultsPage(region: string, id: string, nextToken?: string): Promise<ReadResult<ResultPage>> {
  return attempt(async () => {
    const out = await athenaClient(region).send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: nextToken || undefined, MaxResults: 1000 }));
    const columns = (out.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => ({ name: column.Label ?? column.Name ?? '', type: column.Type ?? 'varchar' }));
    let rows = (out.ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((datum) => (datum.VarCharValue === undefined ? null : datum.VarCharValue)));
    const first = rows[0];
    const isHeader =
      !nextToken && first !== undefined && columns.length > 0 && first.length === columns.length && first.every((value, index) => value === columns[index].name);
    if (isHeader) rows = rows.slice(1);
    return { columns, rows, nextToken: out.NextToken ?? null };
  });
}
