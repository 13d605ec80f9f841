import { randomUUID } from 'node:crypto';
import type { ColumnInfo } from '../../engine/column-info';
import type { Db } from '../../store/database';
import { constraintViolation, invalidRequest, missingMember, workGroupNotFound } from './athena-errors';

/**
 * Athena's catalog of workgroups, named queries, query executions and tags, per region, shared by the
 * Athena API, CloudFormation's AWS::Athena::WorkGroup / AWS::Athena::NamedQuery providers and the
 * query runner. Records are the Athena API's JSON shapes (Dates render as epoch seconds on the wire).
 * Failures are AwsErrors in Athena's shape (InvalidRequestException + AthenaErrorCode) so every caller
 * can pass them on unchanged.
 */

export const PRIMARY_WORKGROUP = 'primary';
export const DEFAULT_ENGINE_VERSION = 'Athena engine version 3';

export interface ResultConfiguration {
  OutputLocation?: string;
  EncryptionConfiguration?: { EncryptionOption: string; KmsKey?: string };
  ExpectedBucketOwner?: string;
  AclConfiguration?: { S3AclOption: string };
}

export interface EngineVersion {
  SelectedEngineVersion?: string;
  EffectiveEngineVersion?: string;
}

export interface WorkGroupConfiguration {
  ResultConfiguration: ResultConfiguration;
  EnforceWorkGroupConfiguration: boolean;
  PublishCloudWatchMetricsEnabled: boolean;
  RequesterPaysEnabled: boolean;
  EnableMinimumEncryptionConfiguration: boolean;
  BytesScannedCutoffPerQuery?: number;
  EngineVersion: EngineVersion;
  [extra: string]: unknown;
}

export interface WorkGroup {
  Name: string;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  CreationTime: Date;
  Configuration: WorkGroupConfiguration;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface CreateWorkGroupInput {
  Name: string;
  Description?: string;
  Configuration?: Partial<WorkGroupConfiguration>;
  Tags?: Tag[];
}

export interface WorkGroupConfigurationUpdates {
  EnforceWorkGroupConfiguration?: boolean;
  ResultConfigurationUpdates?: {
    OutputLocation?: string;
    RemoveOutputLocation?: boolean;
    EncryptionConfiguration?: ResultConfiguration['EncryptionConfiguration'];
    RemoveEncryptionConfiguration?: boolean;
    ExpectedBucketOwner?: string;
    RemoveExpectedBucketOwner?: boolean;
    AclConfiguration?: ResultConfiguration['AclConfiguration'];
    RemoveAclConfiguration?: boolean;
  };
  PublishCloudWatchMetricsEnabled?: boolean;
  BytesScannedCutoffPerQuery?: number;
  RemoveBytesScannedCutoffPerQuery?: boolean;
  RequesterPaysEnabled?: boolean;
  EngineVersion?: EngineVersion;
  EnableMinimumEncryptionConfiguration?: boolean;
}

export interface UpdateWorkGroupInput {
  Description?: string;
  State?: 'ENABLED' | 'DISABLED';
  ConfigurationUpdates?: WorkGroupConfigurationUpdates;
}

export interface NamedQuery {
  NamedQueryId: string;
  Name: string;
  Description?: string;
  Database: string;
  QueryString: string;
  WorkGroup: string;
}

export interface CreateNamedQueryInput {
  Name: string;
  Description?: string;
  Database: string;
  QueryString: string;
  WorkGroup?: string;
  ClientRequestToken?: string;
}

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface AthenaError {
  ErrorCategory: number;
  ErrorType: number;
  Retryable: boolean;
  ErrorMessage: string;
}

/** A QueryExecution exactly as GetQueryExecution answers it. */
export interface QueryExecution {
  QueryExecutionId: string;
  Query: string;
  StatementType: 'DML' | 'DDL' | 'UTILITY';
  SubstatementType?: string;
  ResultConfiguration: ResultConfiguration;
  ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: boolean; MaxAgeInMinutes?: number } };
  QueryExecutionContext?: { Database?: string; Catalog?: string };
  Status: {
    State: QueryState;
    StateChangeReason?: string;
    SubmissionDateTime: Date;
    CompletionDateTime?: Date;
    AthenaError?: AthenaError;
  };
  Statistics: {
    EngineExecutionTimeInMillis: number;
    DataScannedInBytes: number;
    TotalExecutionTimeInMillis: number;
    QueryQueueTimeInMillis: number;
    ServicePreProcessingTimeInMillis: number;
    QueryPlanningTimeInMillis: number;
    ServiceProcessingTimeInMillis: number;
    ResultReuseInformation: { ReusedPreviousResult: boolean };
  };
  WorkGroup: string;
  EngineVersion: EngineVersion;
  ExecutionParameters?: string[];
}

/** What the runner needs beside the public record: never sent on the wire. */
export interface QueryExecutionInternal {
  region: string;
  clientRequestToken?: string;
  /** Where the result file lives (`s3://…/<id>.csv|.txt`), undefined when there is none. */
  resultKind: 'csv' | 'txt' | 'none';
  /** Column metadata (Athena ColumnInfo) once known. */
  columns?: ColumnInfo[];
  /** Absent for DDL/DESCRIBE (Athena leaves UpdateCount out there). */
  updateCount?: number;
  /** Rows in the result file (data rows; the CSV's header line is extra). */
  rowCount?: number;
  /** Whether the first GetQueryResults page starts with a header row (DML). */
  headerRow?: boolean;
  /** ETag of the result object when written, so a replaced file is noticed. */
  resultEtag?: string;
  startedAt?: number;
  /** StartQueryExecution's own Catalog and OutputLocation, compared on a retried ClientRequestToken. */
  requestedCatalog?: string;
  requestedOutputLocation?: string;
}

interface ExecutionRow {
  record: string;
  internal: string;
}

const WORKGROUP_NAME = /^[a-zA-Z0-9._-]{1,128}$/;
const DATE_FIELDS = new Set(['CreationTime', 'SubmissionDateTime', 'CompletionDateTime']);

export class AthenaStore {
  constructor(
    readonly db: Db,
    readonly accountId = '000000000000',
  ) {}

  // ---------------------------------------------------------------- workgroups

  /** `primary` exists in every region from the first look, as in a new AWS account. */
  ensurePrimary(region: string): void {
    const exists = this.db.prepare('SELECT 1 FROM athena_workgroups WHERE region = ? AND name = ?').get(region, PRIMARY_WORKGROUP);
    if (exists) return;
    const record: WorkGroup = {
      Name: PRIMARY_WORKGROUP,
      State: 'ENABLED',
      CreationTime: new Date(),
      Configuration: normalizeConfiguration(undefined),
    };
    this.db.prepare('INSERT OR IGNORE INTO athena_workgroups (region, name, record) VALUES (?, ?, ?)').run(region, PRIMARY_WORKGROUP, JSON.stringify(record));
  }

  getWorkGroup(region: string, name: string): WorkGroup | undefined {
    this.ensurePrimary(region);
    const raw = this.db.prepare('SELECT record FROM athena_workgroups WHERE region = ? AND name = ?').pluck().get(region, name) as string | undefined;
    return raw === undefined ? undefined : revive<WorkGroup>(raw);
  }

  requireWorkGroup(region: string, name: string): WorkGroup {
    const workGroup = this.getWorkGroup(region, name);
    if (!workGroup) throw workGroupNotFound();
    return workGroup;
  }

  /** By name, as real Athena lists them. */
  listWorkGroups(region: string): WorkGroup[] {
    this.ensurePrimary(region);
    const rows = this.db.prepare('SELECT record FROM athena_workgroups WHERE region = ? ORDER BY name').pluck().all(region) as string[];
    return rows.map((raw) => revive<WorkGroup>(raw));
  }

  createWorkGroup(region: string, input: CreateWorkGroupInput): WorkGroup {
    this.ensurePrimary(region);
    const name = validWorkGroupName(input?.Name);
    if (input.Description !== undefined && input.Description.length > 1024) {
      throw constraintViolation('description', input.Description, 'Member must have length less than or equal to 1024');
    }
    const record: WorkGroup = {
      Name: name,
      State: 'ENABLED',
      ...(input.Description ? { Description: input.Description } : {}),
      CreationTime: new Date(),
      Configuration: normalizeConfiguration(input.Configuration),
    };
    const inserted = this.db
      .prepare('INSERT OR IGNORE INTO athena_workgroups (region, name, record) VALUES (?, ?, ?)')
      .run(region, name, JSON.stringify(record));
    if (inserted.changes === 0) throw invalidRequest('WorkGroup already exists.');
    if (input.Tags?.length) this.tagResource(region, this.workGroupArn(region, name), input.Tags);
    return record;
  }

  updateWorkGroup(region: string, name: string, input: UpdateWorkGroupInput): WorkGroup {
    const existing = this.requireWorkGroup(region, name);
    const record: WorkGroup = { ...existing, Configuration: applyConfigurationUpdates(existing.Configuration, input.ConfigurationUpdates) };
    if (input.State !== undefined) {
      if (input.State !== 'ENABLED' && input.State !== 'DISABLED') {
        throw constraintViolation('state', input.State, 'Member must satisfy enum value set: [ENABLED, DISABLED]');
      }
      record.State = input.State;
    }
    if (input.Description !== undefined) {
      if (input.Description === '') delete record.Description;
      else record.Description = input.Description;
    }
    this.db.prepare('UPDATE athena_workgroups SET record = ? WHERE region = ? AND name = ?').run(JSON.stringify(record), region, existing.Name);
    return record;
  }

  /**
   * Deletes a workgroup. Without `recursive` a workgroup that still holds named queries or query
   * history is refused, as Athena does ("WorkGroup x is not empty"); with it those go too. The caller
   * stops the workgroup's running queries first.
   */
  deleteWorkGroup(region: string, name: string, options: { recursive?: boolean } = {}): void {
    const existing = this.requireWorkGroup(region, name);
    if (existing.Name === PRIMARY_WORKGROUP) throw invalidRequest('Cannot delete the primary workgroup.');
    this.db.transaction(() => {
      const hasContent =
        this.db.prepare('SELECT 1 FROM athena_named_queries WHERE region = ? AND workgroup = ? LIMIT 1').get(region, name) ??
        this.db.prepare('SELECT 1 FROM athena_query_executions WHERE region = ? AND workgroup = ? LIMIT 1').get(region, name);
      if (hasContent && !options.recursive) throw invalidRequest(`WorkGroup ${name} is not empty`);
      this.db.prepare('DELETE FROM athena_named_queries WHERE region = ? AND workgroup = ?').run(region, name);
      this.db.prepare('DELETE FROM athena_query_executions WHERE region = ? AND workgroup = ?').run(region, name);
      this.db.prepare('DELETE FROM athena_workgroups WHERE region = ? AND name = ?').run(region, name);
      this.db.prepare('DELETE FROM athena_tags WHERE region = ? AND arn = ?').run(region, this.workGroupArn(region, name));
    })();
  }

  workGroupArn(region: string, name: string): string {
    return `arn:aws:athena:${region}:${this.accountId}:workgroup/${name}`;
  }

  // ---------------------------------------------------------------- named queries

  /** Returns the new id; a repeated ClientRequestToken returns the first call's id. */
  createNamedQuery(region: string, input: CreateNamedQueryInput): string {
    const workGroup = input.WorkGroup ?? PRIMARY_WORKGROUP;
    validateNamedQueryFields(input);
    this.requireWorkGroup(region, workGroup);
    if (input.ClientRequestToken !== undefined) {
      const existing = this.db
        .prepare('SELECT id, record FROM athena_named_queries WHERE region = ? AND client_request_token = ?')
        .get(region, input.ClientRequestToken) as { id: string; record: string } | undefined;
      if (existing) {
        const previous = JSON.parse(existing.record) as NamedQuery;
        const same =
          previous.Name === input.Name &&
          previous.Database === input.Database &&
          previous.QueryString === input.QueryString &&
          (previous.Description ?? '') === (input.Description ?? '') &&
          previous.WorkGroup === workGroup;
        if (!same) throw invalidRequest('Idempotent parameters do not match', 'IDEMPOTENT_PARAMETER_MISMATCH');
        return existing.id;
      }
    }
    const record: NamedQuery = {
      NamedQueryId: randomUUID(),
      Name: input.Name,
      ...(input.Description !== undefined ? { Description: input.Description } : {}),
      Database: input.Database,
      QueryString: input.QueryString,
      WorkGroup: workGroup,
    };
    const seq = (this.db.prepare('SELECT COALESCE(MAX(created_seq), 0) + 1 FROM athena_named_queries').pluck().get() as number) ?? 1;
    this.db
      .prepare('INSERT INTO athena_named_queries (id, region, workgroup, client_request_token, created_seq, record) VALUES (?, ?, ?, ?, ?, ?)')
      .run(record.NamedQueryId, region, workGroup, input.ClientRequestToken ?? null, seq, JSON.stringify(record));
    return record.NamedQueryId;
  }

  getNamedQuery(region: string, id: string): NamedQuery | undefined {
    const raw = this.db.prepare('SELECT record FROM athena_named_queries WHERE region = ? AND id = ?').pluck().get(region, id) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as NamedQuery);
  }

  requireNamedQuery(region: string, id: string): NamedQuery {
    const query = this.getNamedQuery(region, id);
    if (!query) throw invalidRequest(`NamedQuery ${id} was not found`, 'RESOURCE_NOT_FOUND');
    return query;
  }

  /** Ids in creation order. */
  listNamedQueryIds(region: string, workGroup: string): string[] {
    return this.db
      .prepare('SELECT id FROM athena_named_queries WHERE region = ? AND workgroup = ? ORDER BY created_seq')
      .pluck()
      .all(region, workGroup) as string[];
  }

  updateNamedQuery(region: string, id: string, input: { Name: string; Description?: string; QueryString: string }): NamedQuery {
    const existing = this.requireNamedQuery(region, id);
    validateNamedQueryFields({ ...existing, ...input });
    const record: NamedQuery = { ...existing, Name: input.Name, QueryString: input.QueryString };
    if (input.Description !== undefined) record.Description = input.Description;
    this.db.prepare('UPDATE athena_named_queries SET record = ? WHERE id = ?').run(JSON.stringify(record), id);
    return record;
  }

  deleteNamedQuery(region: string, id: string): void {
    const result = this.db.prepare('DELETE FROM athena_named_queries WHERE region = ? AND id = ?').run(region, id);
    if (result.changes === 0) throw invalidRequest(`NamedQuery ${id} was not found`, 'RESOURCE_NOT_FOUND');
  }

  // ---------------------------------------------------------------- query executions

  insertExecution(record: QueryExecution, internal: QueryExecutionInternal): void {
    const seq = (this.db.prepare('SELECT COALESCE(MAX(submitted_seq), 0) + 1 FROM athena_query_executions').pluck().get() as number) ?? 1;
    this.db
      .prepare(
        `INSERT INTO athena_query_executions (id, region, workgroup, client_request_token, state, submitted_seq, record, internal)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.QueryExecutionId,
        internal.region,
        record.WorkGroup,
        internal.clientRequestToken ?? null,
        record.Status.State,
        seq,
        JSON.stringify(record),
        JSON.stringify(internal),
      );
  }

  saveExecution(record: QueryExecution, internal: QueryExecutionInternal): void {
    this.db
      .prepare('UPDATE athena_query_executions SET state = ?, record = ?, internal = ? WHERE id = ?')
      .run(record.Status.State, JSON.stringify(record), JSON.stringify(internal), record.QueryExecutionId);
  }

  getExecution(region: string, id: string): { record: QueryExecution; internal: QueryExecutionInternal } | undefined {
    const row = this.db.prepare('SELECT record, internal FROM athena_query_executions WHERE region = ? AND id = ?').get(region, id) as
      | ExecutionRow
      | undefined;
    return row && { record: revive<QueryExecution>(row.record), internal: JSON.parse(row.internal) as QueryExecutionInternal };
  }

  findExecutionByToken(region: string, token: string): { record: QueryExecution; internal: QueryExecutionInternal } | undefined {
    const row = this.db
      .prepare('SELECT record, internal FROM athena_query_executions WHERE region = ? AND client_request_token = ?')
      .get(region, token) as ExecutionRow | undefined;
    return row && { record: revive<QueryExecution>(row.record), internal: JSON.parse(row.internal) as QueryExecutionInternal };
  }

  /** Newest first. */
  listExecutionIds(region: string, workGroup: string): string[] {
    return this.db
      .prepare('SELECT id FROM athena_query_executions WHERE region = ? AND workgroup = ? ORDER BY submitted_seq DESC')
      .pluck()
      .all(region, workGroup) as string[];
  }

  executionsInStates(states: QueryState[]): { record: QueryExecution; internal: QueryExecutionInternal }[] {
    const rows = this.db
      .prepare(`SELECT record, internal FROM athena_query_executions WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY submitted_seq`)
      .all(...states) as ExecutionRow[];
    return rows.map((row) => ({ record: revive<QueryExecution>(row.record), internal: JSON.parse(row.internal) as QueryExecutionInternal }));
  }

  // ---------------------------------------------------------------- tags

  tagResource(region: string, arn: string, tags: Tag[]): void {
    const put = this.db.prepare('INSERT OR REPLACE INTO athena_tags (region, arn, tag_key, tag_value) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const tag of tags) put.run(region, arn, String(tag.Key), String(tag.Value ?? ''));
    })();
  }

  untagResource(region: string, arn: string, keys: string[]): void {
    const remove = this.db.prepare('DELETE FROM athena_tags WHERE region = ? AND arn = ? AND tag_key = ?');
    this.db.transaction(() => {
      for (const key of keys) remove.run(region, arn, key);
    })();
  }

  listTags(region: string, arn: string): Tag[] {
    const rows = this.db.prepare('SELECT tag_key, tag_value FROM athena_tags WHERE region = ? AND arn = ? ORDER BY tag_key').all(region, arn) as {
      tag_key: string;
      tag_value: string;
    }[];
    return rows.map((row) => ({ Key: row.tag_key, Value: row.tag_value }));
  }
}

// ---------------------------------------------------------------- helpers

function validWorkGroupName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw missingMember('Name');
  if (!WORKGROUP_NAME.test(name)) {
    throw constraintViolation('name', name, 'Member must satisfy regular expression pattern: [a-zA-Z0-9._-]{1,128}');
  }
  return name;
}

function validateNamedQueryFields(input: { Name?: unknown; Database?: unknown; QueryString?: unknown; Description?: unknown }) {
  if (typeof input.Name !== 'string' || input.Name === '') throw missingMember('Name');
  if (input.Name.length > 128) throw constraintViolation('name', input.Name, 'Member must have length less than or equal to 128');
  if (typeof input.Database !== 'string' || input.Database === '') throw missingMember('Database');
  if (input.Database.length > 255) throw constraintViolation('database', input.Database, 'Member must have length less than or equal to 255');
  if (typeof input.QueryString !== 'string' || input.QueryString === '') throw missingMember('QueryString');
  if (input.QueryString.length > 262144) {
    throw constraintViolation('queryString', undefined, 'Member must have length less than or equal to 262144');
  }
  if (input.Description !== undefined && (typeof input.Description !== 'string' || input.Description.length > 1024)) {
    throw constraintViolation('description', input.Description, 'Member must have length less than or equal to 1024');
  }
}

/** `s3://bucket[/prefix]`, as Athena accepts result locations. */
export function validOutputLocation(location: string): boolean {
  return /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(location);
}

function checkResultConfiguration(config: ResultConfiguration | undefined) {
  if (config?.OutputLocation !== undefined && !validOutputLocation(config.OutputLocation)) {
    throw invalidRequest('outputLocation is not a valid S3 path.');
  }
}

function engineVersion(selected: string | undefined): EngineVersion {
  const choice = selected ?? 'AUTO';
  return { SelectedEngineVersion: choice, EffectiveEngineVersion: choice === 'AUTO' ? DEFAULT_ENGINE_VERSION : choice };
}

/** The full Configuration Athena answers with, from a (possibly partial) CreateWorkGroup input. */
function normalizeConfiguration(input: Partial<WorkGroupConfiguration> | undefined): WorkGroupConfiguration {
  checkResultConfiguration(input?.ResultConfiguration);
  const config: WorkGroupConfiguration = {
    ...(input ?? {}),
    ResultConfiguration: { ...(input?.ResultConfiguration ?? {}) },
    EnforceWorkGroupConfiguration: input?.EnforceWorkGroupConfiguration ?? false,
    PublishCloudWatchMetricsEnabled: input?.PublishCloudWatchMetricsEnabled ?? false,
    RequesterPaysEnabled: input?.RequesterPaysEnabled ?? false,
    EnableMinimumEncryptionConfiguration: input?.EnableMinimumEncryptionConfiguration ?? false,
    EngineVersion: engineVersion(input?.EngineVersion?.SelectedEngineVersion),
  };
  if (config.BytesScannedCutoffPerQuery !== undefined) checkCutoff(config.BytesScannedCutoffPerQuery);
  return config;
}

function checkCutoff(value: number) {
  if (!Number.isInteger(value) || value < 10_000_000) {
    throw constraintViolation('bytesScannedCutoffPerQuery', value, 'Member must have value greater than or equal to 10000000');
  }
}

function applyConfigurationUpdates(current: WorkGroupConfiguration, updates: WorkGroupConfigurationUpdates | undefined): WorkGroupConfiguration {
  if (!updates) return current;
  const next: WorkGroupConfiguration = { ...current, ResultConfiguration: { ...current.ResultConfiguration } };
  const result = updates.ResultConfigurationUpdates;
  if (result) {
    if (result.RemoveOutputLocation) delete next.ResultConfiguration.OutputLocation;
    else if (result.OutputLocation !== undefined) {
      checkResultConfiguration({ OutputLocation: result.OutputLocation });
      next.ResultConfiguration.OutputLocation = result.OutputLocation;
    }
    if (result.RemoveEncryptionConfiguration) delete next.ResultConfiguration.EncryptionConfiguration;
    else if (result.EncryptionConfiguration !== undefined) next.ResultConfiguration.EncryptionConfiguration = result.EncryptionConfiguration;
    if (result.RemoveExpectedBucketOwner) delete next.ResultConfiguration.ExpectedBucketOwner;
    else if (result.ExpectedBucketOwner !== undefined) next.ResultConfiguration.ExpectedBucketOwner = result.ExpectedBucketOwner;
    if (result.RemoveAclConfiguration) delete next.ResultConfiguration.AclConfiguration;
    else if (result.AclConfiguration !== undefined) next.ResultConfiguration.AclConfiguration = result.AclConfiguration;
  }
  if (updates.EnforceWorkGroupConfiguration !== undefined) next.EnforceWorkGroupConfiguration = updates.EnforceWorkGroupConfiguration;
  if (updates.PublishCloudWatchMetricsEnabled !== undefined) next.PublishCloudWatchMetricsEnabled = updates.PublishCloudWatchMetricsEnabled;
  if (updates.RequesterPaysEnabled !== undefined) next.RequesterPaysEnabled = updates.RequesterPaysEnabled;
  if (updates.EnableMinimumEncryptionConfiguration !== undefined) next.EnableMinimumEncryptionConfiguration = updates.EnableMinimumEncryptionConfiguration;
  if (updates.RemoveBytesScannedCutoffPerQuery) delete next.BytesScannedCutoffPerQuery;
  else if (updates.BytesScannedCutoffPerQuery !== undefined) {
    checkCutoff(updates.BytesScannedCutoffPerQuery);
    next.BytesScannedCutoffPerQuery = updates.BytesScannedCutoffPerQuery;
  }
  if (updates.EngineVersion?.SelectedEngineVersion !== undefined) next.EngineVersion = engineVersion(updates.EngineVersion.SelectedEngineVersion);
  return next;
}

function revive<T>(raw: string): T {
  return JSON.parse(raw, (key, value) => (DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value)) as T;
}
