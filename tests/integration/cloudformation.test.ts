import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { GetDatabaseCommand, GetPartitionsCommand, GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceTimeline, stackEvents, waitForStack } from '../support/cloudformation-helpers';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

let localAws: LocalAwsProcess;
let cfn: CloudFormationClient;
let glue: GlueClient;
let s3: S3Client;

beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  cfn = new CloudFormationClient(clientConfig(localAws.endpoint));
  glue = new GlueClient(clientConfig(localAws.endpoint));
  s3 = new S3Client({ ...clientConfig(localAws.endpoint), forcePathStyle: true });
});
afterAll(async () => {
  await localAws?.stop();
});

const catalogTemplate = `
AWSTemplateFormatVersion: 2010-09-09
Description: Glue catalog for flow logs
Parameters:
  DatabaseName:
    Type: String
  Day:
    Type: String
    Default: '15'
Resources:
  Table:
    Type: AWS::Glue::Table
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref Database
      TableInput:
        Name: flows
        TableType: EXTERNAL_TABLE
        Parameters: { EXTERNAL: 'true', skip.header.line.count: 1 }
        PartitionKeys:
          - { Name: year, Type: string }
          - { Name: day, Type: string }
        StorageDescriptor:
          Location: !Sub 's3://\${Bucket}/AWSLogs/\${AWS::AccountId}/vpcflowlogs/\${AWS::Region}/'
          Columns:
            - { Name: srcaddr, Type: string }
            - { Name: bytes, Type: bigint }
          SerdeInfo:
            SerializationLibrary: org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe
            Parameters: { field.delim: ' ' }
  Partition:
    Type: AWS::Glue::Partition
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref Database
      TableName: !Ref Table
      PartitionInput:
        Values: ['2021', !Ref Day]
  Database:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput:
        Name: !Ref DatabaseName
        Description: !Sub 'Database of \${AWS::StackName}'
  Bucket:
    Type: AWS::S3::Bucket
Outputs:
  DatabaseName:
    Value: !Ref Database
  BucketArn:
    Value: !GetAtt Bucket.Arn
    Export:
      Name: !Sub '\${AWS::StackName}-bucket-arn'
`;

async function createAndWait(input: ConstructorParameters<typeof CreateStackCommand>[0]) {
  const { StackId } = await cfn.send(new CreateStackCommand(input));
  expect(StackId).toMatch(new RegExp(`^arn:aws:cloudformation:us-east-1:000000000000:stack/${input.StackName}/[0-9a-f-]{36}$`));
  return { stackId: StackId!, stack: await waitForStack(cfn, input.StackName!) };
}

describe('CloudFormation stacks', () => {
  it('creates Glue resources and a bucket in dependency order, then deletes them', async () => {
    const { stackId, stack } = await createAndWait({
      StackName: 'catalog',
      TemplateBody: catalogTemplate,
      Parameters: [{ ParameterKey: 'DatabaseName', ParameterValue: 'flowdb' }],
      Tags: [{ Key: 'team', Value: 'net' }],
    });
    expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
    expect(stack.Description).toBe('Glue catalog for flow logs');
    expect(stack.Parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'DatabaseName', ParameterValue: 'flowdb' },
        { ParameterKey: 'Day', ParameterValue: '15' },
      ]),
    );
    expect(stack.Tags).toEqual([{ Key: 'team', Value: 'net' }]);
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o]));
    expect(outputs.DatabaseName.OutputValue).toBe('flowdb');
    expect(outputs.BucketArn.OutputValue).toMatch(/^arn:aws:s3:::catalog-bucket-[a-z0-9]{12}$/);
    expect(outputs.BucketArn.ExportName).toBe('catalog-bucket-arn');

    const events = await stackEvents(cfn, 'catalog');
    expect(events[0]).toMatchObject({ ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'CREATE_IN_PROGRESS', ResourceStatusReason: 'User Initiated' });
    expect(events.at(-1)).toMatchObject({ LogicalResourceId: 'catalog', PhysicalResourceId: stackId, ResourceStatus: 'CREATE_COMPLETE' });
    expect(resourceTimeline(events)).toEqual([
      'Database CREATE_IN_PROGRESS',
      'Database CREATE_COMPLETE',
      'Bucket CREATE_IN_PROGRESS',
      'Bucket CREATE_COMPLETE',
      'Table CREATE_IN_PROGRESS',
      'Table CREATE_COMPLETE',
      'Partition CREATE_IN_PROGRESS',
      'Partition CREATE_COMPLETE',
    ]);

    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: 'flowdb', Name: 'flows' }));
    expect(Table?.Parameters).toEqual({ EXTERNAL: 'true', 'skip.header.line.count': '1' });
    const bucketName = outputs.BucketArn.OutputValue!.split(':::')[1];
    expect(Table?.StorageDescriptor?.Location).toBe(`s3://${bucketName}/AWSLogs/000000000000/vpcflowlogs/us-east-1/`);
    expect(Table?.PartitionKeys?.map((k) => k.Name)).toEqual(['year', 'day']);
    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: 'flowdb', TableName: 'flows' }));
    expect(Partitions?.map((p) => p.Values)).toEqual([['2021', '15']]);
    const db = await glue.send(new GetDatabaseCommand({ Name: 'flowdb' }));
    expect(db.Database?.Description).toBe('Database of catalog');

    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'catalog' }));
    expect(
      Object.fromEntries(resources.StackResourceSummaries!.map((r) => [r.LogicalResourceId, [r.ResourceType, r.PhysicalResourceId, r.ResourceStatus]])),
    ).toEqual({
      Database: ['AWS::Glue::Database', 'flowdb', 'CREATE_COMPLETE'],
      Bucket: ['AWS::S3::Bucket', bucketName, 'CREATE_COMPLETE'],
      Table: ['AWS::Glue::Table', 'flows', 'CREATE_COMPLETE'],
      Partition: ['AWS::Glue::Partition', 'flowdb|flows|2021|15', 'CREATE_COMPLETE'],
    });
    const described = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackId, LogicalResourceId: 'Table' }));
    expect(described.StackResources).toHaveLength(1);
    expect(described.StackResources?.[0]).toMatchObject({ StackName: 'catalog', PhysicalResourceId: 'flows' });

    const template = await cfn.send(new GetTemplateCommand({ StackName: 'catalog' }));
    expect(template.TemplateBody).toBe(catalogTemplate);

    await cfn.send(new DeleteStackCommand({ StackName: 'catalog' }));
    await expect(waitForStack(cfn, stackId)).resolves.toMatchObject({ StackStatus: 'DELETE_COMPLETE' });
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'catalog' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id catalog does not exist',
    });
    const deletedEvents = resourceTimeline(await stackEvents(cfn, stackId)).slice(8);
    expect(deletedEvents).toEqual([
      'Partition DELETE_IN_PROGRESS',
      'Partition DELETE_COMPLETE',
      'Table DELETE_IN_PROGRESS',
      'Table DELETE_COMPLETE',
      'Bucket DELETE_IN_PROGRESS',
      'Bucket DELETE_COMPLETE',
      'Database DELETE_IN_PROGRESS',
      'Database DELETE_COMPLETE',
    ]);
    await expect(glue.send(new GetDatabaseCommand({ Name: 'flowdb' }))).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    await expect(s3.send(new HeadBucketCommand({ Bucket: bucketName }))).rejects.toMatchObject({ name: 'NotFound' });

    // The name is free again; the deleted stack stays visible by ARN and in ListStacks.
    const summaries = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
    expect(summaries.StackSummaries?.map((s) => s.StackId)).toContain(stackId);
    await cfn.send(new DeleteStackCommand({ StackName: 'catalog' }));
  });

  it('keeps what a resource that failed to delete depends on, then retains it or forces the deletion', async () => {
    const template = JSON.stringify({
      Resources: {
        Database: { Type: 'AWS::Glue::Database', Properties: { DatabaseInput: { Name: { 'Fn::Sub': '\${AWS::StackName}db' } } } },
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '\${Database}-bucket' } } },
        Unrelated: { Type: 'AWS::Glue::Database', Properties: { DatabaseInput: { Name: { 'Fn::Sub': '\${AWS::StackName}other' } } } },
      },
    });
    for (const [name, how] of [['keeper', 'retain'], ['forced', 'force']] as const) {
      const { stackId, stack } = await createAndWait({ StackName: name, TemplateBody: template });
      expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
      await s3.send(new PutObjectCommand({ Bucket: `${name}db-bucket`, Key: 'pinned', Body: 'x' }));

      // RetainResources and FORCE_DELETE_STACK are only for a stack that failed to delete.
      await expect(cfn.send(new DeleteStackCommand({ StackName: name, RetainResources: ['Bucket'] }))).rejects.toMatchObject({
        name: 'ValidationError',
        message: expect.stringContaining('DELETE_FAILED'),
      });

      await cfn.send(new DeleteStackCommand({ StackName: name }));
      const failed = await waitForStack(cfn, stackId);
      expect(failed.StackStatus).toBe('DELETE_FAILED');
      expect(failed.StackStatusReason).toBe('The following resource(s) failed to delete: [Bucket]. ');
      const resources = await cfn.send(new ListStackResourcesCommand({ StackName: stackId }));
      const states = Object.fromEntries(resources.StackResourceSummaries!.map((r) => [r.LogicalResourceId, r.ResourceStatus]));
      // The bucket still refers to the database, so the database is left as it was; the unrelated one goes.
      expect(states).toEqual({ Database: 'CREATE_COMPLETE', Bucket: 'DELETE_FAILED', Unrelated: 'DELETE_COMPLETE' });
      await expect(glue.send(new GetDatabaseCommand({ Name: `${name}db` }))).resolves.toBeDefined();

      await expect(cfn.send(new DeleteStackCommand({ StackName: stackId, RetainResources: ['Nope'] }))).rejects.toMatchObject({ name: 'ValidationError' });
      await cfn.send(
        new DeleteStackCommand(how === 'retain' ? { StackName: stackId, RetainResources: ['Bucket'] } : { StackName: stackId, DeletionMode: 'FORCE_DELETE_STACK' }),
      );
      const deleted = await waitForStack(cfn, stackId);
      expect(deleted.StackStatus, deleted.StackStatusReason).toBe('DELETE_COMPLETE');
      const timeline = resourceTimeline(await stackEvents(cfn, stackId));
      expect(timeline).toContain('Bucket DELETE_SKIPPED');
      expect(timeline.at(-1)).toBe('Database DELETE_COMPLETE');
      // The retained bucket and what it holds stay in the account.
      await expect(s3.send(new HeadBucketCommand({ Bucket: `${name}db-bucket` }))).resolves.toBeDefined();
      await expect(glue.send(new GetDatabaseCommand({ Name: `${name}db` }))).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    }
  });

  it('refuses to delete a protected stack until UpdateTerminationProtection switches it off', async () => {
    const { stackId } = await createAndWait({
      StackName: 'protected',
      EnableTerminationProtection: true,
      TemplateBody: JSON.stringify({ Resources: { Db: { Type: 'AWS::Glue::Database', Properties: { DatabaseInput: { Name: 'protecteddb' } } } } }),
    });
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'protected' }))).Stacks?.[0].EnableTerminationProtection).toBe(true);
    await expect(cfn.send(new DeleteStackCommand({ StackName: 'protected' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack [protected] cannot be deleted while TerminationProtection is enabled',
    });
    const updated = await cfn.send(new UpdateTerminationProtectionCommand({ StackName: 'protected', EnableTerminationProtection: false }));
    expect(updated.StackId).toBe(stackId);
    await cfn.send(new DeleteStackCommand({ StackName: 'protected' }));
    expect((await waitForStack(cfn, stackId)).StackStatus).toBe('DELETE_COMPLETE');
    await expect(cfn.send(new UpdateTerminationProtectionCommand({ StackName: 'no-such-stack', EnableTerminationProtection: true }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });

  it('gives concurrent CreateStack calls of one name one stack; the others get AlreadyExistsException', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'race-templates' }));
    await s3.send(new PutObjectCommand({ Bucket: 'race-templates', Key: 't.json', Body: JSON.stringify({ Resources: { Db: { Type: 'AWS::Glue::Database', Properties: { DatabaseInput: { Name: 'racedb' } } } } }) }));
    const TemplateURL = `${localAws.endpoint}/race-templates/t.json`;
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => cfn.send(new CreateStackCommand({ StackName: 'race', TemplateURL }))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o.status === 'rejected')) expect((lost.reason as Error).name).toBe('AlreadyExistsException');
    const stack = await waitForStack(cfn, 'race');
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const live = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'ROLLBACK_COMPLETE'] }));
    expect(live.StackSummaries?.filter((s) => s.StackName === 'race')).toHaveLength(1);
    await cfn.send(new DeleteStackCommand({ StackName: 'race' }));
  });

  it('evaluates every intrinsic function, mapping, condition and pseudo parameter', async () => {
    const template = {
      Parameters: {
        Env: { Type: 'String', AllowedValues: ['dev', 'prod'], Default: 'dev' },
        Zones: { Type: 'CommaDelimitedList', Default: 'a,b,c' },
        Secret: { Type: 'String', NoEcho: true },
        Size: { Type: 'Number', Default: 3 },
      },
      Mappings: { Sizes: { dev: { Label: 'small' }, prod: { Label: 'large' } } },
      Conditions: {
        IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
        DevAndBig: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'Size' }, '3'] }] },
        Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'DevAndBig' }] },
      },
      Resources: {
        Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' },
        ProdOnly: { Type: 'AWS::CloudFormation::WaitConditionHandle', Condition: 'IsProd' },
      },
      Outputs: {
        Pseudo: { Value: { 'Fn::Sub': '${AWS::AccountId}|${AWS::Region}|${AWS::StackName}|${AWS::Partition}|${AWS::URLSuffix}' } },
        StackId: { Value: { Ref: 'AWS::StackId' } },
        Literal: { Value: { 'Fn::Sub': ['${!Literal}-${X}', { X: { 'Fn::Select': [1, { Ref: 'Zones' }] } }] } },
        Join: { Value: { 'Fn::Join': ['+', { Ref: 'Zones' }] } },
        Split: { Value: { 'Fn::Select': [2, { 'Fn::Split': ['/', 'x/y/z'] }] } },
        Azs: { Value: { 'Fn::Join': [',', { 'Fn::GetAZs': '' }] } },
        Map: { Value: { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Label'] } },
        If: { Value: { 'Fn::If': ['Either', 'either', 'neither'] } },
        Base64: { Value: { 'Fn::Base64': { Ref: 'Env' } } },
        Cidr: { Value: { 'Fn::Join': [' ', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] } },
        HandleRef: { Value: { Ref: 'Handle' } },
        ProdOutput: { Condition: 'IsProd', Value: { Ref: 'ProdOnly' } },
      },
    };
    const { stackId, stack } = await createAndWait({
      StackName: 'intrinsics',
      TemplateBody: JSON.stringify(template),
      Parameters: [{ ParameterKey: 'Secret', ParameterValue: 'hunter2' }],
    });
    expect(stack.StackStatus, stack.StackStatusReason).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs).toEqual({
      Pseudo: '000000000000|us-east-1|intrinsics|aws|amazonaws.com',
      StackId: stackId,
      Literal: '${Literal}-b',
      Join: 'a+b+c',
      Split: 'z',
      Azs: 'us-east-1a,us-east-1b,us-east-1c,us-east-1d,us-east-1e,us-east-1f',
      Map: 'small',
      If: 'either',
      Base64: 'ZGV2',
      Cidr: '10.0.0.0/24 10.0.1.0/24',
      HandleRef: `${stackId}/Handle`,
    });
    expect(stack.Parameters?.find((p) => p.ParameterKey === 'Secret')?.ParameterValue).toBe('****');
    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'intrinsics' }));
    expect(resources.StackResourceSummaries?.map((r) => r.LogicalResourceId)).toEqual(['Handle']);
  });

  it('rejects bad requests synchronously with CloudFormation errors', async () => {
    const bucket = { Resources: { B: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } };
    await expect(cfn.send(new CreateStackCommand({ StackName: '1bad', TemplateBody: JSON.stringify(bucket) }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("Value '1bad' at 'stackName' failed to satisfy constraint"),
    });
    await createAndWait({ StackName: 'dup', TemplateBody: JSON.stringify(bucket) });
    await expect(cfn.send(new CreateStackCommand({ StackName: 'dup', TemplateBody: JSON.stringify(bucket) }))).rejects.toMatchObject({
      name: 'AlreadyExistsException',
      message: 'Stack [dup] already exists',
    });
    await expect(
      cfn.send(
        new CreateStackCommand({
          StackName: 'cycle',
          TemplateBody: 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: B\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref A\n',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError', message: 'Circular dependency between resources: [A, B]' });
    await expect(cfn.send(new CreateStackCommand({ StackName: 'noparams', TemplateBody: catalogTemplate }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Parameters: [DatabaseName] must have values',
    });
    await expect(cfn.send(new CreateStackCommand({ StackName: 'badyaml', TemplateBody: 'Resources: [' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('Template format error'),
    });
    await expect(cfn.send(new CreateStackCommand({ StackName: 'nobody' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Either Template URL or Template Body must be specified.',
    });
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'never-was' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id never-was does not exist',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('requires CAPABILITY_IAM for IAM resources and CAPABILITY_NAMED_IAM for named ones', async () => {
    const role = (name?: string) =>
      JSON.stringify({
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              ...(name ? { RoleName: name } : {}),
              AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            },
          },
        },
        Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
      });
    await expect(cfn.send(new CreateStackCommand({ StackName: 'iam1', TemplateBody: role() }))).rejects.toMatchObject({
      name: 'InsufficientCapabilitiesException',
      message: 'Requires capabilities : [CAPABILITY_IAM]',
    });
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'iam2', TemplateBody: role('named-role'), Capabilities: ['CAPABILITY_IAM'] })),
    ).rejects.toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_NAMED_IAM]' });
    const { stack } = await createAndWait({ StackName: 'iam3', TemplateBody: role(), Capabilities: ['CAPABILITY_IAM'] });
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Capabilities).toEqual(['CAPABILITY_IAM']);
    expect(stack.Outputs?.[0].OutputValue).toMatch(/^arn:aws:iam::000000000000:role\/iam3-Role-[A-Z0-9]{12}$/);
    const named = await createAndWait({ StackName: 'iam4', TemplateBody: role('named-role'), Capabilities: ['CAPABILITY_NAMED_IAM'] });
    expect(named.stack.Outputs?.[0].OutputValue).toBe('arn:aws:iam::000000000000:role/named-role');

    const validated = await cfn.send(new ValidateTemplateCommand({ TemplateBody: role() }));
    expect(validated.Capabilities).toEqual(['CAPABILITY_IAM']);
    expect(validated.CapabilitiesReason).toBe('The following resource(s) require capabilities: [AWS::IAM::Role]');
  });

  it('refuses a resource type CloudFormation does not know at once, as a template error', async () => {
    const template = JSON.stringify({ Resources: { Db: { Type: 'AWS::Glue::Database', Properties: { DatabaseInput: { Name: 'typodb' } } }, T: { Type: 'AWS::Glue::Tabel' }, U: { Type: 'AWS::Made::Up' } } });
    for (const call of [() => cfn.send(new ValidateTemplateCommand({ TemplateBody: template })), () => cfn.send(new CreateStackCommand({ StackName: 'typo', TemplateBody: template }))]) {
      await expect(call()).rejects.toMatchObject({ name: 'ValidationError', message: 'Template format error: Unrecognized resource types: [AWS::Glue::Tabel, AWS::Made::Up]' });
    }
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'typo' }))).rejects.toMatchObject({ name: 'ValidationError' });
    // A SAM template's types exist only after its transform: ValidateTemplate reads it as AWS does.
    const sam = JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler' } } } });
    expect((await cfn.send(new ValidateTemplateCommand({ TemplateBody: sam }))).DeclaredTransforms).toEqual(['AWS::Serverless-2016-10-31']);
  });

  it('rolls back in reverse order when a resource type is not supported', async () => {
    const template = `
Resources:
  Database:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput: { Name: rollbackdb }
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: rollback-bucket-test
  Broken:
    Type: AWS::SQS::Queue
    DependsOn: [Database, Bucket]
  Never:
    Type: AWS::S3::Bucket
    DependsOn: Broken
`;
    const { stack } = await createAndWait({ StackName: 'unsupported', TemplateBody: template });
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.StackStatusReason).toContain('The following resource(s) failed to create: [Broken].');
    expect(stack.StackStatusReason).toContain('Resource type AWS::SQS::Queue is not supported by local AWS');
    const events = await stackEvents(cfn, 'unsupported');
    expect(resourceTimeline(events)).toEqual([
      'Database CREATE_IN_PROGRESS',
      'Database CREATE_COMPLETE',
      'Bucket CREATE_IN_PROGRESS',
      'Bucket CREATE_COMPLETE',
      'Broken CREATE_IN_PROGRESS',
      'Broken CREATE_FAILED',
      'Broken DELETE_COMPLETE',
      'Bucket DELETE_IN_PROGRESS',
      'Bucket DELETE_COMPLETE',
      'Database DELETE_IN_PROGRESS',
      'Database DELETE_COMPLETE',
    ]);
    expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toBe('Resource type AWS::SQS::Queue is not supported by local AWS');
    expect(events.map((e) => (e.ResourceType === 'AWS::CloudFormation::Stack' ? e.ResourceStatus : undefined)).filter(Boolean)).toEqual([
      'CREATE_IN_PROGRESS',
      'ROLLBACK_IN_PROGRESS',
      'ROLLBACK_COMPLETE',
    ]);
    await expect(glue.send(new GetDatabaseCommand({ Name: 'rollbackdb' }))).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'rollback-bucket-test' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('reports the service error of a failed resource, and keeps resources with OnFailure=DO_NOTHING', async () => {
    const template = JSON.stringify({
      Resources: {
        Database: { Type: 'AWS::Glue::Database', Properties: { DatabaseInput: { Name: 'keptdb' } } },
        Table: { Type: 'AWS::Glue::Table', DependsOn: 'Database', Properties: { DatabaseName: 'missingdb', TableInput: { Name: 't' } } },
      },
    });
    const { stack } = await createAndWait({ StackName: 'donothing', TemplateBody: template, OnFailure: 'DO_NOTHING' });
    expect(stack.StackStatus).toBe('CREATE_FAILED');
    expect(stack.StackStatusReason).toContain('Database missingdb not found. (Service: AWSGlue; Status Code: 400; Error Code: EntityNotFoundException');
    await expect(glue.send(new GetDatabaseCommand({ Name: 'keptdb' }))).resolves.toBeDefined();

    const retained = JSON.stringify({
      Resources: { Database: { Type: 'AWS::Glue::Database', DeletionPolicy: 'Retain', Properties: { DatabaseInput: { Name: 'retaineddb' } } } },
    });
    const { stackId } = await createAndWait({ StackName: 'retain', TemplateBody: retained });
    await cfn.send(new DeleteStackCommand({ StackName: 'retain' }));
    await waitForStack(cfn, stackId);
    expect(resourceTimeline(await stackEvents(cfn, stackId)).at(-1)).toBe('Database DELETE_SKIPPED');
    await expect(glue.send(new GetDatabaseCommand({ Name: 'retaineddb' }))).resolves.toBeDefined();
  });

  it('reads TemplateURL in every S3 URL form from local S3', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
    const key = 'VPCFlowLogsIntegrationTemplate_fl-1234_Wed Jul 21 00:57:56 UTC 2021.yml';
    await s3.send(
      new PutObjectCommand({ Bucket: 'templates', Key: key, Body: 'Resources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n' }),
    );
    const encoded = encodeURIComponent(key);
    const port = localAws.port;
    const urls = [
      `https://templates.s3.amazonaws.com/${encoded}`,
      `https://templates.s3.us-east-2.amazonaws.com/${encoded}`,
      `https://templates.s3-us-east-2.amazonaws.com/${encoded}`,
      `https://s3.us-east-2.amazonaws.com/templates/${encoded}`,
      `https://s3.amazonaws.com/templates/${encoded}`,
      `http://127.0.0.1:${port}/templates/${encoded}`,
      `http://localhost:${port}/templates/${encoded}`,
    ];
    for (const [i, url] of urls.entries()) {
      const { stack } = await createAndWait({ StackName: `from-url-${i}`, TemplateURL: url });
      expect(stack.StackStatus, url).toBe('CREATE_COMPLETE');
    }
    const summary = await cfn.send(new GetTemplateSummaryCommand({ TemplateURL: urls[0] }));
    expect(summary.ResourceTypes).toEqual(['AWS::CloudFormation::WaitConditionHandle']);
    await expect(cfn.send(new CreateStackCommand({ StackName: 'bad-url', TemplateURL: `s3://templates/${encoded}` }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'TemplateURL must be a supported URL.',
    });
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'missing-url', TemplateURL: 'https://templates.s3.amazonaws.com/nope.yml' })),
    ).rejects.toMatchObject({ name: 'ValidationError', message: 'S3 error: The specified key does not exist.' });
  });
});
