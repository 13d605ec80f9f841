import YAML, { type Tags, type YAMLMap, type YAMLSeq } from 'yaml';
import { AwsError } from '../../errors';

/**
 * Reads a CloudFormation template body, JSON or YAML. YAML uses the core schema (so
 * `AWSTemplateFormatVersion: 2010-09-09` stays a string, never a Date) plus CloudFormation's
 * short-form tags, each turned into its long form: `!Ref X` → {Ref: X}, `!GetAtt A.B.C` →
 * {'Fn::GetAtt': ['A', 'B.C']} (split on the first dot only), `!Condition C` → {Condition: C}.
 */

const FN_TAGS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'ToJsonString',
  'Length',
];

function longForm(tag: string, value: unknown): Record<string, unknown> {
  if (tag === 'Ref') return { Ref: value };
  if (tag === 'Condition') return { Condition: value };
  if (tag === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${tag}`]: value };
}

const CFN_TAGS: Tags = [...FN_TAGS, 'Ref', 'Condition'].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => longForm(name, value) },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (node: YAMLSeq | YAMLMap) => longForm(name, node.toJSON()) },
  { tag: `!${name}`, collection: 'map' as const, resolve: (node: YAMLSeq | YAMLMap) => longForm(name, node.toJSON()) },
]);

export function templateError(message: string): AwsError {
  return new AwsError('ValidationError', `Template format error: ${message}`);
}

export function parseTemplateBody(body: string): Record<string, unknown> {
  const text = body.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw templateError('At least one Resources member must be defined.');
  let parsed: unknown;
  if (text.trimStart().startsWith('{')) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw templateError(`JSON not well-formed. (${(error as Error).message})`);
    }
  } else {
    const doc = YAML.parseDocument(text, { schema: 'core', customTags: CFN_TAGS, uniqueKeys: true, prettyErrors: false, merge: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const where = first.linePos?.[0] ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : '';
      throw templateError(`YAML not well-formed.${where} ${first.message.split('\n')[0]}`);
    }
    const warnings = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (warnings.length > 0) throw templateError(`YAML not well-formed. ${warnings[0].message.split('\n')[0]}`);
    parsed = doc.toJS({ maxAliasCount: 1000 });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw templateError('The template must be a JSON or YAML object.');
  }
  return parsed as Record<string, unknown>;
}
