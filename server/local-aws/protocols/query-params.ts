import { AwsError } from '../errors';

/**
 * Parameters of an EC2-query or awsQuery request (form-encoded body, or the URL query string for GET).
 * Nested names follow AWS's flattening: `Filter.1.Name`, `Filter.1.Value.1`, `Parameters.member.1.ParameterKey`.
 */
export class QueryParams {
  constructor(
    private readonly values: Map<string, string>,
    private readonly prefix = '',
  ) {}

  static parse(body: string): QueryParams {
    const map = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(body)) map.set(key, value);
    return new QueryParams(map);
  }

  get(name: string): string | undefined {
    return this.values.get(this.prefix + name);
  }

  require(name: string): string {
    const value = this.get(name);
    if (value === undefined || value === '') {
      throw new AwsError('MissingParameter', `The request must contain the parameter ${this.prefix + name}`);
    }
    return value;
  }

  int(name: string): number | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) {
      throw new AwsError('InvalidParameterValue', `Value (${raw}) for parameter ${this.prefix + name} is invalid. Expected an integer.`);
    }
    return n;
  }

  bool(name: string): boolean | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new AwsError('InvalidParameterValue', `Value (${raw}) for parameter ${this.prefix + name} is invalid. Expected true or false.`);
  }

  /** Scalar list: `Name.1`, `Name.2` (EC2) or `Name.member.1` (awsQuery). */
  list(name: string): string[] {
    return this.indices(name).map(({ key }) => this.values.get(key)!).filter((v) => v !== undefined);
  }

  /** Structure list: each entry scoped to `Name.N.` (or `Name.member.N.`). */
  structs(name: string): QueryParams[] {
    return this.indices(name, true).map(({ key }) => new QueryParams(this.values, `${key}.`));
  }

  /** A nested structure: `Name.` prefix. */
  struct(name: string): QueryParams {
    return new QueryParams(this.values, `${this.prefix}${name}.`);
  }

  has(name: string): boolean {
    const full = this.prefix + name;
    for (const key of this.values.keys()) if (key === full || key.startsWith(`${full}.`)) return true;
    return false;
  }

  private indices(name: string, structured = false): { index: number; key: string }[] {
    const found = new Map<number, string>();
    for (const base of [`${this.prefix}${name}.`, `${this.prefix}${name}.member.`]) {
      for (const key of this.values.keys()) {
        if (!key.startsWith(base)) continue;
        const rest = key.slice(base.length);
        const match = /^(\d+)(\.|$)/.exec(rest);
        if (!match) continue;
        if (!structured && match[2] === '.') continue;
        const index = Number(match[1]);
        found.set(index, `${base}${index}`);
      }
    }
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([index, key]) => ({ index, key }));
  }
}
