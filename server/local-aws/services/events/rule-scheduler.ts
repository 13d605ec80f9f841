import { randomUUID } from 'node:crypto';
import type { EventRule, EventsStore } from './events-store';
import { nextFireTime, parseSchedule } from './schedule-expression';

/**
 * Fires scheduled rules while local AWS runs: each enabled rule with a ScheduleExpression gets a
 * timer for its next fire time, and each Lambda target is invoked asynchronously with the target's
 * Input (or EventBridge's "Scheduled Event"). Ticks missed while local AWS was stopped are not
 * replayed, as EventBridge does not replay them either.
 *
 * LOCAL_AWS_SCHEDULE_INTERVAL_MS (tests) makes every schedule fire at that fixed interval instead.
 */
export interface SchedulerOptions {
  /** Starts an asynchronous invocation; resolves when it has finished. */
  invokeLambda(region: string, functionArn: string, event: unknown): Promise<unknown>;
  accountId: string;
  intervalOverrideMs?: number;
  log?: (line: string) => void;
}

const MAX_TIMER_MS = 2_147_000_000;

export class RuleScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Targets whose previous invocation is still running: a tick skips them rather than pile up processes. */
  private readonly inFlight = new Set<string>();
  private running = false;

  constructor(
    private readonly store: EventsStore,
    private readonly options: SchedulerOptions,
  ) {}

  start() {
    this.running = true;
    for (const rule of this.store.all()) this.schedule(rule);
  }

  stop() {
    this.running = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Call after a rule was created, changed or deleted. */
  refresh(region: string, name: string) {
    const key = `${region}/${name}`;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const rule = this.store.get(region, name);
    if (rule) this.schedule(rule);
  }

  private schedule(rule: EventRule) {
    if (!this.running || rule.State !== 'ENABLED' || !rule.ScheduleExpression) return;
    const key = `${rule.Region}/${rule.Name}`;
    const now = new Date();
    let delay: number;
    if (this.options.intervalOverrideMs) {
      delay = this.options.intervalOverrideMs;
    } else {
      const next = nextFireTime(parseSchedule(rule.ScheduleExpression), now, new Date(rule.LastFiredAt ?? rule.CreatedAt));
      if (!next) return;
      delay = next.getTime() - now.getTime();
    }
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (delay > MAX_TIMER_MS) {
        this.schedule(rule);
        return;
      }
      this.fire(rule.Region, rule.Name);
    }, Math.min(Math.max(delay, 0), MAX_TIMER_MS));
    timer.unref();
    this.timers.set(key, timer);
  }

  private fire(region: string, name: string) {
    const rule = this.store.get(region, name);
    if (!rule || !this.running) return;
    const firedAt = new Date();
    this.store.markFired(region, name, firedAt);
    for (const target of rule.Targets) {
      const event = target.Input !== undefined ? safeJson(target.Input) : scheduledEvent(rule, firedAt, this.options.accountId);
      if (/^arn:aws[a-z-]*:lambda:/.test(target.Arn)) {
        const key = `${region}/${name}/${target.Id}`;
        if (this.inFlight.has(key)) {
          this.options.log?.(`[events] rule ${rule.Name}: skipped a tick, the previous invocation of ${target.Arn} is still running`);
          continue;
        }
        this.options.log?.(`[events] rule ${rule.Name} fired: invoking ${target.Arn}`);
        this.inFlight.add(key);
        Promise.resolve()
          .then(() => this.options.invokeLambda(region, target.Arn, event))
          .catch((error) => this.options.log?.(`[events] rule ${rule.Name}: target ${target.Id} failed: ${(error as Error).message}`))
          .finally(() => this.inFlight.delete(key));
      } else {
        this.options.log?.(`[events] rule ${rule.Name}: target ${target.Arn} is not a Lambda function; local AWS only delivers to Lambda`);
      }
    }
    this.schedule({ ...rule, LastFiredAt: firedAt.toISOString() });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function scheduledEvent(rule: EventRule, at: Date, accountId: string) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: rule.Region,
    resources: [rule.Arn],
    detail: {},
  };
}
