import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors';
import { MalformedQuery } from '../../engine/query-errors';
import type { QueryEngine } from '../../engine/query-engine';
import type { Json11Service } from '../../protocols/service-definition';
import type { RequestContext } from '../../request-context';
import type { GlueStore, GlueTable } from '../glue/glue-store';
import type { S3Store } from '../s3/s3-store';
import { constraintViolation, invalidRequest, metadataError, missingMember } from './athena-errors';
import { parseOutputLocation, readPage, resultObjectLocation } from './athena-results';
import {
  PRIMARY_WORKGROUP,
  validOutputLocation,
  type AthenaStore,
  type CreateWorkGroupInput,
  type QueryExecution,
  type QueryExecutionInternal,
  type ResultConfiguration,
  type UpdateWorkGroupInput,
  type WorkGroup,
} from './athena-store';
import type { QueryRunner } from './query-runner';

/**
 * Athena (awsJson1.1, `X-Amz-Target: AmazonAthena.<Operation>`): workgroups, named queries, query
 * executions run by the local engine, their results, and the Glue-backed data catalog views.
 * Request validation, messages and AthenaErrorCodes follow real Athena's measured answers.
 */
export interface AthenaServiceDeps {
  store: AthenaStore;
  runner: QueryRunner;
  engine: QueryEngine;
  glue: GlueStore;
  s3: S3Store;
}

const DATA_CATALOG = 'AwsDataCatalog';
const DEFAULT_DATABASE = { Name: 'default', Description: 'Default Hive database', Parameters: {} };

export function createAthenaService(deps: AthenaServiceDeps): Json11Service {
  const { store, runner, engine, glue, s3 } = deps;

  const execution = (ctx: RequestContext, id: string) => {
    const found = store.getExecution(ctx.region, id);
    if (!found) throw invalidRequest(`QueryExecution ${id} was not found`, 'QUERY_EXECUTION_NOT_FOUND');
    return found;
  };

  return {
    name: 'Athena',
    signingName: 'athena',
    protocol: 'json-1.1',
    targetPrefix: 'AmazonAthena',
    operations: {
      // ------------------------------------------------------------ workgroups
      ListWorkGroups: (input, ctx) => {
        const all = store.listWorkGroups(ctx.region).map((w) => ({
          Name: w.Name,
          State: w.State,
          Description: w.Description ?? '',
          CreationTime: w.CreationTime,
          EngineVersion: w.Configuration.EngineVersion,
        }));
        const page = paginate(all, input, 50, 50);
        return { WorkGroups: page.items, NextToken: page.nextToken };
      },
      GetWorkGroup: (input, ctx) => ({ WorkGroup: presentWorkGroup(store.requireWorkGroup(ctx.region, requireString(input, 'WorkGroup'))) }),
      CreateWorkGroup: (input, ctx) => {
        store.createWorkGroup(ctx.region, {
          Name: requireString(input, 'Name'),
          Description: optionalString(input, 'Description'),
          Configuration: optionalObject(input, 'Configuration') as CreateWorkGroupInput['Configuration'],
          Tags: tagList(input),
        });
        return {};
      },
      UpdateWorkGroup: (input, ctx) => {
        store.updateWorkGroup(ctx.region, requireString(input, 'WorkGroup'), {
          Description: optionalString(input, 'Description'),
          State: optionalString(input, 'State') as UpdateWorkGroupInput['State'],
          ConfigurationUpdates: optionalObject(input, 'ConfigurationUpdates') as UpdateWorkGroupInput['ConfigurationUpdates'],
        });
        return {};
      },
      DeleteWorkGroup: (input, ctx) => {
        const name = requireString(input, 'WorkGroup');
        const recursive = input.RecursiveDeleteOption === true;
        store.requireWorkGroup(ctx.region, name);
        if (recursive) for (const id of store.listExecutionIds(ctx.region, name)) runner.stop(ctx.region, id);
        store.deleteWorkGroup(ctx.region, name, { recursive });
        return {};
      },

      // ------------------------------------------------------------ named queries
      CreateNamedQuery: (input, ctx) => ({
        NamedQueryId: store.createNamedQuery(ctx.region, {
          Name: requireString(input, 'Name'),
          Description: optionalString(input, 'Description'),
          Database: requireString(input, 'Database'),
          QueryString: requireString(input, 'QueryString'),
          WorkGroup: optionalString(input, 'WorkGroup'),
          ClientRequestToken: optionalString(input, 'ClientRequestToken'),
        }),
      }),
      GetNamedQuery: (input, ctx) => ({ NamedQuery: store.requireNamedQuery(ctx.region, requireString(input, 'NamedQueryId')) }),
      BatchGetNamedQuery: (input, ctx) => {
        const ids = requireStringList(input, 'NamedQueryIds', 1, 50);
        const found = [];
        const unprocessed = [];
        for (const id of ids) {
          const query = store.getNamedQuery(ctx.region, id);
          if (query) found.push(query);
          else unprocessed.push({ NamedQueryId: id, ErrorCode: 'INVALID_INPUT', ErrorMessage: `NamedQuery ${id} was not found` });
        }
        return { NamedQueries: found, UnprocessedNamedQueryIds: unprocessed };
      },
      ListNamedQueries: (input, ctx) => {
        const workGroup = optionalString(input, 'WorkGroup') ?? PRIMARY_WORKGROUP;
        store.requireWorkGroup(ctx.region, workGroup);
        const page = paginate(store.listNamedQueryIds(ctx.region, workGroup), input, 50, 50, 0);
        return { NamedQueryIds: page.items, NextToken: page.nextToken };
      },
      UpdateNamedQuery: (input, ctx) => {
        store.updateNamedQuery(ctx.region, requireString(input, 'NamedQueryId'), {
          Name: requireString(input, 'Name'),
          Description: optionalString(input, 'Description'),
          QueryString: requireString(input, 'QueryString'),
        });
        return {};
      },
      DeleteNamedQuery: (input, ctx) => {
        store.deleteNamedQuery(ctx.region, requireString(input, 'NamedQueryId'));
        return {};
      },

      // ------------------------------------------------------------ query executions
      StartQueryExecution: async (input, ctx) => {
        const query = requireString(input, 'QueryString');
        if (query.length > 262144) throw constraintViolation('queryString', undefined, 'Member must have length less than or equal to 262144');
        const token = input.ClientRequestToken;
        if (token === undefined || token === null) throw invalidRequest('clientRequestToken is null or empty');
        if (typeof token !== 'string') throw new AwsError('SerializationException', 'NUMBER_VALUE can not be converted to a String');
        if (token.length < 32) throw constraintViolation('clientRequestToken', token, 'Member must have length greater than or equal to 32');
        if (token.length > 128) throw constraintViolation('clientRequestToken', token, 'Member must have length less than or equal to 128');
        const context = optionalObject(input, 'QueryExecutionContext') as { Database?: unknown; Catalog?: unknown } | undefined;
        const database = context?.Database === undefined ? undefined : String(context.Database);
        const catalog = context?.Catalog === undefined ? undefined : String(context.Catalog);
        const requested = optionalObject(input, 'ResultConfiguration') as ResultConfiguration | undefined;
        const parameters = input.ExecutionParameters === undefined ? undefined : requireStringList(input, 'ExecutionParameters', 1, Infinity);

        const previous = store.findExecutionByToken(ctx.region, token);
        if (previous) {
          const p = previous.record;
          const same =
            p.Query === query &&
            previous.internal.requestedCatalog === catalog &&
            p.QueryExecutionContext?.Database === database &&
            previous.internal.requestedOutputLocation === requested?.OutputLocation;
          if (!same) throw invalidRequest('Idempotent parameters do not match', 'IDEMPOTENT_PARAMETER_MISMATCH');
          return { QueryExecutionId: p.QueryExecutionId };
        }

        const workGroupName = optionalString(input, 'WorkGroup') ?? PRIMARY_WORKGROUP;
        const workGroup = store.requireWorkGroup(ctx.region, workGroupName);
        if (workGroup.State === 'DISABLED') throw invalidRequest(`WorkGroup ${workGroupName} is disabled.`);
        const wgResult = workGroup.Configuration.ResultConfiguration ?? {};
        const enforce = workGroup.Configuration.EnforceWorkGroupConfiguration;
        const resultConfiguration: ResultConfiguration = enforce ? { ...wgResult } : { ...wgResult, ...(requested ?? {}) };
        const location = resultConfiguration.OutputLocation;
        if (!location) {
          throw invalidRequest('No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.');
        }
        if (!validOutputLocation(location)) throw invalidRequest('outputLocation is not a valid S3 path.');
        if (parameters) {
          for (const value of parameters) {
            if (value.length === 0 || value.length > 1024) throw constraintViolation('executionParameters', value, 'Member must have length between 1 and 1024');
          }
        }

        let classification;
        try {
          classification = await engine.prepare(query, parameters);
        } catch (error) {
          if (error instanceof MalformedQuery) throw invalidRequest(error.message, 'MALFORMED_QUERY');
          throw error;
        }

        const id = randomUUID();
        const extension = classification.resultKind === 'txt' ? 'txt' : 'csv';
        const record: QueryExecution = {
          QueryExecutionId: id,
          Query: query,
          StatementType: classification.statementType,
          SubstatementType: classification.substatementType,
          ResultConfiguration: { ...resultConfiguration, OutputLocation: resultObjectLocation(location, id, extension) },
          ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
          ...(context
            ? { QueryExecutionContext: { ...(database !== undefined ? { Database: database } : {}), ...(catalog !== undefined ? { Catalog: catalog.toLowerCase() } : {}) } }
            : {}),
          Status: { State: 'QUEUED', SubmissionDateTime: new Date() },
          Statistics: {
            EngineExecutionTimeInMillis: 0,
            DataScannedInBytes: 0,
            TotalExecutionTimeInMillis: 0,
            QueryQueueTimeInMillis: 0,
            ServicePreProcessingTimeInMillis: 0,
            QueryPlanningTimeInMillis: 0,
            ServiceProcessingTimeInMillis: 0,
            ResultReuseInformation: { ReusedPreviousResult: false },
          },
          WorkGroup: workGroupName,
          EngineVersion: workGroup.Configuration.EngineVersion,
          ...(parameters ? { ExecutionParameters: parameters } : {}),
        };
        const internal: QueryExecutionInternal = {
          region: ctx.region,
          clientRequestToken: token,
          resultKind: classification.resultKind === 'none' ? 'csv' : classification.resultKind,
          requestedCatalog: catalog,
          requestedOutputLocation: requested?.OutputLocation,
        };
        store.insertExecution(record, internal);
        runner.submit(id);
        return { QueryExecutionId: id };
      },
      GetQueryExecution: (input, ctx) => ({ QueryExecution: execution(ctx, requireString(input, 'QueryExecutionId')).record }),
      BatchGetQueryExecution: (input, ctx) => {
        const ids = requireStringList(input, 'QueryExecutionIds', 1, 50);
        const found: QueryExecution[] = [];
        const unprocessed = [];
        for (const id of ids) {
          const item = store.getExecution(ctx.region, id);
          if (item) found.push(item.record);
          else unprocessed.push({ QueryExecutionId: id, ErrorCode: 'INVALID_INPUT', ErrorMessage: `QueryExecution ${id} was not found` });
        }
        return { QueryExecutions: found, UnprocessedQueryExecutionIds: unprocessed };
      },
      ListQueryExecutions: (input, ctx) => {
        const workGroup = optionalString(input, 'WorkGroup') ?? PRIMARY_WORKGROUP;
        store.requireWorkGroup(ctx.region, workGroup);
        const page = paginate(store.listExecutionIds(ctx.region, workGroup), input, 50, 50, 0);
        return { QueryExecutionIds: page.items, NextToken: page.nextToken };
      },
      StopQueryExecution: (input, ctx) => {
        const id = requireString(input, 'QueryExecutionId');
        execution(ctx, id);
        runner.stop(ctx.region, id);
        return {};
      },
      GetQueryResults: async (input, ctx) => {
        if (input.NextToken === '') throw constraintViolation('nextToken', undefined, 'Member must have length greater than or equal to 1');
        if (input.MaxResults !== undefined) {
          if (typeof input.MaxResults !== 'number') throw new AwsError('SerializationException', 'STRING_VALUE can not be converted to an Integer');
          if (input.MaxResults < 1) throw constraintViolation('maxResults', input.MaxResults, 'Member must have value greater than or equal to 1');
        }
        const id = requireString(input, 'QueryExecutionId');
        const { record, internal } = execution(ctx, id);
        const maxResults = (input.MaxResults as number | undefined) ?? 1000;
        if (maxResults > 1000) throw invalidRequest('MaxResults is more than maximum allowed length 1000');
        const state = record.Status.State;
        if (state === 'QUEUED' || state === 'RUNNING') throw invalidRequest(`Query has not yet finished. Current state: ${state}`, 'INVALID_QUERY_EXECUTION_STATE');
        if (state === 'FAILED') throw invalidRequest('Query did not finish successfully. Final query state: FAILED', 'INVALID_QUERY_EXECUTION_STATE');
        if (state === 'CANCELLED') throw invalidRequest('Could not find results', 'RESULT_NOT_FOUND');

        const columns = internal.columns ?? [];
        const location = parseOutputLocation(record.ResultConfiguration.OutputLocation!);
        const object = s3.getObject(location.bucket, location.key);
        if (!object) throw invalidRequest(`Unable to read the query results at ${record.ResultConfiguration.OutputLocation}: the object does not exist`, 'RESULT_NOT_FOUND');
        let offset = 0;
        if (input.NextToken !== undefined) {
          const token = String(input.NextToken);
          const decoded = decodePageToken(token, id, object.etag);
          if (decoded === undefined) throw invalidRequest(`Malformed nextPageToken ${token}`);
          offset = decoded;
        }
        const page = await readPage({
          path: s3.files.pathOf(object.fileId),
          kind: internal.resultKind === 'txt' ? 'txt' : 'csv',
          offset,
          maxRows: maxResults,
          size: object.size,
        });
        const response: Record<string, unknown> = {
          ResultSet: {
            Rows: page.rows.map((row) => ({ Data: row.map((value) => (value === null ? {} : { VarCharValue: value })) })),
            ResultSetMetadata: { ColumnInfo: columns },
          },
        };
        if (internal.updateCount !== undefined) response.UpdateCount = internal.updateCount;
        if (!page.done) response.NextToken = encodePageToken(id, object.etag, page.nextOffset);
        return response;
      },

      GetQueryRuntimeStatistics: (input, ctx) => {
        const { record, internal } = execution(ctx, requireString(input, 'QueryExecutionId'));
        const stats = record.Statistics;
        const location = parseOutputLocation(record.ResultConfiguration.OutputLocation!);
        const output = record.Status.State === 'SUCCEEDED' ? s3.getObject(location.bucket, location.key) : undefined;
        return {
          QueryRuntimeStatistics: {
            Timeline: {
              QueryQueueTimeInMillis: stats.QueryQueueTimeInMillis,
              ServicePreProcessingTimeInMillis: stats.ServicePreProcessingTimeInMillis,
              QueryPlanningTimeInMillis: stats.QueryPlanningTimeInMillis,
              EngineExecutionTimeInMillis: stats.EngineExecutionTimeInMillis,
              ServiceProcessingTimeInMillis: stats.ServiceProcessingTimeInMillis,
              TotalExecutionTimeInMillis: stats.TotalExecutionTimeInMillis,
            },
            Rows: {
              InputBytes: stats.DataScannedInBytes,
              ...(internal.rowCount !== undefined ? { OutputRows: internal.rowCount } : {}),
              ...(output ? { OutputBytes: output.size } : {}),
            },
          },
        };
      },
      ListEngineVersions: () => ({
        EngineVersions: [
          { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
          { SelectedEngineVersion: 'Athena engine version 3', EffectiveEngineVersion: 'Athena engine version 3' },
        ],
      }),

      // ------------------------------------------------------------ data catalog (Glue)
      ListDataCatalogs: () => ({ DataCatalogsSummary: [{ CatalogName: DATA_CATALOG, Type: 'GLUE', Status: 'CREATE_COMPLETE' }] }),
      GetDataCatalog: (input) => {
        requireCatalog(requireString(input, 'Name'));
        return { DataCatalog: { Name: DATA_CATALOG, Type: 'GLUE', Parameters: { 'catalog-id': '000000000000' }, Status: 'CREATE_COMPLETE' } };
      },
      ListDatabases: (input, ctx) => {
        requireCatalog(requireString(input, 'CatalogName'));
        const databases = glue.listDatabases(ctx.region).map((d) => ({ Name: d.Name, ...(d.Description ? { Description: d.Description } : {}), Parameters: d.Parameters ?? {} }));
        // Athena always shows `default`, even before anything is created in it (the engine creates it in Glue on first use).
        const all = databases.some((d) => d.Name === 'default') ? databases : [DEFAULT_DATABASE, ...databases].sort((a, b) => (a.Name < b.Name ? -1 : 1));
        const page = paginate(all, input, 50, 50);
        return { DatabaseList: page.items, NextToken: page.nextToken };
      },
      GetDatabase: (input, ctx) => {
        requireCatalog(requireString(input, 'CatalogName'));
        const name = requireString(input, 'DatabaseName');
        const database = glue.getDatabase(ctx.region, name);
        if (!database && name.toLowerCase() === 'default') return { Database: DEFAULT_DATABASE };
        if (!database) throw metadataError(`Database ${name} not found.`);
        return { Database: { Name: database.Name, ...(database.Description ? { Description: database.Description } : {}), Parameters: database.Parameters ?? {} } };
      },
      ListTableMetadata: (input, ctx) => {
        requireCatalog(requireString(input, 'CatalogName'));
        const databaseName = requireString(input, 'DatabaseName');
        if (!glue.getDatabase(ctx.region, databaseName)) {
          if (databaseName.toLowerCase() === 'default') return { TableMetadataList: [] };
          throw metadataError(`Database ${databaseName} not found.`);
        }
        const tables = glue.listTables(ctx.region, databaseName, { expression: optionalString(input, 'Expression') }).map(tableMetadata);
        const page = paginate(tables, input, 50, 50);
        return { TableMetadataList: page.items, NextToken: page.nextToken };
      },
      GetTableMetadata: (input, ctx) => {
        requireCatalog(requireString(input, 'CatalogName'));
        const databaseName = requireString(input, 'DatabaseName');
        const tableName = requireString(input, 'TableName');
        const table = glue.getTable(ctx.region, databaseName, tableName);
        if (!table) throw metadataError(`Table ${tableName} not found.`);
        return { TableMetadata: tableMetadata(table) };
      },

      // ------------------------------------------------------------ tags
      TagResource: (input, ctx) => {
        const arn = requireString(input, 'ResourceARN');
        requireTaggable(store, ctx, arn);
        store.tagResource(ctx.region, arn, tagList(input) ?? []);
        return {};
      },
      UntagResource: (input, ctx) => {
        const arn = requireString(input, 'ResourceARN');
        requireTaggable(store, ctx, arn);
        store.untagResource(ctx.region, arn, requireStringList(input, 'TagKeys', 0, 50));
        return {};
      },
      ListTagsForResource: (input, ctx) => {
        const arn = requireString(input, 'ResourceARN');
        requireTaggable(store, ctx, arn);
        const page = paginate(store.listTags(ctx.region, arn), input, 100, 100, 75);
        return { Tags: page.items, NextToken: page.nextToken };
      },
    },
  };
}

// ---------------------------------------------------------------- helpers

function presentWorkGroup(w: WorkGroup) {
  return {
    Name: w.Name,
    State: w.State,
    Configuration: w.Configuration,
    ...(w.Description ? { Description: w.Description } : {}),
    CreationTime: w.CreationTime,
  };
}

function requireCatalog(name: string) {
  if (name.toLowerCase() !== DATA_CATALOG.toLowerCase()) throw metadataError(`Catalog ${name} not found.`);
}

function requireTaggable(store: AthenaStore, ctx: RequestContext, arn: string) {
  const m = /^arn:aws[a-z-]*:athena:[^:]*:\d*:workgroup\/(.+)$/.exec(arn);
  if (!m || !store.getWorkGroup(ctx.region, m[1])) throw new AwsError('ResourceNotFoundException', `Resource ${arn} was not found.`, 400, { ResourceName: arn });
}

/** Athena's TableMetadata: Glue's table with storage details flattened into Parameters. */
function tableMetadata(table: GlueTable) {
  const sd = table.StorageDescriptor ?? {};
  const parameters: Record<string, string> = { ...(table.Parameters ?? {}) };
  if (sd.InputFormat) parameters.inputformat = sd.InputFormat;
  if (sd.OutputFormat) parameters.outputformat = sd.OutputFormat;
  if (sd.Location) parameters.location = sd.Location;
  if (sd.SerdeInfo?.SerializationLibrary) parameters['serde.serialization.lib'] = sd.SerdeInfo.SerializationLibrary;
  for (const [k, v] of Object.entries(sd.SerdeInfo?.Parameters ?? {})) parameters[`serde.param.${k}`] = v;
  const column = (c: { Name: string; Type?: string; Comment?: string }) => ({ Name: c.Name, Type: c.Type ?? 'string', ...(c.Comment ? { Comment: c.Comment } : {}) });
  return {
    Name: table.Name,
    CreateTime: table.CreateTime,
    ...(table.LastAccessTime ? { LastAccessTime: table.LastAccessTime } : {}),
    TableType: table.TableType ?? 'EXTERNAL_TABLE',
    Columns: (sd.Columns ?? []).map(column),
    PartitionKeys: (table.PartitionKeys ?? []).map(column),
    Parameters: parameters,
  };
}

function requireString(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (value === undefined || value === null || value === '') throw missingMember(key);
  if (typeof value !== 'string') throw new AwsError('SerializationException', `${typeof value === 'number' ? 'NUMBER' : 'TRUE'}_VALUE can not be converted to a String`);
  return value;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('SerializationException', `${typeof value === 'number' ? 'NUMBER' : 'TRUE'}_VALUE can not be converted to a String`);
  return value;
}

function optionalObject(input: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new AwsError('SerializationException', 'Start of list found where not expected');
  return value as Record<string, unknown>;
}

function requireStringList(input: Record<string, unknown>, key: string, min: number, max: number): string[] {
  const value = input[key];
  if (value === undefined || value === null) {
    if (min === 0) return [];
    throw missingMember(key);
  }
  if (!Array.isArray(value)) throw new AwsError('SerializationException', 'Expected list or null');
  if (value.length < min) throw constraintViolation(key, undefined, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraintViolation(key, undefined, `Member must have length less than or equal to ${max}`);
  return value.map((v) => String(v));
}

function tagList(input: Record<string, unknown>): { Key: string; Value: string }[] | undefined {
  const tags = input.Tags;
  if (tags === undefined || tags === null) return undefined;
  if (!Array.isArray(tags)) throw new AwsError('SerializationException', 'Expected list or null');
  return tags.map((t: { Key?: unknown; Value?: unknown }) => ({ Key: String(t.Key ?? ''), Value: String(t.Value ?? '') }));
}

/**
 * Opaque NextTokens: base64 of the position, checked on the way back in. MaxResults outside
 * [min, max] is refused with Athena's validation message.
 */
function paginate<T>(items: T[], input: Record<string, unknown>, defaultSize: number, max: number, min = 1) {
  const raw = input.MaxResults;
  if (raw !== undefined && raw !== null && typeof raw !== 'number') throw new AwsError('SerializationException', 'STRING_VALUE can not be converted to an Integer');
  const requested = raw === undefined || raw === null ? defaultSize : Math.trunc(raw);
  if (requested < min) throw constraintViolation('maxResults', requested, `Member must have value greater than or equal to ${min}`);
  if (requested > max) throw constraintViolation('maxResults', requested, `Member must have value less than or equal to ${max}`);
  const size = requested === 0 ? defaultSize : requested;
  let start = 0;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    const token = String(input.NextToken);
    if (token === '') throw constraintViolation('nextToken', undefined, 'Member must have length greater than or equal to 1');
    const decoded = decodeListToken(token);
    if (decoded === undefined || decoded > items.length) throw invalidRequest(`The nextPageToken is malformed: ${token}`);
    start = decoded;
  }
  const slice = items.slice(start, start + size);
  const next = start + size;
  return { items: slice, nextToken: next < items.length ? encodeListToken(next) : undefined };
}

function encodeListToken(index: number): string {
  return Buffer.from(JSON.stringify({ v: 1, i: index, n: randomUUID().slice(0, 8) })).toString('base64');
}

function decodeListToken(token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { v?: number; i?: number };
    return parsed.v === 1 && Number.isInteger(parsed.i) && parsed.i! >= 0 ? parsed.i : undefined;
  } catch {
    return undefined;
  }
}

function encodePageToken(queryId: string, etag: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: queryId, e: etag.replace(/"/g, ''), o: offset })).toString('base64');
}

function decodePageToken(token: string, queryId: string, etag: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { q?: string; e?: string; o?: number };
    if (parsed.q !== queryId || parsed.e !== etag.replace(/"/g, '') || !Number.isInteger(parsed.o) || parsed.o! < 0) return undefined;
    return parsed.o;
  } catch {
    return undefined;
  }
}
