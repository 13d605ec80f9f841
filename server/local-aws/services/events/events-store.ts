import { AwsError } from '../../errors';
import type { Db, Migration } from '../../store/database';

/** EventBridge rules (as CloudFormation's AWS::Events::Rule creates them), per region. */
export const eventsMigrations: Migration[] = [
  {
    id: 'events-0001-rules',
    sql: `
      CREATE TABLE events_rules (
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (region, name)
      ) WITHOUT ROWID;
    `,
  },
];

export interface RuleTarget {
  Id: string;
  Arn: string;
  Input?: string;
  InputPath?: string;
}

export interface EventRule {
  Name: string;
  Arn: string;
  Region: string;
  EventBusName: string;
  ScheduleExpression?: string;
  EventPattern?: string;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  Targets: RuleTarget[];
  CreatedAt: string;
  /** When the schedule last fired (rate schedules count from here, or from CreatedAt). */
  LastFiredAt?: string;
}

export class EventsStore {
  constructor(
    readonly db: Db,
    readonly accountId: string,
  ) {}

  ruleArn(region: string, name: string) {
    return `arn:aws:events:${region}:${this.accountId}:rule/${name}`;
  }

  get(region: string, name: string): EventRule | undefined {
    const raw = this.db.prepare('SELECT record FROM events_rules WHERE region = ? AND name = ?').pluck().get(region, name) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as EventRule);
  }

  all(): EventRule[] {
    return (this.db.prepare('SELECT record FROM events_rules ORDER BY region, name').pluck().all() as string[]).map((raw) => JSON.parse(raw) as EventRule);
  }

  create(rule: Omit<EventRule, 'Arn' | 'CreatedAt'>): EventRule {
    const record: EventRule = { ...rule, Arn: this.ruleArn(rule.Region, rule.Name), CreatedAt: new Date().toISOString() };
    const inserted = this.db
      .prepare('INSERT OR IGNORE INTO events_rules (region, name, record) VALUES (?, ?, ?)')
      .run(rule.Region, rule.Name, JSON.stringify(record));
    if (inserted.changes === 0) throw new AwsError('ResourceAlreadyExistsException', `Rule ${rule.Name} already exists.`);
    return record;
  }

  markFired(region: string, name: string, at: Date) {
    const rule = this.get(region, name);
    if (!rule) return;
    this.db.prepare('UPDATE events_rules SET record = ? WHERE region = ? AND name = ?').run(JSON.stringify({ ...rule, LastFiredAt: at.toISOString() }), region, name);
  }

  delete(region: string, name: string) {
    this.db.prepare('DELETE FROM events_rules WHERE region = ? AND name = ?').run(region, name);
  }
}
