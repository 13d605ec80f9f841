import { AwsError } from '../../errors';
import { collectReferences, evaluateCondition, IntrinsicError, type IntrinsicScope } from './intrinsics';
import { KNOWN_RESOURCE_TYPES } from './known-resource-types';
import { parseTemplateBody, templateError } from './template-parser';

/**
 * A template read and checked the way CloudFormation checks it before it starts a stack: sections,
 * resources, parameter values, conditions, references and the creation order. Everything here is
 * synchronous, so CreateStack and ValidateTemplate answer these errors directly.
 */

export interface ParameterDeclaration {
  Type: string;
  Default?: unknown;
  Description?: string;
  NoEcho?: boolean | string;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinLength?: number;
  MaxLength?: number;
  MinValue?: number;
  MaxValue?: number;
  ConstraintDescription?: string;
}

export interface ResourceDeclaration {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  Metadata?: unknown;
  [attribute: string]: unknown;
}

export interface OutputDeclaration {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

export interface Template {
  raw: Record<string, unknown>;
  description?: string;
  parameters: Record<string, ParameterDeclaration>;
  mappings: Record<string, Record<string, Record<string, unknown>>>;
  conditions: Record<string, unknown>;
  resources: Record<string, ResourceDeclaration>;
  outputs: Record<string, OutputDeclaration>;
  transforms: string[];
}

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Rules',
  'Hooks',
]);
const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
  'Version',
]);
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::NotificationARNs',
]);

export function validationError(message: string) {
  return new AwsError('ValidationError', message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Parses and checks a template's structure. */
export function readTemplate(body: string): Template {
  const raw = parseTemplateBody(body);
  const unknownSections = Object.keys(raw).filter((key) => !SECTIONS.has(key));
  if (unknownSections.length > 0) throw templateError(`Invalid template property or properties [${unknownSections.join(', ')}]`);
  if (raw.AWSTemplateFormatVersion !== undefined && String(raw.AWSTemplateFormatVersion) !== '2010-09-09') {
    throw templateError(`'${String(raw.AWSTemplateFormatVersion)}' is not a supported version.`);
  }
  if (raw.Description !== undefined && typeof raw.Description !== 'string') throw templateError('Every Description member must be a string.');

  const resources = raw.Resources;
  if (!isObject(resources) || Object.keys(resources).length === 0) throw templateError('At least one Resources member must be defined.');
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!LOGICAL_ID.test(logicalId)) throw templateError(`Resource name ${logicalId} is non alphanumeric.`);
    if (!isObject(resource) || typeof resource.Type !== 'string' || resource.Type === '') {
      throw templateError(`[/Resources/${logicalId}] Every Resources object must contain a Type member.`);
    }
    const unknown = Object.keys(resource).filter((key) => !RESOURCE_ATTRIBUTES.has(key));
    if (unknown.length > 0) throw templateError(`Unrecognized resource attributes [${unknown.join(', ')}] in resource ${logicalId}`);
    if (resource.Properties !== undefined && !isObject(resource.Properties)) {
      throw templateError(`[/Resources/${logicalId}/Properties] Properties must be an object.`);
    }
  }
  // A misspelt AWS type is the template's mistake, refused at once as CloudFormation does. Other
  // namespaces may be registry types of the account; those fail their resource like any type local
  // AWS has no provider for. A template with a Transform (SAM's AWS::Serverless::*, macros) is
  // checked only after its expansion, which local AWS does not do.
  const unrecognized = raw.Transform !== undefined ? [] : [
    ...new Set(
      Object.values(resources as Record<string, { Type: string }>)
        .map((resource) => resource.Type)
        .filter((type) => /^(AWS|Alexa)::/.test(type) && !KNOWN_RESOURCE_TYPES.has(type)),
    ),
  ];
  if (unrecognized.length > 0) throw templateError(`Unrecognized resource types: [${unrecognized.join(', ')}]`);

  const parameters = optionalSection(raw, 'Parameters') as Record<string, ParameterDeclaration>;
  for (const [name, declaration] of Object.entries(parameters)) {
    if (!LOGICAL_ID.test(name)) throw templateError(`Parameter name ${name} is non alphanumeric.`);
    if (!isObject(declaration) || typeof declaration.Type !== 'string') {
      throw templateError(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
    }
    if (!isSupportedParameterType(declaration.Type)) {
      throw templateError(`Unrecognized parameter type: ${declaration.Type}`);
    }
  }
  const outputs = optionalSection(raw, 'Outputs') as Record<string, OutputDeclaration>;
  for (const [name, output] of Object.entries(outputs)) {
    if (!isObject(output) || !('Value' in output)) throw templateError(`[/Outputs/${name}] Every Outputs member must contain a Value object`);
  }
  const transforms = raw.Transform === undefined ? [] : Array.isArray(raw.Transform) ? raw.Transform.map(String) : [String(raw.Transform)];
  return {
    raw,
    description: raw.Description as string | undefined,
    parameters,
    mappings: optionalSection(raw, 'Mappings') as Template['mappings'],
    conditions: optionalSection(raw, 'Conditions'),
    resources: resources as Record<string, ResourceDeclaration>,
    outputs,
    transforms,
  };
}

function optionalSection(raw: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = raw[name];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw templateError(`${name} must be an object.`);
  return value;
}

function isSupportedParameterType(type: string): boolean {
  if (['String', 'Number', 'List<Number>', 'CommaDelimitedList'].includes(type)) return true;
  if (/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+(::[A-Za-z0-9]+)*$/.test(type)) return true;
  if (/^List<AWS::[A-Za-z0-9:]+>$/.test(type)) return true;
  if (/^AWS::SSM::Parameter::Value<.+>$/.test(type)) return true;
  return false;
}

export function isListParameter(type: string) {
  return type === 'CommaDelimitedList' || type.startsWith('List<') || /^AWS::SSM::Parameter::Value<List<|CommaDelimitedList>/.test(type);
}

export function isNoEcho(declaration: ParameterDeclaration) {
  return declaration.NoEcho === true || String(declaration.NoEcho).toLowerCase() === 'true';
}

/** Parameter values for a stack: given values, else defaults; every constraint checked. */
export function resolveParameters(template: Template, given: { key: string; value: string }[]): Map<string, string> {
  const unknown = given.filter((entry) => !Object.hasOwn(template.parameters, entry.key)).map((entry) => entry.key);
  if (unknown.length > 0) throw validationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const [name, declaration] of Object.entries(template.parameters)) {
    const provided = given.find((entry) => entry.key === name);
    let value: string | undefined = provided?.value;
    if (value === undefined && declaration.Default !== undefined) {
      value = Array.isArray(declaration.Default) ? declaration.Default.join(',') : String(declaration.Default);
    }
    if (value === undefined) {
      missing.push(name);
      continue;
    }
    if (/^AWS::SSM::Parameter::Value</.test(declaration.Type)) {
      throw validationError(`Parameter '${name}' of type ${declaration.Type} needs Systems Manager Parameter Store, which local AWS does not provide`);
    }
    checkParameter(name, declaration, value);
    values.set(name, value);
  }
  if (missing.length > 0) throw validationError(`Parameters: [${missing.join(', ')}] must have values`);
  return values;
}

function checkParameter(name: string, declaration: ParameterDeclaration, value: string) {
  const constraint = declaration.ConstraintDescription ? ` ${declaration.ConstraintDescription}` : '';
  const items = isListParameter(declaration.Type) ? (value === '' ? [] : value.split(',').map((v) => v.trim())) : [value];
  for (const item of items) {
    if (declaration.Type === 'Number' || declaration.Type === 'List<Number>') {
      if (item.trim() === '' || Number.isNaN(Number(item))) throw validationError(`Parameter '${name}' must be a number.`);
      const n = Number(item);
      if (declaration.MinValue !== undefined && n < Number(declaration.MinValue)) {
        throw validationError(`Parameter '${name}' must be a number not less than ${declaration.MinValue}${constraint}`);
      }
      if (declaration.MaxValue !== undefined && n > Number(declaration.MaxValue)) {
        throw validationError(`Parameter '${name}' must be a number not greater than ${declaration.MaxValue}${constraint}`);
      }
    }
    if (declaration.AllowedValues && !declaration.AllowedValues.map(String).includes(item)) {
      throw validationError(`Parameter '${name}' must be one of AllowedValues`);
    }
    if (declaration.AllowedPattern !== undefined) {
      let pattern: RegExp;
      try {
        pattern = new RegExp(`^(?:${declaration.AllowedPattern})$`);
      } catch {
        throw templateError(`Parameter '${name}' has an invalid AllowedPattern`);
      }
      if (!pattern.test(item)) throw validationError(`Parameter '${name}' must match pattern ${declaration.AllowedPattern}${constraint}`);
    }
  }
  if (declaration.Type === 'String') {
    if (declaration.MinLength !== undefined && value.length < Number(declaration.MinLength)) {
      throw validationError(`Parameter '${name}' must contain at least ${declaration.MinLength} characters${constraint}`);
    }
    if (declaration.MaxLength !== undefined && value.length > Number(declaration.MaxLength)) {
      throw validationError(`Parameter '${name}' must contain at most ${declaration.MaxLength} characters${constraint}`);
    }
  }
}

const IAM_TYPES: Record<string, string | undefined> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::UserToGroupAddition': undefined,
  'AWS::IAM::ServiceLinkedRole': undefined,
};

/** The capability a template needs for its IAM resources: NAMED_IAM when any has a custom name. */
export function requiredCapability(template: Template): { capability?: 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM'; resources: string[] } {
  const resources: string[] = [];
  let named = false;
  for (const [logicalId, resource] of Object.entries(template.resources)) {
    if (!Object.hasOwn(IAM_TYPES, resource.Type)) continue;
    resources.push(logicalId);
    const nameProperty = IAM_TYPES[resource.Type];
    if (nameProperty && resource.Properties?.[nameProperty] !== undefined) named = true;
  }
  if (resources.length === 0) return { resources };
  return { capability: named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM', resources };
}

/** A scope for conditions: parameters and pseudo parameters only, as CloudFormation allows. */
export function conditionEvaluator(template: Template, parameterScope: (name: string) => unknown, region: string) {
  const results = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const scope: IntrinsicScope = {
    region,
    ref: (name) => {
      if (Object.hasOwn(template.resources, name)) {
        throw templateError(`Unresolved dependencies [${name}]. Cannot reference resources in the Conditions block of the template`);
      }
      return parameterScope(name);
    },
    getAtt: () => {
      throw templateError('Fn::GetAtt cannot be used in the Conditions block of the template');
    },
    condition: (name) => evaluate(name),
    findInMap: (map, top, second) => findInMap(template, map, top, second),
    importValue: () => {
      throw templateError('Fn::ImportValue cannot be used in the Conditions block of the template');
    },
    availabilityZones: () => [],
  };
  const evaluate = (name: string): boolean => {
    const known = results.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(template.conditions, name)) throw templateError(`Unresolved condition dependency ${name}.`);
    if (evaluating.has(name)) throw templateError(`Circular dependency between conditions: [${[...evaluating].join(', ')}]`);
    evaluating.add(name);
    try {
      const value = evaluateCondition(template.conditions[name], scope);
      results.set(name, value);
      return value;
    } catch (error) {
      if (error instanceof IntrinsicError) throw validationError(error.message);
      throw error;
    } finally {
      evaluating.delete(name);
    }
  };
  return evaluate;
}

export function findInMap(template: Template, map: string, top: string, second: string): unknown {
  const value = template.mappings[map]?.[top]?.[second];
  if (value === undefined) throw new IntrinsicError(`Template error: Unable to get mapping for ${map}::${top}::${second}`);
  return value;
}

export interface StackPlan {
  conditions: Map<string, boolean>;
  /** Resources to create (conditions true), in creation order. */
  order: string[];
  /** Each resource's dependencies among the resources being created. */
  dependencies: Map<string, Set<string>>;
}

/**
 * Evaluates conditions, checks every reference, and orders the resources: Kahn's algorithm over
 * Ref / GetAtt / Sub / DependsOn edges, ties broken by template order so the order is stable.
 */
export function planStack(template: Template, parameterScope: (name: string) => unknown, region: string): StackPlan {
  const evaluate = conditionEvaluator(template, parameterScope, region);
  const conditions = new Map<string, boolean>();
  for (const name of Object.keys(template.conditions)) conditions.set(name, evaluate(name));

  const checkCondition = (name: unknown, where: string) => {
    if (typeof name !== 'string' || !conditions.has(name)) throw templateError(`Unresolved condition dependency ${String(name)} in ${where}`);
    return conditions.get(name)!;
  };

  const allIds = Object.keys(template.resources);
  const included = allIds.filter((id) => {
    const condition = template.resources[id].Condition;
    return condition === undefined || checkCondition(condition, `resource ${id}`);
  });
  const includedSet = new Set(included);

  // Every reference must name something that exists, whichever way Fn::If goes.
  const checkReferences = (value: unknown, block: string) => {
    const found = collectReferences(value);
    for (const condition of found.conditions) checkCondition(condition, `Fn::If in the ${block} block`);
    const unresolved = [...found.refs].filter(
      (name) => !PSEUDO_PARAMETERS.has(name) && !Object.hasOwn(template.parameters, name) && !Object.hasOwn(template.resources, name),
    );
    for (const name of found.getAtts) {
      if (!Object.hasOwn(template.resources, name)) {
        throw validationError(`Template error: instance of Fn::GetAtt references undefined resource ${name}`);
      }
    }
    if (unresolved.length > 0) {
      throw templateError(`Unresolved resource dependencies [${unresolved.join(', ')}] in the ${block} block of the template`);
    }
  };

  const dependencies = new Map<string, Set<string>>();
  for (const id of allIds) {
    const resource = template.resources[id];
    checkReferences(resource.Properties ?? {}, 'Resources');
    const dependsOn = resource.DependsOn === undefined ? [] : Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
    const missing = dependsOn.filter((name) => typeof name !== 'string' || !Object.hasOwn(template.resources, name));
    if (missing.length > 0) throw templateError(`Unresolved resource dependencies [${missing.join(', ')}] in the Resources block of the template`);
    if (!includedSet.has(id)) continue;
    const found = collectReferences(resource.Properties ?? {}, { branch: (name) => conditions.get(name) ?? false });
    const deps = new Set<string>();
    for (const name of [...found.refs, ...found.getAtts, ...dependsOn]) {
      if (!Object.hasOwn(template.resources, name)) continue;
      if (!includedSet.has(name)) {
        throw templateError(`Unresolved resource dependencies [${name}] in the Resources block of the template`);
      }
      deps.add(name);
    }
    dependencies.set(id, deps);
  }
  for (const [name, output] of Object.entries(template.outputs)) {
    if (output.Condition !== undefined) checkCondition(output.Condition, `output ${name}`);
    checkReferences(output.Value, 'Outputs');
    if (output.Export) checkReferences(output.Export, 'Outputs');
  }

  return { conditions, order: topologicalOrder(included, dependencies), dependencies };
}

export function topologicalOrder(ids: string[], dependencies: Map<string, Set<string>>): string[] {
  const remaining = new Map(ids.map((id) => [id, new Set(dependencies.get(id) ?? [])]));
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = ids.find((id) => remaining.has(id) && remaining.get(id)!.size === 0);
    if (!ready) {
      throw validationError(`Circular dependency between resources: [${[...remaining.keys()].join(', ')}]`);
    }
    order.push(ready);
    remaining.delete(ready);
    for (const deps of remaining.values()) deps.delete(ready);
  }
  return order;
}
