import { randomUUID } from 'node:crypto';
import type { Db, Migration } from '../../store/database';

/**
 * CloudFormation state in SQLite: stacks, their resources and their events. Every state change is a
 * committed row before the engine moves on, so a restart finds exactly where an operation stopped.
 */
export const cloudFormationMigrations: Migration[] = [
  {
    id: 'cloudformation-0001-stacks',
    sql: `
      CREATE TABLE cfn_stacks (
        stack_id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX cfn_stacks_by_name ON cfn_stacks (region, name, deleted);
      CREATE TABLE cfn_resources (
        stack_id TEXT NOT NULL REFERENCES cfn_stacks(stack_id),
        logical_id TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (stack_id, logical_id)
      ) WITHOUT ROWID;
      CREATE TABLE cfn_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        stack_id TEXT NOT NULL REFERENCES cfn_stacks(stack_id),
        record TEXT NOT NULL
      );
      CREATE INDEX cfn_events_by_stack ON cfn_events (stack_id, seq);
    `,
  },
];

export interface StackParameter {
  ParameterKey: string;
  ParameterValue: string;
}

export interface StackOutput {
  OutputKey: string;
  OutputValue: string;
  Description?: string;
  ExportName?: string;
}

export interface StackRecord {
  StackId: string;
  StackName: string;
  Region: string;
  Description?: string;
  /** As DescribeStacks shows them: NoEcho values masked. */
  Parameters: StackParameter[];
  /** The real values, for resolving the template. */
  ParameterValues: Record<string, string>;
  CreationTime: string;
  LastUpdatedTime?: string;
  DeletionTime?: string;
  StackStatus: string;
  StackStatusReason?: string;
  DisableRollback: boolean;
  OnFailure: 'ROLLBACK' | 'DELETE' | 'DO_NOTHING';
  Capabilities: string[];
  Tags: { Key: string; Value: string }[];
  Outputs: StackOutput[];
  TimeoutInMinutes?: number;
  NotificationARNs: string[];
  RoleARN?: string;
  EnableTerminationProtection: boolean;
  TemplateBody: string;
  /** Set when DeleteStack arrives while the stack is still being created. */
  DeleteRequested?: boolean;
  /** Export names this stack imports (so an exporting stack cannot be deleted under it). */
  Imports: string[];
  ClientRequestToken?: string;
}

export interface ResourceRecord {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  Timestamp: string;
  /** Position in the creation order; deletes run from the highest down. */
  Order: number;
  /** Properties as resolved when the resource was created (custom resources send them on Delete). */
  Properties?: Record<string, unknown>;
  /** Ref value and GetAtt attributes, once created. */
  Ref?: string;
  Attributes?: Record<string, unknown>;
  DeletionPolicy?: string;
}

export interface StackEvent {
  StackId: string;
  EventId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Timestamp: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  ResourceProperties?: string;
  ClientRequestToken?: string;
}

export class StackStore {
  constructor(readonly db: Db) {}

  insertStack(record: StackRecord) {
    this.db
      .prepare('INSERT INTO cfn_stacks (stack_id, region, name, status, deleted, created_at, record) VALUES (?, ?, ?, ?, 0, ?, ?)')
      .run(record.StackId, record.Region, record.StackName, record.StackStatus, record.CreationTime, JSON.stringify(record));
  }

  getStack(stackId: string): StackRecord | undefined {
    const raw = this.db.prepare('SELECT record FROM cfn_stacks WHERE stack_id = ?').pluck().get(stackId) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as StackRecord);
  }

  /** The live (not deleted) stack with this name. */
  findLiveByName(region: string, name: string): StackRecord | undefined {
    const raw = this.db
      .prepare('SELECT record FROM cfn_stacks WHERE region = ? AND name = ? AND deleted = 0 ORDER BY created_at DESC LIMIT 1')
      .pluck()
      .get(region, name) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as StackRecord);
  }

  /** By ARN any stack, deleted ones included; by name only a live one (as CloudFormation resolves names). */
  find(region: string, nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) {
      const stack = this.getStack(nameOrId);
      return stack && stack.Region === region ? stack : undefined;
    }
    return this.findLiveByName(region, nameOrId);
  }

  listStacks(region: string, options: { includeDeleted: boolean }): StackRecord[] {
    const rows = this.db
      .prepare(`SELECT record FROM cfn_stacks WHERE region = ? ${options.includeDeleted ? '' : 'AND deleted = 0'} ORDER BY created_at DESC, rowid DESC`)
      .pluck()
      .all(region) as string[];
    return rows.map((raw) => JSON.parse(raw) as StackRecord);
  }

  stacksInProgress(): StackRecord[] {
    const rows = this.db.prepare("SELECT record FROM cfn_stacks WHERE status LIKE '%_IN_PROGRESS' ORDER BY created_at").pluck().all() as string[];
    return rows.map((raw) => JSON.parse(raw) as StackRecord);
  }

  updateStack(stackId: string, patch: Partial<StackRecord>): StackRecord {
    return this.db.transaction(() => {
      const current = this.getStack(stackId);
      if (!current) throw new Error(`stack ${stackId} vanished`);
      const next = { ...current, ...patch };
      const deleted = next.StackStatus === 'DELETE_COMPLETE' ? 1 : 0;
      this.db
        .prepare('UPDATE cfn_stacks SET status = ?, deleted = ?, record = ? WHERE stack_id = ?')
        .run(next.StackStatus, deleted, JSON.stringify(next), stackId);
      return next;
    })();
  }

  putResource(stackId: string, record: ResourceRecord) {
    this.db
      .prepare('INSERT OR REPLACE INTO cfn_resources (stack_id, logical_id, record) VALUES (?, ?, ?)')
      .run(stackId, record.LogicalResourceId, JSON.stringify(record));
  }

  getResource(stackId: string, logicalId: string): ResourceRecord | undefined {
    const raw = this.db
      .prepare('SELECT record FROM cfn_resources WHERE stack_id = ? AND logical_id = ?')
      .pluck()
      .get(stackId, logicalId) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as ResourceRecord);
  }

  listResources(stackId: string): ResourceRecord[] {
    const rows = this.db.prepare('SELECT record FROM cfn_resources WHERE stack_id = ?').pluck().all(stackId) as string[];
    return rows.map((raw) => JSON.parse(raw) as ResourceRecord).sort((a, b) => a.Order - b.Order);
  }

  /** Stacks (live, in a region) that own a resource with this physical id. */
  findByPhysicalId(region: string, physicalId: string): { stack: StackRecord; resource: ResourceRecord } | undefined {
    for (const stack of this.listStacks(region, { includeDeleted: false })) {
      const resource = this.listResources(stack.StackId).find((r) => r.PhysicalResourceId === physicalId);
      if (resource) return { stack, resource };
    }
    return undefined;
  }

  addEvent(event: Omit<StackEvent, 'EventId' | 'Timestamp'> & { Timestamp?: string }): StackEvent {
    const timestamp = event.Timestamp ?? new Date().toISOString();
    const isStack = event.ResourceType === 'AWS::CloudFormation::Stack' && event.LogicalResourceId === event.StackName;
    const record: StackEvent = {
      ...event,
      Timestamp: timestamp,
      EventId: isStack ? randomUUID() : `${event.LogicalResourceId}-${event.ResourceStatus}-${timestamp}-${randomUUID().slice(0, 8)}`,
    };
    this.db.prepare('INSERT INTO cfn_events (stack_id, record) VALUES (?, ?)').run(event.StackId, JSON.stringify(record));
    return record;
  }

  /** Newest first, as DescribeStackEvents returns them. */
  listEvents(stackId: string): StackEvent[] {
    const rows = this.db.prepare('SELECT record FROM cfn_events WHERE stack_id = ? ORDER BY seq DESC').pluck().all(stackId) as string[];
    return rows.map((raw) => JSON.parse(raw) as StackEvent);
  }
}
