import type { Migration } from '../../store/database';

/**
 * Athena's own state: workgroups, named (saved) queries, query executions and tags, per region.
 * Records are the Athena API's JSON shapes (see athena-store.ts); the columns beside them are what
 * lookups, ordering and idempotency need.
 */
export const athenaMigrations: Migration[] = [
  {
    id: 'athena-0001-workgroups-named-queries-executions',
    sql: `
      CREATE TABLE athena_workgroups (
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (region, name)
      ) WITHOUT ROWID;
      CREATE TABLE athena_named_queries (
        id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        workgroup TEXT NOT NULL,
        client_request_token TEXT,
        created_seq INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX athena_named_queries_by_workgroup ON athena_named_queries (region, workgroup, created_seq);
      CREATE UNIQUE INDEX athena_named_queries_by_token ON athena_named_queries (region, client_request_token)
        WHERE client_request_token IS NOT NULL;
      CREATE TABLE athena_query_executions (
        id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        workgroup TEXT NOT NULL,
        client_request_token TEXT,
        state TEXT NOT NULL,
        submitted_seq INTEGER NOT NULL,
        record TEXT NOT NULL,
        internal TEXT NOT NULL
      );
      CREATE INDEX athena_query_executions_by_workgroup ON athena_query_executions (region, workgroup, submitted_seq);
      CREATE INDEX athena_query_executions_by_state ON athena_query_executions (state);
      CREATE UNIQUE INDEX athena_query_executions_by_token ON athena_query_executions (region, client_request_token)
        WHERE client_request_token IS NOT NULL;
      CREATE TABLE athena_tags (
        region TEXT NOT NULL,
        arn TEXT NOT NULL,
        tag_key TEXT NOT NULL,
        tag_value TEXT NOT NULL,
        PRIMARY KEY (region, arn, tag_key)
      ) WITHOUT ROWID;
    `,
  },
];
