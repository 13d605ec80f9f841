/**
 * CloudFormation's intrinsic functions and condition functions, evaluated over a scope that knows
 * parameters, pseudo parameters, created resources (Ref and GetAtt), conditions, mappings and exports.
 * `AWS::NoValue` resolves to NO_VALUE, which removes the property or list element that holds it.
 */

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export class IntrinsicError extends Error {}

export interface IntrinsicScope {
  ref(name: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  condition(name: string): boolean;
  findInMap(map: string, topKey: string, secondKey: string): unknown;
  importValue(name: string): unknown;
  availabilityZones(region: string): string[];
  region: string;
}

const FUNCTIONS = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::ImportValue',
  'Fn::Transform',
  'Fn::ToJsonString',
  'Fn::Length',
]);

/** The intrinsic an object is, if it is one: a single key that names a function. */
export function intrinsicOf(value: unknown): { name: string; argument: unknown } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !FUNCTIONS.has(keys[0])) return undefined;
  return { name: keys[0], argument: (value as Record<string, unknown>)[keys[0]] };
}

/** Resolves every intrinsic in a value (properties, outputs). */
export function resolveValue(value: unknown, scope: IntrinsicScope): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, scope)).filter((item) => item !== NO_VALUE);
  }
  if (value && typeof value === 'object') {
    const fn = intrinsicOf(value);
    if (fn) return resolveFunction(fn.name, fn.argument, scope);
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const resolved = resolveValue(child, scope);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }
  return value;
}

/** Evaluates a condition expression (the body of a Conditions entry, or an argument of And/Or/Not). */
export function evaluateCondition(expression: unknown, scope: IntrinsicScope): boolean {
  if (expression && typeof expression === 'object' && !Array.isArray(expression)) {
    const keys = Object.keys(expression);
    if (keys.length === 1 && keys[0] === 'Condition') {
      const name = (expression as { Condition: unknown }).Condition;
      if (typeof name !== 'string') throw new IntrinsicError('Template error: Condition must be a string naming a condition');
      return scope.condition(name);
    }
  }
  const fn = intrinsicOf(expression);
  if (!fn || !['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not'].includes(fn.name)) {
    if (typeof expression === 'boolean') return expression;
    if (expression === 'true' || expression === 'false') return expression === 'true';
    throw new IntrinsicError('Template error: Conditions can only be boolean operations on parameters and other conditions');
  }
  const result = resolveFunction(fn.name, fn.argument, scope);
  return result === true;
}

function resolveFunction(name: string, argument: unknown, scope: IntrinsicScope): unknown {
  switch (name) {
    case 'Ref': {
      if (typeof argument !== 'string') throw new IntrinsicError('Template error: every Ref object must have a single String value.');
      return scope.ref(argument);
    }
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = getAttArguments(argument, scope);
      return scope.getAtt(logicalId, attribute);
    }
    case 'Fn::Sub':
      return resolveSub(argument, scope);
    case 'Fn::Join': {
      if (!Array.isArray(argument) || argument.length !== 2) {
        throw new IntrinsicError('Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.');
      }
      const delimiter = resolveValue(argument[0], scope);
      const items = resolveValue(argument[1], scope);
      if (typeof delimiter !== 'string' || !Array.isArray(items)) {
        throw new IntrinsicError('Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined.');
      }
      return items.map((item) => scalarString(item, 'Fn::Join')).join(delimiter);
    }
    case 'Fn::Select': {
      if (!Array.isArray(argument) || argument.length !== 2) {
        throw new IntrinsicError('Template error: Fn::Select requires a list argument with two elements: an integer index and a list');
      }
      const index = Number(resolveValue(argument[0], scope));
      const list = resolveValue(argument[1], scope);
      if (!Number.isInteger(index) || !Array.isArray(list)) {
        throw new IntrinsicError('Template error: Fn::Select requires a list argument with two elements: an integer index and a list');
      }
      if (index < 0 || index >= list.length) throw new IntrinsicError(`Template error: Fn::Select cannot select nonexistent value at index ${index}`);
      return list[index];
    }
    case 'Fn::Split': {
      if (!Array.isArray(argument) || argument.length !== 2) {
        throw new IntrinsicError('Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.');
      }
      const delimiter = resolveValue(argument[0], scope);
      const source = resolveValue(argument[1], scope);
      if (typeof delimiter !== 'string' || delimiter === '' || typeof source !== 'string') {
        throw new IntrinsicError('Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.');
      }
      return source.split(delimiter);
    }
    case 'Fn::If': {
      if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') {
        throw new IntrinsicError('Template error: Fn::If requires a list argument with three elements: a condition name, a value if true and a value if false');
      }
      return resolveValue(scope.condition(argument[0]) ? argument[1] : argument[2], scope);
    }
    case 'Fn::Equals': {
      if (!Array.isArray(argument) || argument.length !== 2) {
        throw new IntrinsicError('Template error: Fn::Equals requires a list argument with two elements');
      }
      const [a, b] = argument.map((item) => resolveValue(item, scope));
      return comparable(a) === comparable(b);
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(argument) || argument.length < 2 || argument.length > 10) {
        throw new IntrinsicError(`Template error: ${name} requires a list argument with between 2 and 10 conditions`);
      }
      const values = argument.map((item) => evaluateCondition(item, scope));
      return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'Fn::Not': {
      if (!Array.isArray(argument) || argument.length !== 1) {
        throw new IntrinsicError('Template error: Fn::Not requires a list argument with one condition');
      }
      return !evaluateCondition(argument[0], scope);
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(argument) || argument.length < 3) {
        throw new IntrinsicError('Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value');
      }
      const [map, top, second] = argument.slice(0, 3).map((item) => resolveValue(item, scope));
      return scope.findInMap(String(map), String(top), String(second));
    }
    case 'Fn::GetAZs': {
      const region = resolveValue(argument ?? '', scope);
      if (typeof region !== 'string') throw new IntrinsicError('Template error: Fn::GetAZs requires a region string');
      return scope.availabilityZones(region === '' ? scope.region : region);
    }
    case 'Fn::Base64': {
      const text = resolveValue(argument, scope);
      return Buffer.from(scalarString(text, 'Fn::Base64'), 'utf8').toString('base64');
    }
    case 'Fn::Cidr': {
      if (!Array.isArray(argument) || argument.length !== 3) {
        throw new IntrinsicError('Template error: Fn::Cidr requires a list argument with three elements: an IP block, a count and a number of subnet bits');
      }
      const [block, count, bits] = argument.map((item) => resolveValue(item, scope));
      return cidr(String(block), Number(count), Number(bits));
    }
    case 'Fn::ImportValue': {
      const exportName = resolveValue(argument, scope);
      if (typeof exportName !== 'string') throw new IntrinsicError('Template error: Fn::ImportValue requires an export name');
      return scope.importValue(exportName);
    }
    case 'Fn::ToJsonString':
      return JSON.stringify(resolveValue(argument, scope));
    case 'Fn::Length': {
      const list = resolveValue(argument, scope);
      if (!Array.isArray(list)) throw new IntrinsicError('Template error: Fn::Length requires a list');
      return list.length;
    }
    case 'Fn::Transform':
      throw new IntrinsicError('Template error: Fn::Transform (macros) is not supported by local AWS');
    default:
      throw new IntrinsicError(`Template error: unsupported function ${name}`);
  }
}

function getAttArguments(argument: unknown, scope: IntrinsicScope): [string, string] {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    if (dot > 0) return [argument.slice(0, dot), argument.slice(dot + 1)];
  }
  if (Array.isArray(argument) && argument.length === 2 && typeof argument[0] === 'string') {
    const attribute = resolveValue(argument[1], scope);
    if (typeof attribute === 'string') return [argument[0], attribute];
  }
  throw new IntrinsicError('Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute');
}

/** `${Name}` references in a Sub template, without the `${!Literal}` escapes. */
export function subVariables(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
    if (!match[1].startsWith('!')) names.push(match[1].trim());
  }
  return names;
}

function resolveSub(argument: unknown, scope: IntrinsicScope): string {
  let template: unknown;
  let variables: Record<string, unknown> = {};
  if (typeof argument === 'string') template = argument;
  else if (Array.isArray(argument) && argument.length === 2 && argument[1] && typeof argument[1] === 'object' && !Array.isArray(argument[1])) {
    template = argument[0];
    variables = argument[1] as Record<string, unknown>;
  }
  if (typeof template !== 'string') {
    throw new IntrinsicError('Template error: One or more Fn::Sub intrinsic functions don\'t specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string');
  }
  return template.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    let value: unknown;
    if (Object.hasOwn(variables, name)) value = resolveValue(variables[name], scope);
    else if (!name.includes('::') && name.includes('.')) {
      const dot = name.indexOf('.');
      value = scope.getAtt(name.slice(0, dot), name.slice(dot + 1));
    } else value = scope.ref(name);
    return scalarString(value, 'Fn::Sub');
  });
}

function scalarString(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new IntrinsicError(`Template error: ${fn} can only combine strings, but a value resolved to ${Array.isArray(value) ? 'a list' : typeof value}`);
}

function comparable(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function cidr(block: string, count: number, bits: number): string[] {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
  if (!match) throw new IntrinsicError(`Template error: Fn::Cidr supports IPv4 blocks only on local AWS; got ${block}`);
  const prefix = Number(match[5]);
  const base = match.slice(1, 5).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  if (!Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(bits) || bits < 0 || bits > 32 - prefix) {
    throw new IntrinsicError('Template error: Fn::Cidr requires a count between 1 and 256 and subnet bits that fit the block');
  }
  const size = 2 ** bits;
  if (count * size > 2 ** (32 - prefix)) throw new IntrinsicError(`Template error: Fn::Cidr cannot carve ${count} /${32 - bits} subnets out of ${block}`);
  const network = base - (base % 2 ** (32 - prefix));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const address = network + i * size;
    out.push(`${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')}/${32 - bits}`);
  }
  return out;
}

/**
 * The names a value refers to (Ref targets, GetAtt resources, Sub variables). With `branch`, an
 * Fn::If follows only the branch its condition selects; without, both (for validation).
 */
export function collectReferences(
  value: unknown,
  options: { branch?: (condition: string) => boolean } = {},
  found: { refs: Set<string>; getAtts: Set<string>; conditions: Set<string> } = { refs: new Set(), getAtts: new Set(), conditions: new Set() },
) {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, options, found);
    return found;
  }
  if (!value || typeof value !== 'object') return found;
  const fn = intrinsicOf(value);
  if (!fn) {
    for (const child of Object.values(value)) collectReferences(child, options, found);
    return found;
  }
  const argument = fn.argument;
  switch (fn.name) {
    case 'Ref':
      if (typeof argument === 'string') found.refs.add(argument);
      break;
    case 'Fn::GetAtt':
      if (typeof argument === 'string') {
        const dot = argument.indexOf('.');
        found.getAtts.add(dot < 0 ? argument : argument.slice(0, dot));
      } else if (Array.isArray(argument)) {
        if (typeof argument[0] === 'string') found.getAtts.add(argument[0]);
        collectReferences(argument.slice(1), options, found);
      }
      break;
    case 'Fn::Sub': {
      const template = typeof argument === 'string' ? argument : Array.isArray(argument) ? argument[0] : undefined;
      const variables = Array.isArray(argument) && argument[1] && typeof argument[1] === 'object' ? (argument[1] as Record<string, unknown>) : {};
      if (typeof template === 'string') {
        for (const name of subVariables(template)) {
          if (Object.hasOwn(variables, name)) continue;
          if (!name.includes('::') && name.includes('.')) found.getAtts.add(name.slice(0, name.indexOf('.')));
          else found.refs.add(name);
        }
      }
      collectReferences(Object.values(variables), options, found);
      break;
    }
    case 'Fn::If':
      if (Array.isArray(argument) && typeof argument[0] === 'string') {
        found.conditions.add(argument[0]);
        if (options.branch) collectReferences(options.branch(argument[0]) ? argument[1] : argument[2], options, found);
        else collectReferences(argument.slice(1), options, found);
      }
      break;
    default:
      collectReferences(argument, options, found);
  }
  return found;
}
