import { AwsError } from '../../errors';
import type { QueryParams } from '../../protocols/query-params';

export interface Ec2Filter {
  name: string;
  values: string[];
}

/** `Filter.N.Name` / `Filter.N.Value.M`, as every EC2 Describe* operation takes them. */
export function readFilters(params: QueryParams, allowed: readonly string[]): Ec2Filter[] {
  return params.structs('Filter').map((filter) => {
    const name = filter.require('Name');
    if (!allowed.includes(name) && !name.startsWith('tag:')) {
      throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    }
    return { name, values: filter.list('Value') };
  });
}

/** EC2 filter values allow `*` and `?` wildcards; values of one filter are OR-ed, filters AND-ed. */
export function matchesFilterValue(pattern: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === actual;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return regex.test(actual);
}

export function matchesAll<T>(item: T, filters: Ec2Filter[], valueOf: (item: T, filterName: string) => string | string[] | undefined): boolean {
  return filters.every((filter) => {
    const actual = valueOf(item, filter.name);
    const actuals = Array.isArray(actual) ? actual : [actual];
    return filter.values.some((pattern) => actuals.some((value) => matchesFilterValue(pattern, value)));
  });
}
