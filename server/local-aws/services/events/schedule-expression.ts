/**
 * EventBridge schedule expressions: `rate(5 minutes)` and the six-field `cron(min hour dom month dow
 * year)` in UTC, with *, ?, lists, ranges, steps, month and day names, L (last day of month; nL, the
 * last weekday n of the month) and n#k (the k-th weekday n). Day-of-week counts 1 = SUN … 7 = SAT.
 */
export type Schedule =
  | { kind: 'rate'; everyMs: number; text: string }
  | { kind: 'cron'; text: string; fields: CronFields };

interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  years: Set<number> | 'any';
  months: Set<number>;
  dayOfMonth: { any: boolean; days: Set<number>; last: boolean };
  dayOfWeek: { any: boolean; days: Set<number>; lastOf?: number; nth?: { day: number; n: number } };
}

export class ScheduleExpressionError extends Error {
  constructor() {
    super('Parameter ScheduleExpression is not valid.');
  }
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseSchedule(expression: string): Schedule {
  const text = expression.trim();
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2].replace(/s$/, '');
    if (value < 1 || (value === 1) !== (rate[2] === unit)) throw new ScheduleExpressionError();
    return { kind: 'rate', everyMs: value * UNIT_MS[unit], text };
  }
  const cron = /^cron\((.+)\)$/.exec(text);
  if (!cron) throw new ScheduleExpressionError();
  const parts = cron[1].trim().split(/\s+/);
  if (parts.length !== 6) throw new ScheduleExpressionError();
  const [min, hour, dom, month, dow, year] = parts;
  if ((dom === '?') === (dow === '?')) throw new ScheduleExpressionError();
  return {
    kind: 'cron',
    text,
    fields: {
      minutes: field(min, 0, 59),
      hours: field(hour, 0, 23),
      months: field(month, 1, 12, MONTHS),
      years: year === '*' ? 'any' : field(year, 1970, 2199),
      dayOfMonth: dayOfMonthField(dom),
      dayOfWeek: dayOfWeekField(dow),
    },
  };
}

function field(text: string, min: number, max: number, names?: string[]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new ScheduleExpressionError();
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = value(a, names, min);
      to = value(b, names, min);
    } else {
      from = value(range, names, min);
      to = stepText === undefined ? from : max;
    }
    if (from < min || to > max || from > to) throw new ScheduleExpressionError();
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(text: string, names: string[] | undefined, base: number): number {
  const index = names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + base;
  if (!/^\d+$/.test(text)) throw new ScheduleExpressionError();
  return Number(text);
}

function dayOfMonthField(text: string): CronFields['dayOfMonth'] {
  if (text === '?') return { any: true, days: new Set(), last: false };
  if (text === 'L') return { any: false, days: new Set(), last: true };
  // "15W" (nearest weekday) is approximated by the day itself.
  return { any: false, days: field(text.replace(/W$/, ''), 1, 31), last: false };
}

function dayOfWeekField(text: string): CronFields['dayOfWeek'] {
  if (text === '?') return { any: true, days: new Set() };
  const last = /^(\w+)L$/.exec(text);
  if (last) return { any: false, days: new Set(), lastOf: value(last[1], DAYS, 1) };
  const nth = /^(\w+)#([1-5])$/.exec(text);
  if (nth) return { any: false, days: new Set(), nth: { day: value(nth[1], DAYS, 1), n: Number(nth[2]) } };
  if (text === 'L') return { any: false, days: new Set([7]) };
  return { any: false, days: field(text, 1, 7, DAYS) };
}

/** The first time strictly after `after` at which the schedule fires (rate: counted from `anchor`). */
export function nextFireTime(schedule: Schedule, after: Date, anchor: Date = after): Date | undefined {
  if (schedule.kind === 'rate') {
    const elapsed = after.getTime() - anchor.getTime();
    const periods = Math.floor(elapsed / schedule.everyMs) + 1;
    return new Date(anchor.getTime() + Math.max(1, periods) * schedule.everyMs);
  }
  const f = schedule.fields;
  const t = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  for (let guard = 0; guard < 200_000; guard++) {
    const year = t.getUTCFullYear();
    if (year > 2199) return undefined;
    if (f.years !== 'any' && !f.years.has(year)) {
      t.setUTCFullYear(year + 1, 0, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!f.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(f, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!f.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!f.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t;
  }
  return undefined;
}

function dayMatches(f: CronFields, t: Date): boolean {
  const day = t.getUTCDate();
  const lastDay = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  const weekday = t.getUTCDay() + 1;
  if (!f.dayOfMonth.any) {
    return f.dayOfMonth.last ? day === lastDay : f.dayOfMonth.days.has(day);
  }
  const dow = f.dayOfWeek;
  if (dow.any) return true;
  if (dow.lastOf !== undefined) return weekday === dow.lastOf && day + 7 > lastDay;
  if (dow.nth) return weekday === dow.nth.day && Math.ceil(day / 7) === dow.nth.n;
  return dow.days.has(weekday);
}
