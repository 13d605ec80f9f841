import type { Migration } from '../../store/database';

export const ec2Migrations: Migration[] = [
  {
    id: 'ec2-0001-flow-logs-tags-client-tokens',
    sql: `
      -- Regions whose demo topology has been seeded (its Name tags written) on first use.
      CREATE TABLE ec2_seeded_regions (
        region TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        seeded_at TEXT NOT NULL
      );
      CREATE TABLE ec2_tags (
        resource_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        region TEXT NOT NULL,
        PRIMARY KEY (resource_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE ec2_flow_logs (
        flow_log_id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        account_id TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        traffic_type TEXT NOT NULL,
        log_destination_type TEXT NOT NULL,
        log_destination TEXT,
        log_group_name TEXT,
        deliver_logs_permission_arn TEXT,
        deliver_cross_account_role TEXT,
        log_format TEXT NOT NULL,
        max_aggregation_interval INTEGER NOT NULL,
        file_format TEXT,
        hive_compatible_partitions INTEGER,
        per_hour_partition INTEGER,
        deliver_logs_status TEXT NOT NULL,
        deliver_logs_error_message TEXT,
        creation_time TEXT NOT NULL,
        -- Epoch seconds of the first 5-minute window to deliver (creation time minus the backfill).
        deliver_from INTEGER NOT NULL
      );
      CREATE INDEX ec2_flow_logs_region ON ec2_flow_logs (region, creation_time);
      -- One row per delivered 5-minute window: restarts neither repeat nor skip a window.
      CREATE TABLE ec2_flow_log_deliveries (
        flow_log_id TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        object_key TEXT NOT NULL,
        records INTEGER NOT NULL,
        delivered_at TEXT NOT NULL,
        PRIMARY KEY (flow_log_id, window_start)
      ) WITHOUT ROWID;
      -- ClientToken idempotency: the first response is replayed for a retried request.
      CREATE TABLE ec2_client_tokens (
        region TEXT NOT NULL,
        operation TEXT NOT NULL,
        token TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (region, operation, token)
      ) WITHOUT ROWID;
    `,
  },
];
