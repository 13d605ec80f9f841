'use server';

import {
  CreateNamedQueryCommand,
  DeleteNamedQueryCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  UpdateNamedQueryCommand,
} from '@aws-sdk/client-athena';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isSqlLiteral, MAX_PARAMETER_LENGTH } from '@/lib/athena-parameters';
import { countSqlParameters } from '@/lib/sql-tokenizer';
import { athenaClient } from '@/server/aws/clients';
import { describeAwsCallError } from '@/server/data/read-result';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';
import type { ActionResult } from './result';

const EDITOR_PATH = '/athena/query-editor';
/** API limits (CreateNamedQuery / StartQueryExecution). */
const MAX_QUERY_LENGTH = 262_144;
const MAX_NAME_LENGTH = 128;
const MAX_DESCRIPTION_LENGTH = 1024;

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

function awsFailure(error: unknown): { ok: false; code: string; message: string } {
  const { code, message } = describeAwsCallError(error);
  return { ok: false, code, message };
}

const workGroupName = z.string().regex(/^[a-zA-Z0-9._-]{1,128}$/);
const queryId = z.string().min(1).max(128);

export type StartQueryInput = {
  sql: string;
  workGroup: string;
  catalog: string;
  database: string | null;
  /** One SQL literal per `?` of the statement, in order ('10.0.0.1', 22). */
  parameters: string[];
  /** The client-side query result location, for workgroups that set none (an enforced workgroup's wins). */
  outputLocation?: string | null;
};

export type StartQueryResult = ActionResult<{ queryExecutionId: string }>;

/**
 * Starts a query and returns its id at once; the editor polls for its state. Parameters travel as
 * ExecutionParameters and must each be one SQL literal, so a value can never add SQL to the statement.
 */
export async function startQuery(input: StartQueryInput): Promise<StartQueryResult> {
  const t = await getT();
  const schema = z
    .object({
      sql: z.string().trim().min(1, t('athena.run.emptyQuery')).max(MAX_QUERY_LENGTH),
      workGroup: workGroupName,
      catalog: z.string().min(1).max(256),
      database: z.string().min(1).max(255).nullable(),
      parameters: z.array(z.string().min(1).max(MAX_PARAMETER_LENGTH).refine(isSqlLiteral, t('athena.params.invalidLiteral'))),
      outputLocation: z
        .string()
        .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, t('athena.location.invalid'))
        .max(1024)
        .nullish(),
    })
    .refine((value) => value.parameters.length === countSqlParameters(value.sql), { message: t('athena.params.countMismatch'), path: ['parameters'] });
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const first = Object.values(fieldErrors)[0]?.[0];
    return { ok: false, message: first ?? t('athena.run.invalid'), fieldErrors };
  }
  const { sql, workGroup, catalog, database, parameters, outputLocation } = parsed.data;
  try {
    const out = await athenaClient(await currentRegion()).send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: workGroup,
        QueryExecutionContext: { Catalog: catalog, Database: database ?? undefined },
        ExecutionParameters: parameters.length > 0 ? parameters : undefined,
        ResultConfiguration: outputLocation ? { OutputLocation: outputLocation } : undefined,
      }),
    );
    if (!out.QueryExecutionId) return { ok: false, code: 'InternalServerException', message: 'Athena returned no query execution id.' };
    return { ok: true, data: { queryExecutionId: out.QueryExecutionId } };
  } catch (error) {
    return awsFailure(error);
  }
}

export type StopQueryResult = ActionResult<{ queryExecutionId: string }>;

export async function stopQuery(queryExecutionId: string): Promise<StopQueryResult> {
  const parsed = queryId.safeParse(queryExecutionId);
  if (!parsed.success) return { ok: false, message: 'A query execution id is required.' };
  try {
    await athenaClient(await currentRegion()).send(new StopQueryExecutionCommand({ QueryExecutionId: parsed.data }));
  } catch (error) {
    return awsFailure(error);
  }
  return { ok: true, data: { queryExecutionId: parsed.data } };
}

function savedQuerySchema(t: Awaited<ReturnType<typeof getT>>) {
  return {
    name: z
      .string()
      .trim()
      .min(1, t('athena.save.nameRequired'))
      .max(MAX_NAME_LENGTH, t('athena.save.nameTooLong', { max: MAX_NAME_LENGTH })),
    description: z.string().trim().max(MAX_DESCRIPTION_LENGTH, t('athena.save.descriptionTooLong', { max: MAX_DESCRIPTION_LENGTH })),
    sql: z.string().trim().min(1, t('athena.run.emptyQuery')).max(MAX_QUERY_LENGTH),
  };
}

export type SaveQueryResult = ActionResult<{ id: string; name: string; description: string; sql: string; database: string }>;

/**
 * "Save as": CreateNamedQuery in the current workgroup. The form sends name, description, sql,
 * database and workGroup; with an `id` it updates that saved query instead (Save, Rename) —
 * a saved query's workgroup and database never change.
 */
export async function saveQuery(_prev: SaveQueryResult | null, formData: FormData): Promise<SaveQueryResult> {
  const t = await getT();
  const fields = savedQuerySchema(t);
  const schema = z.object({
    id: z.string().max(128).optional(),
    name: fields.name,
    description: fields.description,
    sql: fields.sql,
    database: z.string().trim().min(1, t('athena.save.databaseRequired')).max(255),
    workGroup: workGroupName,
  });
  const parsed = schema.safeParse({
    id: formData.get('id') || undefined,
    name: formData.get('name') ?? '',
    description: formData.get('description') ?? '',
    sql: formData.get('sql') ?? '',
    database: formData.get('database') ?? '',
    workGroup: formData.get('workGroup') ?? '',
  });
  if (!parsed.success) return { ok: false, message: t('athena.save.invalid'), fieldErrors: fieldErrorsOf(parsed.error) };
  const { id, name, description, sql, database, workGroup } = parsed.data;
  const client = athenaClient(await currentRegion());
  try {
    if (id) {
      await client.send(new UpdateNamedQueryCommand({ NamedQueryId: id, Name: name, Description: description || undefined, QueryString: sql }));
      revalidatePath(EDITOR_PATH);
      return { ok: true, data: { id, name, description, sql, database }, message: t('athena.save.updated', { name }) };
    }
    const out = await client.send(
      new CreateNamedQueryCommand({ Name: name, Description: description || undefined, QueryString: sql, Database: database, WorkGroup: workGroup }),
    );
    revalidatePath(EDITOR_PATH);
    return { ok: true, data: { id: out.NamedQueryId ?? '', name, description, sql, database }, message: t('athena.save.created', { name }) };
  } catch (error) {
    return awsFailure(error);
  }
}

export type DeleteSavedQueriesResult = ActionResult<{ deleted: string[]; failed: { id: string; code: string; message: string }[] }>;

/** Deletes the chosen saved queries one by one (Athena has no batch delete), reporting each failure. */
export async function deleteSavedQueries(_prev: DeleteSavedQueriesResult | null, formData: FormData): Promise<DeleteSavedQueriesResult> {
  const t = await getT();
  const parsed = z.array(queryId).min(1).max(500).safeParse(formData.getAll('id'));
  if (!parsed.success) return { ok: false, message: t('athena.saved.deleteNone') };
  const client = athenaClient(await currentRegion());
  const deleted: string[] = [];
  const failed: { id: string; code: string; message: string }[] = [];
  for (const id of parsed.data) {
    try {
      await client.send(new DeleteNamedQueryCommand({ NamedQueryId: id }));
      deleted.push(id);
    } catch (error) {
      failed.push({ id, ...describeAwsCallError(error) });
    }
  }
  revalidatePath(EDITOR_PATH);
  if (deleted.length === 0 && failed.length > 0) return { ok: false, code: failed[0].code, message: failed[0].message };
  return { ok: true, data: { deleted, failed }, message: t('athena.saved.deleted', { count: deleted.length }) };
}
