import type { FlowLogFileFormat } from '../../../../lib/flow-logs';
import type { Db } from '../../store/database';
import { demoTopology, seedTags, type DemoTopology } from './demo-topology';

export type TrafficType = 'ACCEPT' | 'REJECT' | 'ALL';
export type LogDestinationType = 's3' | 'cloud-watch-logs' | 'kinesis-data-firehose';

export interface FlowLogRecord {
  flowLogId: string;
  region: string;
  accountId: string;
  resourceId: string;
  trafficType: TrafficType;
  logDestinationType: LogDestinationType;
  logDestination?: string;
  logGroupName?: string;
  deliverLogsPermissionArn?: string;
  deliverCrossAccountRole?: string;
  logFormat: string;
  maxAggregationInterval: 60 | 600;
  /** S3 only. */
  destinationOptions?: { fileFormat: FlowLogFileFormat; hiveCompatiblePartitions: boolean; perHourPartition: boolean };
  deliverLogsStatus: 'SUCCESS' | 'FAILED';
  deliverLogsErrorMessage?: string;
  creationTime: Date;
  /** Epoch seconds of the first window delivery covers (backfill start). */
  deliverFrom: number;
}

export interface Tag {
  key: string;
  value: string;
}

interface FlowLogRow {
  flow_log_id: string;
  region: string;
  account_id: string;
  resource_id: string;
  traffic_type: TrafficType;
  log_destination_type: LogDestinationType;
  log_destination: string | null;
  log_group_name: string | null;
  deliver_logs_permission_arn: string | null;
  deliver_cross_account_role: string | null;
  log_format: string;
  max_aggregation_interval: 60 | 600;
  file_format: FlowLogFileFormat | null;
  hive_compatible_partitions: number | null;
  per_hour_partition: number | null;
  deliver_logs_status: 'SUCCESS' | 'FAILED';
  deliver_logs_error_message: string | null;
  creation_time: string;
  deliver_from: number;
}

/** EC2's persistent state: flow logs, tags (of every resource type), idempotency tokens. */
export class Ec2Store {
  constructor(
    readonly db: Db,
    readonly accountId: string,
  ) {}

  private readonly statements = new Map<string, import('better-sqlite3').Statement>();
  /** Prepared once: delivery asks for flow logs thousands of times during a backfill. */
  private statement(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The region's demo topology; its Name tags are written the first time the region is used. */
  topology(region: string): DemoTopology {
    const topology = demoTopology(this.accountId, region);
    const seeded = this.statement('SELECT 1 FROM ec2_seeded_regions WHERE region = ?').get(region);
    if (!seeded) {
      this.db.transaction(() => {
        const insert = this.db.prepare('INSERT OR IGNORE INTO ec2_tags (resource_id, key, value, region) VALUES (?, ?, ?, ?)');
        for (const tag of seedTags(topology)) insert.run(tag.resourceId, tag.key, tag.value, region);
        this.db
          .prepare('INSERT OR IGNORE INTO ec2_seeded_regions (region, account_id, seeded_at) VALUES (?, ?, ?)')
          .run(region, this.accountId, new Date().toISOString());
      })();
    }
    return topology;
  }

  // ---- tags -------------------------------------------------------------------------------

  tagsOf(resourceId: string): Tag[] {
    return this.db.prepare('SELECT key, value FROM ec2_tags WHERE resource_id = ? ORDER BY key').all(resourceId) as Tag[];
  }

  /** Tags of many resources at once (Describe* pages). */
  tagsByResource(resourceIds: string[]): Map<string, Tag[]> {
    const result = new Map<string, Tag[]>(resourceIds.map((id) => [id, []]));
    if (resourceIds.length === 0) return result;
    const rows = this.db
      .prepare(`SELECT resource_id, key, value FROM ec2_tags WHERE resource_id IN (${resourceIds.map(() => '?').join(',')}) ORDER BY key`)
      .all(...resourceIds) as { resource_id: string; key: string; value: string }[];
    for (const row of rows) result.get(row.resource_id)?.push({ key: row.key, value: row.value });
    return result;
  }

  /** Every tag of the region's resources (DescribeTags). */
  tagsInRegion(region: string): { resourceId: string; key: string; value: string }[] {
    return this.db.prepare('SELECT resource_id AS resourceId, key, value FROM ec2_tags WHERE region = ?').all(region) as {
      resourceId: string;
      key: string;
      value: string;
    }[];
  }

  putTags(region: string, resourceIds: string[], tags: Tag[]) {
    const upsert = this.db.prepare(
      'INSERT INTO ec2_tags (resource_id, key, value, region) VALUES (?, ?, ?, ?) ON CONFLICT (resource_id, key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const id of resourceIds) for (const tag of tags) upsert.run(id, tag.key, tag.value, region);
    })();
  }

  /** `value` undefined deletes the key whatever its value; a string deletes only on a match. */
  deleteTags(resourceIds: string[], tags: { key: string; value?: string }[] | undefined) {
    this.db.transaction(() => {
      for (const id of resourceIds) {
        if (tags === undefined) {
          this.db.prepare("DELETE FROM ec2_tags WHERE resource_id = ? AND key NOT LIKE 'aws:%'").run(id);
          continue;
        }
        for (const tag of tags) {
          if (tag.value === undefined) this.db.prepare('DELETE FROM ec2_tags WHERE resource_id = ? AND key = ?').run(id, tag.key);
          else this.db.prepare('DELETE FROM ec2_tags WHERE resource_id = ? AND key = ? AND value = ?').run(id, tag.key, tag.value);
        }
      }
    })();
  }

  countTags(resourceId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM ec2_tags WHERE resource_id = ?').pluck().get(resourceId) as number;
  }

  // ---- flow logs ----------------------------------------------------------------------------

  insertFlowLogs(flowLogs: { record: FlowLogRecord; tags: Tag[] }[]) {
    const insert = this.db.prepare(
      `INSERT INTO ec2_flow_logs (flow_log_id, region, account_id, resource_id, traffic_type, log_destination_type, log_destination,
         log_group_name, deliver_logs_permission_arn, deliver_cross_account_role, log_format, max_aggregation_interval, file_format,
         hive_compatible_partitions, per_hour_partition, deliver_logs_status, deliver_logs_error_message, creation_time, deliver_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const { record: r, tags } of flowLogs) {
        insert.run(
          r.flowLogId,
          r.region,
          r.accountId,
          r.resourceId,
          r.trafficType,
          r.logDestinationType,
          r.logDestination ?? null,
          r.logGroupName ?? null,
          r.deliverLogsPermissionArn ?? null,
          r.deliverCrossAccountRole ?? null,
          r.logFormat,
          r.maxAggregationInterval,
          r.destinationOptions?.fileFormat ?? null,
          r.destinationOptions ? Number(r.destinationOptions.hiveCompatiblePartitions) : null,
          r.destinationOptions ? Number(r.destinationOptions.perHourPartition) : null,
          r.deliverLogsStatus,
          r.deliverLogsErrorMessage ?? null,
          r.creationTime.toISOString(),
          r.deliverFrom,
        );
        this.putTags(r.region, [r.flowLogId], tags);
      }
    })();
  }

  getFlowLog(flowLogId: string): FlowLogRecord | undefined {
    const row = this.statement('SELECT * FROM ec2_flow_logs WHERE flow_log_id = ?').get(flowLogId) as FlowLogRow | undefined;
    return row && toFlowLog(row);
  }

  listFlowLogs(region: string): FlowLogRecord[] {
    const rows = this.db.prepare('SELECT * FROM ec2_flow_logs WHERE region = ? ORDER BY creation_time, flow_log_id').all(region) as FlowLogRow[];
    return rows.map(toFlowLog);
  }

  /** Every flow log local AWS delivers records for, in every region. */
  listDeliverableFlowLogs(): FlowLogRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM ec2_flow_logs WHERE log_destination_type = 's3' AND deliver_logs_status = 'SUCCESS' ORDER BY creation_time")
      .all() as FlowLogRow[];
    return rows.map(toFlowLog);
  }

  /** Removes the flow log, its tags and its delivery bookkeeping; the delivered files stay in S3, as on AWS. */
  deleteFlowLog(flowLogId: string): boolean {
    return this.db.transaction(() => {
      const result = this.db.prepare('DELETE FROM ec2_flow_logs WHERE flow_log_id = ?').run(flowLogId);
      this.db.prepare('DELETE FROM ec2_tags WHERE resource_id = ?').run(flowLogId);
      this.db.prepare('DELETE FROM ec2_flow_log_deliveries WHERE flow_log_id = ?').run(flowLogId);
      return result.changes === 1;
    })();
  }

  // ---- idempotency ------------------------------------------------------------------------

  findClientToken(region: string, operation: string, token: string): { requestHash: string; response: string } | undefined {
    const row = this.db
      .prepare('SELECT request_hash, response FROM ec2_client_tokens WHERE region = ? AND operation = ? AND token = ?')
      .get(region, operation, token) as { request_hash: string; response: string } | undefined;
    return row && { requestHash: row.request_hash, response: row.response };
  }

  saveClientToken(region: string, operation: string, token: string, requestHash: string, response: string) {
    this.db
      .prepare('INSERT OR IGNORE INTO ec2_client_tokens (region, operation, token, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(region, operation, token, requestHash, response, new Date().toISOString());
  }
}

function toFlowLog(row: FlowLogRow): FlowLogRecord {
  return {
    flowLogId: row.flow_log_id,
    region: row.region,
    accountId: row.account_id,
    resourceId: row.resource_id,
    trafficType: row.traffic_type,
    logDestinationType: row.log_destination_type,
    logDestination: row.log_destination ?? undefined,
    logGroupName: row.log_group_name ?? undefined,
    deliverLogsPermissionArn: row.deliver_logs_permission_arn ?? undefined,
    deliverCrossAccountRole: row.deliver_cross_account_role ?? undefined,
    logFormat: row.log_format,
    maxAggregationInterval: row.max_aggregation_interval,
    destinationOptions: row.file_format
      ? {
          fileFormat: row.file_format,
          hiveCompatiblePartitions: row.hive_compatible_partitions === 1,
          perHourPartition: row.per_hour_partition === 1,
        }
      : undefined,
    deliverLogsStatus: row.deliver_logs_status,
    deliverLogsErrorMessage: row.deliver_logs_error_message ?? undefined,
    creationTime: new Date(row.creation_time),
    deliverFrom: row.deliver_from,
  };
}
