import { describe, expect, it } from 'vitest';
import { evaluateCondition, NO_VALUE, resolveValue, type IntrinsicScope } from './intrinsics';
import { planStack, readTemplate, requiredCapability, resolveParameters } from './template';
import { parseTemplateBody } from './template-parser';
import { generatePhysicalName } from './resource-provider';

describe('parseTemplateBody', () => {
  it('reads YAML short-form tags into their long forms and keeps the version a string', () => {
    const template = parseTemplateBody(`
AWSTemplateFormatVersion: 2010-09-09
Resources:
  A:
    Type: X
    Properties:
      Ref: !Ref B
      Att: !GetAtt B.Outputs.Value
      Sub: !Sub '\${AWS::Region}-x'
      SubList: !Sub
        - '\${a}'
        - a: !Ref C
      Join: !Join [':', [a, !Ref B]]
      Select: !Select [0, !GetAZs '']
      Split: !Split [',', 'a,b']
      If: !If [Cond, !Ref B, !Ref AWS::NoValue]
      Eq: !Equals [a, b]
      Logic: !And [!Or [!Condition X, !Not [!Condition Y]], !Condition Z]
      Map: !FindInMap [M, K, V]
      B64: !Base64 text
      Import: !ImportValue exported
      Cidr: !Cidr ['10.0.0.0/16', 2, 8]
      Date: 2021-04-15
`);
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    const p = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).A.Properties;
    expect(p.Ref).toEqual({ Ref: 'B' });
    expect(p.Att).toEqual({ 'Fn::GetAtt': ['B', 'Outputs.Value'] });
    expect(p.Sub).toEqual({ 'Fn::Sub': '${AWS::Region}-x' });
    expect(p.SubList).toEqual({ 'Fn::Sub': ['${a}', { a: { Ref: 'C' } }] });
    expect(p.Join).toEqual({ 'Fn::Join': [':', ['a', { Ref: 'B' }]] });
    expect(p.Select).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(p.Split).toEqual({ 'Fn::Split': [',', 'a,b'] });
    expect(p.If).toEqual({ 'Fn::If': ['Cond', { Ref: 'B' }, { Ref: 'AWS::NoValue' }] });
    expect(p.Eq).toEqual({ 'Fn::Equals': ['a', 'b'] });
    expect(p.Logic).toEqual({
      'Fn::And': [{ 'Fn::Or': [{ Condition: 'X' }, { 'Fn::Not': [{ Condition: 'Y' }] }] }, { Condition: 'Z' }],
    });
    expect(p.Map).toEqual({ 'Fn::FindInMap': ['M', 'K', 'V'] });
    expect(p.B64).toEqual({ 'Fn::Base64': 'text' });
    expect(p.Import).toEqual({ 'Fn::ImportValue': 'exported' });
    expect(p.Cidr).toEqual({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] });
    expect(p.Date).toBe('2021-04-15');
  });

  it('reads JSON and reports malformed templates as ValidationError', () => {
    expect(parseTemplateBody('{"Resources": {"A": {"Type": "X"}}}')).toEqual({ Resources: { A: { Type: 'X' } } });
    expect(() => parseTemplateBody('{"Resources": ')).toThrow(/Template format error: JSON not well-formed/);
    expect(() => parseTemplateBody('Resources:\n  A: !Nope x\n')).toThrow(/Template format error: YAML not well-formed/);
    expect(() => parseTemplateBody('a: [1,\n')).toThrow(/YAML not well-formed/);
  });
});

function scope(overrides: Partial<IntrinsicScope> = {}): IntrinsicScope {
  const refs: Record<string, unknown> = { Env: 'prod', List: ['a', 'b', 'c'], Bucket: 'my-bucket', 'AWS::Region': 'eu-west-1', 'AWS::NoValue': NO_VALUE };
  return {
    region: 'eu-west-1',
    ref: (name) => {
      if (!(name in refs)) throw new Error(`unknown ${name}`);
      return refs[name];
    },
    getAtt: (id, attribute) => `${id}.${attribute}-value`,
    condition: (name) => name === 'IsProd',
    findInMap: (map, top, second) => `${map}/${top}/${second}`,
    importValue: (name) => `imported-${name}`,
    availabilityZones: (region) => [`${region}a`, `${region}b`],
    ...overrides,
  };
}

describe('intrinsic functions', () => {
  const s = scope();
  it('Ref, GetAtt and Sub in both forms with escapes', () => {
    expect(resolveValue({ Ref: 'Env' }, s)).toBe('prod');
    expect(resolveValue({ 'Fn::GetAtt': ['Role', 'Arn'] }, s)).toBe('Role.Arn-value');
    expect(resolveValue({ 'Fn::GetAtt': 'Role.Arn' }, s)).toBe('Role.Arn-value');
    expect(resolveValue({ 'Fn::Sub': 'arn:${AWS::Region}:${Bucket}/${Role.Arn}/${!Literal}' }, s)).toBe(
      'arn:eu-west-1:my-bucket/Role.Arn-value/${Literal}',
    );
    expect(resolveValue({ 'Fn::Sub': ['${A}-${Env}', { A: { Ref: 'Bucket' } }] }, s)).toBe('my-bucket-prod');
    expect(() => resolveValue({ 'Fn::Sub': '${List}' }, s)).toThrow(/Fn::Sub can only combine strings/);
  });

  it('Join, Select, Split, GetAZs, FindInMap, Base64, Cidr, ImportValue', () => {
    expect(resolveValue({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }, 3]] }, s)).toBe('a-prod-3');
    expect(resolveValue({ 'Fn::Join': [',', { Ref: 'List' }] }, s)).toBe('a,b,c');
    expect(resolveValue({ 'Fn::Select': ['1', { Ref: 'List' }] }, s)).toBe('b');
    expect(() => resolveValue({ 'Fn::Select': [5, { Ref: 'List' }] }, s)).toThrow(/cannot select nonexistent value at index 5/);
    expect(resolveValue({ 'Fn::Split': ['|', 'x|y'] }, s)).toEqual(['x', 'y']);
    expect(resolveValue({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, s)).toBe('eu-west-1a');
    expect(resolveValue({ 'Fn::FindInMap': ['M', { Ref: 'Env' }, 'k'] }, s)).toBe('M/prod/k');
    expect(resolveValue({ 'Fn::Base64': 'hi' }, s)).toBe('aGk=');
    expect(resolveValue({ 'Fn::Cidr': ['10.0.0.0/16', 3, 8] }, s)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(resolveValue({ 'Fn::ImportValue': { 'Fn::Sub': '${Env}-vpc' } }, s)).toBe('imported-prod-vpc');
  });

  it('If with AWS::NoValue removes properties and list elements', () => {
    expect(
      resolveValue(
        {
          Keep: { 'Fn::If': ['IsProd', 'yes', 'no'] },
          Drop: { 'Fn::If': ['IsDev', 'x', { Ref: 'AWS::NoValue' }] },
          List: ['a', { Ref: 'AWS::NoValue' }, 'b'],
        },
        s,
      ),
    ).toEqual({ Keep: 'yes', List: ['a', 'b'] });
  });

  it('condition functions', () => {
    expect(evaluateCondition({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, s)).toBe(true);
    expect(evaluateCondition({ 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }, s)).toBe(true);
    expect(evaluateCondition({ 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['1', 1] }] }, s)).toBe(true);
    expect(evaluateCondition({ 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': ['a', 'b'] }] }, s)).toBe(false);
    expect(() => evaluateCondition({ 'Fn::And': [{ Condition: 'IsProd' }] }, s)).toThrow(/between 2 and 10/);
  });
});

const ordered = `
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Table: { Type: T, Properties: { Db: !Ref Database, Role: !GetAtt Role.Arn } }
  Queries: { Type: Q, DependsOn: Table, Properties: { Text: !Sub '\${Workgroup}' } }
  Database: { Type: D }
  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
  Workgroup: { Type: W }
  ProdOnly: { Type: P, Condition: IsProd, Properties: { Db: !Ref Database } }
Outputs:
  Db: { Value: !Ref Database }
`;

describe('planStack', () => {
  const params = (values: Record<string, string>) => (name: string) => values[name] ?? (name.startsWith('AWS::') ? 'x' : undefined);

  it('orders resources by Ref, GetAtt, Sub and DependsOn, and skips false conditions', () => {
    const template = readTemplate(ordered);
    expect(planStack(template, params({ Env: 'dev' }), 'us-east-1').order).toEqual(['Database', 'Role', 'Table', 'Workgroup', 'Queries']);
    expect(planStack(template, params({ Env: 'prod' }), 'us-east-1').order).toEqual(['Database', 'Role', 'Table', 'Workgroup', 'Queries', 'ProdOnly']);
  });

  it('rejects cycles and unresolved references', () => {
    const cycle = readTemplate('Resources:\n  A: { Type: X, Properties: { P: !Ref B } }\n  B: { Type: X, DependsOn: A }\n  C: { Type: X }\n');
    expect(() => planStack(cycle, params({}), 'us-east-1')).toThrow('Circular dependency between resources: [A, B]');
    const missing = readTemplate('Resources:\n  A: { Type: X, Properties: { P: !Ref Nope } }\n');
    expect(() => planStack(missing, params({}), 'us-east-1')).toThrow(
      'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    );
    const badDepends = readTemplate('Resources:\n  A: { Type: X, DependsOn: [Ghost] }\n');
    expect(() => planStack(badDepends, params({}), 'us-east-1')).toThrow(/Unresolved resource dependencies \[Ghost\]/);
    const badAtt = readTemplate('Resources:\n  A: { Type: X, Properties: { P: !GetAtt Ghost.Arn } }\n');
    expect(() => planStack(badAtt, params({}), 'us-east-1')).toThrow(/Fn::GetAtt references undefined resource Ghost/);
  });

  it('rejects malformed templates', () => {
    expect(() => readTemplate('Resources: {}')).toThrow('Template format error: At least one Resources member must be defined.');
    expect(() => readTemplate('Resources:\n  A: { Properties: {} }')).toThrow(/Every Resources object must contain a Type member/);
    expect(() => readTemplate('Foo: 1\nResources:\n  A: { Type: X }')).toThrow(/Invalid template property or properties \[Foo\]/);
  });
});

describe('parameters and capabilities', () => {
  const template = readTemplate(`
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Count: { Type: Number, MinValue: 1 }
  Secret: { Type: String, NoEcho: true }
  Names: { Type: CommaDelimitedList, Default: 'a,b' }
Resources:
  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
`);
  it('applies defaults and checks constraints', () => {
    const values = resolveParameters(template, [
      { key: 'Count', value: '3' },
      { key: 'Secret', value: 's' },
    ]);
    expect(Object.fromEntries(values)).toEqual({ Env: 'dev', Count: '3', Secret: 's', Names: 'a,b' });
    expect(() => resolveParameters(template, [{ key: 'Secret', value: 's' }])).toThrow('Parameters: [Count] must have values');
    expect(() => resolveParameters(template, [{ key: 'Count', value: 'x' }, { key: 'Secret', value: '' }])).toThrow("Parameter 'Count' must be a number.");
    expect(() => resolveParameters(template, [{ key: 'Count', value: '0' }, { key: 'Secret', value: '' }])).toThrow(/not less than 1/);
    expect(() => resolveParameters(template, [{ key: 'Count', value: '1' }, { key: 'Secret', value: '' }, { key: 'Env', value: 'qa' }])).toThrow(
      "Parameter 'Env' must be one of AllowedValues",
    );
    expect(() => resolveParameters(template, [{ key: 'Nope', value: '1' }])).toThrow('Parameters: [Nope] do not exist in the template');
  });

  it('asks for CAPABILITY_IAM, or CAPABILITY_NAMED_IAM for named IAM resources', () => {
    expect(requiredCapability(template).capability).toBe('CAPABILITY_IAM');
    const named = readTemplate('Resources:\n  R: { Type: AWS::IAM::Role, Properties: { RoleName: x, AssumeRolePolicyDocument: {} } }');
    expect(requiredCapability(named).capability).toBe('CAPABILITY_NAMED_IAM');
    expect(requiredCapability(readTemplate('Resources:\n  B: { Type: AWS::S3::Bucket }')).capability).toBeUndefined();
  });

  it('generates physical names that fit', () => {
    const name = generatePhysicalName('a-very-long-stack-name-that-goes-on-and-on', 'AndALogicalIdThatIsLong', { maxLength: 64 });
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^a-very-long-stack-name-.*-[A-Z0-9]{12}$/);
    expect(generatePhysicalName('Stack', 'Bucket', { maxLength: 63, lowercase: true })).toMatch(/^stack-bucket-[a-z0-9]{12}$/);
  });
});
