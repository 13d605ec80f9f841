import { describe, expect, it } from 'vitest';
import { FLOW_LOG_FIELDS } from '../flow-logs';
import { PREDEFINED_QUERIES } from './predefined-queries';
import { parseTemplateYaml, renderTemplateYaml } from './render-yaml';
import { PARTITION_LOADER_RUNTIME, buildIntegrationTemplate, planIntegrations, type CloudFormationTemplate } from './template';
import {
  APRIL_15,
  APRIL_20,
  EVERY_FIELD_FORMAT,
  FLOW_LOG_ID,
  NAT_FORMAT,
  RESULTS_ARN,
  V5_FORMAT,
  flowLog,
  integration,
} from './test-fixtures';

const DEFAULT_SIX = [
  'VpcFlowLogsAdminPortTraffic',
  'VpcFlowLogsRejectedTraffic',
  'VpcFlowLogsSshRdpTraffic',
  'VpcFlowLogsTopTalkers',
  'VpcFlowLogsTotalBytesTransferred',
  'VpcFlowLogsTrafficFrmSrcAddr',
];

function ofType(template: CloudFormationTemplate, type: string) {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests walk the template's untyped property trees
    .map(([logicalId, resource]) => ({ logicalId, ...resource, Properties: resource.Properties as Record<string, any> }));
}

function typeCounts(template: CloudFormationTemplate): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of Object.values(template.Resources)) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  return counts;
}

const table = (template: CloudFormationTemplate, index = 0) => ofType(template, 'AWS::Glue::Table')[index].Properties.TableInput;
const queryNames = (template: CloudFormationTemplate) => ofType(template, 'AWS::Athena::NamedQuery').map((q) => q.Properties.Name).sort();

describe('the default-format template (daily, with dates)', () => {
  const template = buildIntegrationTemplate({
    flowLog: flowLog(),
    integrations: [integration({ partitionStartDate: APRIL_15, partitionEndDate: APRIL_15 })],
  });

  it('has one of each resource, six saved queries and no schedule', () => {
    expect(typeCounts(template)).toEqual({
      'AWS::Glue::Database': 1,
      'AWS::Glue::Table': 1,
      'AWS::Athena::WorkGroup': 1,
      'AWS::Athena::NamedQuery': 6,
      'AWS::IAM::Role': 1,
      'AWS::Lambda::Function': 1,
      'Custom::VPCFlowLogsAthenaStartInitializer': 1,
    });
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  it('names the database, table and workgroup as AWS does', () => {
    const [database] = ofType(template, 'AWS::Glue::Database');
    expect(database.logicalId).toBe('VpcFlowLogsAthenaDatabase');
    expect(database.Properties.DatabaseInput.Name).toBe('vpcflowlogsathenadatabasefl0af0b31dcb7649c1d');
    const [glueTable] = ofType(template, 'AWS::Glue::Table');
    expect(glueTable.logicalId).toBe('fl0af0b31dcb7649c1ddaily2021041520210415');
    expect(glueTable.Properties.TableInput.Name).toBe('fl0af0b31dcb7649c1ddaily2021041520210415');
    expect(glueTable.Properties.DatabaseName).toEqual({ Ref: 'VpcFlowLogsAthenaDatabase' });
    const [workGroup] = ofType(template, 'AWS::Athena::WorkGroup');
    expect(workGroup.logicalId).toBe('fl0af0b31dcb7649c1ddaily2021041520210415WorkGroup');
    expect(workGroup.Properties).toMatchObject({
      Name: 'fl0af0b31dcb7649c1ddaily2021041520210415WorkGroup',
      Description: 'This workgroup has the queries related to vpc flow logs.',
      State: 'ENABLED',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: { OutputLocation: 's3://my-flow-logs-analysis/athena-query-results/' },
      },
    });
  });

  it('maps the fourteen version 2 fields to typed columns, in order', () => {
    expect(table(template).StorageDescriptor.Columns).toEqual([
      { Name: 'version', Type: 'int' },
      { Name: 'account_id', Type: 'string' },
      { Name: 'interface_id', Type: 'string' },
      { Name: 'srcaddr', Type: 'string' },
      { Name: 'dstaddr', Type: 'string' },
      { Name: 'srcport', Type: 'int' },
      { Name: 'dstport', Type: 'int' },
      { Name: 'protocol', Type: 'bigint' },
      { Name: 'packets', Type: 'bigint' },
      { Name: 'bytes', Type: 'bigint' },
      { Name: 'start', Type: 'bigint' },
      { Name: 'end', Type: 'bigint' },
      { Name: 'action', Type: 'string' },
      { Name: 'log_status', Type: 'string' },
    ]);
  });

  it('reads gzip text files, space-delimited, skipping the header line, by day', () => {
    const input = table(template);
    expect(input.TableType).toBe('EXTERNAL_TABLE');
    expect(input.Parameters).toMatchObject({ EXTERNAL: 'true', 'skip.header.line.count': '1', compressionType: 'gzip' });
    expect(input.StorageDescriptor).toMatchObject({
      Location: 's3://my-flow-logs/AWSLogs/000000000000/vpcflowlogs/us-east-1/',
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
        Parameters: { 'field.delim': ' ', 'serialization.format': ' ' },
      },
    });
    expect(input.PartitionKeys).toEqual([
      { Name: 'year', Type: 'string' },
      { Name: 'month', Type: 'string' },
      { Name: 'day', Type: 'string' },
    ]);
  });

  it('has exactly the six saved queries of the default format, in the workgroup and database', () => {
    expect(queryNames(template)).toEqual(DEFAULT_SIX);
    for (const query of ofType(template, 'AWS::Athena::NamedQuery')) {
      expect(query.logicalId).toBe(`${query.Properties.Name}fl0af0b31dcb7649c1ddaily2021041520210415`);
      expect(query.Properties.WorkGroup).toEqual({ Ref: 'fl0af0b31dcb7649c1ddaily2021041520210415WorkGroup' });
      expect(query.Properties.Database).toEqual({ Ref: 'VpcFlowLogsAthenaDatabase' });
      expect(query.Properties.QueryString).toMatch(/\bfrom fl0af0b31dcb7649c1ddaily2021041520210415\b/i);
    }
  });

  it('runs the partition loader once, after the table exists, over the date range', () => {
    const [fn] = ofType(template, 'AWS::Lambda::Function');
    expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Runtime: PARTITION_LOADER_RUNTIME, Timeout: 300 });
    expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': ['VPCFlowLogsAthenaIntegrationLambdaExecutorRole', 'Arn'] });
    expect(fn.Properties.Code.ZipFile).toContain("require('@aws-sdk/client-glue')");
    const [initializer] = ofType(template, 'Custom::VPCFlowLogsAthenaStartInitializer');
    expect(initializer.logicalId).toBe('VPCFlowLogsAthenaStartInitializer');
    expect(initializer.DependsOn).toEqual(['fl0af0b31dcb7649c1ddaily2021041520210415']);
    expect(initializer.Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': ['VPCFlowLogsAthenaIntegrationLambda', 'Arn'] },
      dbName: { Ref: 'VpcFlowLogsAthenaDatabase' },
      account_id: '000000000000',
      service: 'vpcflowlogs',
      region: 'us-east-1',
      athenaIntegrations: [
        {
          partitionTableName: 'fl0af0b31dcb7649c1ddaily2021041520210415',
          partitionLoadFrequency: 'daily',
          partitionStartDate: '2021-04-15T00:00:00.000Z',
          partitionEndDate: '2021-04-15T00:00:00.000Z',
        },
      ],
    });
  });

  it('lets the role read tables and create partitions in the database only, without a role name', () => {
    const [role] = ofType(template, 'AWS::IAM::Role');
    expect(role.Properties.RoleName).toBeUndefined();
    const statement = role.Properties.Policies[0].PolicyDocument.Statement[0];
    expect(statement.Action).toEqual(expect.arrayContaining(['glue:GetTable', 'glue:BatchCreatePartition']));
    expect(JSON.stringify(statement.Resource)).toContain(':table/${VpcFlowLogsAthenaDatabase}/*');
  });
});

describe('log formats', () => {
  it('a v5 custom format gives its 29 columns in its own order, and every saved query it has fields for', () => {
    const template = buildIntegrationTemplate({ flowLog: flowLog({ logFormat: V5_FORMAT }), integrations: [integration()] });
    const columns = table(template).StorageDescriptor.Columns;
    expect(columns).toHaveLength(29);
    expect(columns.slice(0, 9).map((c: { Name: string }) => c.Name)).toEqual([
      'version', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'start', 'end', 'type',
    ]);
    expect(columns.find((c: { Name: string }) => c.Name === 'pkt_src_aws_service')).toEqual({ Name: 'pkt_src_aws_service', Type: 'string' });
    expect(columns.find((c: { Name: string }) => c.Name === 'traffic_path')).toEqual({ Name: 'traffic_path', Type: 'int' });
    expect(columns.find((c: { Name: string }) => c.Name === 'tcp_flags')).toEqual({ Name: 'tcp_flags', Type: 'int' });
    expect(queryNames(template)).toHaveLength(16);
  });

  it('every field gives forty columns and all sixteen saved queries', () => {
    const template = buildIntegrationTemplate({ flowLog: flowLog({ logFormat: EVERY_FIELD_FORMAT }), integrations: [integration()] });
    expect(table(template).StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(
      FLOW_LOG_FIELDS.map((field) => field.name.replace(/-/g, '_')),
    );
    expect(queryNames(template)).toEqual(PREDEFINED_QUERIES.map((q) => q.name).sort());
  });

  it('a format without bytes gets only the queries it can answer', () => {
    const template = buildIntegrationTemplate({ flowLog: flowLog({ logFormat: NAT_FORMAT }), integrations: [integration()] });
    expect(queryNames(template)).toEqual([]);
    expect(typeCounts(template)['AWS::Athena::NamedQuery']).toBeUndefined();
  });

  it('names a repeated field _2 so the table has no duplicate column', () => {
    const template = buildIntegrationTemplate({ flowLog: flowLog({ logFormat: '${srcaddr} ${dstaddr} ${srcaddr}' }), integrations: [integration()] });
    expect(table(template).StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(['srcaddr', 'dstaddr', 'srcaddr_2']);
  });
});

describe('destination options', () => {
  it('Parquet + Hive-compatible + per-hour: Parquet SerDe, Hive keys down to the hour, location at AWSLogs/', () => {
    const template = buildIntegrationTemplate({
      flowLog: flowLog({
        logDestination: 'arn:aws:s3:::my-flow-logs/some/folder/',
        destinationOptions: { fileFormat: 'parquet', hiveCompatiblePartitions: true, perHourPartition: true },
      }),
      integrations: [integration()],
    });
    const input = table(template);
    expect(input.Parameters).toEqual({ EXTERNAL: 'true' });
    expect(input.StorageDescriptor).toMatchObject({
      Location: 's3://my-flow-logs/some/folder/AWSLogs/',
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    });
    expect(input.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual([
      'aws-account-id', 'aws-service', 'aws-region', 'year', 'month', 'day', 'hour',
    ]);
    expect(input.PartitionKeys.every((k: { Type: string }) => k.Type === 'string')).toBe(true);
  });

  it('per-hour plain layout keeps the account and Region in the location and adds an hour key', () => {
    const template = buildIntegrationTemplate({
      flowLog: flowLog({ region: 'eu-west-1', destinationOptions: { perHourPartition: true } }),
      integrations: [integration()],
    });
    expect(table(template).StorageDescriptor.Location).toBe('s3://my-flow-logs/AWSLogs/000000000000/vpcflowlogs/eu-west-1/');
    expect(table(template).PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual(['year', 'month', 'day', 'hour']);
  });

  it('monthly loading partitions by month, whatever the layout', () => {
    const plain = buildIntegrationTemplate({ flowLog: flowLog({ destinationOptions: { perHourPartition: true } }), integrations: [integration({ partitionLoadFrequency: 'monthly' })] });
    expect(table(plain).PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual(['year', 'month']);
    const hive = buildIntegrationTemplate({ flowLog: flowLog({ destinationOptions: { hiveCompatiblePartitions: true } }), integrations: [integration({ partitionLoadFrequency: 'monthly' })] });
    expect(table(hive).PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual(['aws-account-id', 'aws-service', 'aws-region', 'year', 'month']);
  });
});

describe('partition load frequency and dates', () => {
  it('none with dates: a table named with both dates, loaded once, no schedule', () => {
    const template = buildIntegrationTemplate({
      flowLog: flowLog(),
      integrations: [integration({ partitionLoadFrequency: 'none', partitionStartDate: APRIL_15, partitionEndDate: APRIL_20 })],
    });
    expect(ofType(template, 'AWS::Glue::Table')[0].logicalId).toBe('fl0af0b31dcb7649c1dnone2021041520210420');
    expect(ofType(template, 'AWS::Events::Rule')).toEqual([]);
    expect(ofType(template, 'AWS::Lambda::Permission')).toEqual([]);
    expect(ofType(template, 'Custom::VPCFlowLogsAthenaStartInitializer')).toHaveLength(1);
  });

  it.each([
    ['daily', 'cron(0 0 * * ? *)', 'VPCFlowLogsAthenaDailyPartitionSchedule'],
    ['weekly', 'cron(0 0 ? * SUN *)', 'VPCFlowLogsAthenaWeeklyPartitionSchedule'],
    ['monthly', 'cron(0 0 1 * ? *)', 'VPCFlowLogsAthenaMonthlyPartitionSchedule'],
  ] as const)('%s without dates: a schedule (%s) that may invoke the function', (frequency, cron, ruleId) => {
    const template = buildIntegrationTemplate({ flowLog: flowLog(), integrations: [integration({ partitionLoadFrequency: frequency })] });
    expect(ofType(template, 'AWS::Glue::Table')[0].logicalId).toBe(`fl0af0b31dcb7649c1d${frequency}`);
    const [rule] = ofType(template, 'AWS::Events::Rule');
    expect(rule.logicalId).toBe(ruleId);
    expect(rule.Properties.ScheduleExpression).toBe(cron);
    expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': ['VPCFlowLogsAthenaIntegrationLambda', 'Arn'] });
    expect(JSON.parse(rule.Properties.Targets[0].Input)).toEqual({
      dbName: 'vpcflowlogsathenadatabasefl0af0b31dcb7649c1d',
      account_id: '000000000000',
      service: 'vpcflowlogs',
      region: 'us-east-1',
      athenaIntegrations: [{ partitionTableName: `fl0af0b31dcb7649c1d${frequency}`, partitionLoadFrequency: frequency }],
    });
    const [permission] = ofType(template, 'AWS::Lambda::Permission');
    expect(permission.Properties).toEqual({
      FunctionName: { Ref: 'VPCFlowLogsAthenaIntegrationLambda' },
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
    // The initializer still loads the current period at once.
    expect(ofType(template, 'Custom::VPCFlowLogsAthenaStartInitializer')[0].Properties.athenaIntegrations).toEqual([
      { partitionTableName: `fl0af0b31dcb7649c1d${frequency}`, partitionLoadFrequency: frequency },
    ]);
  });

  it.each(['daily', 'weekly', 'monthly'] as const)('%s with both dates: the range only, no schedule', (frequency) => {
    const template = buildIntegrationTemplate({
      flowLog: flowLog(),
      integrations: [integration({ partitionLoadFrequency: frequency, partitionStartDate: APRIL_15, partitionEndDate: APRIL_20 })],
    });
    expect(ofType(template, 'AWS::Glue::Table')[0].logicalId).toBe(`fl0af0b31dcb7649c1d${frequency}2021041520210420`);
    expect(ofType(template, 'AWS::Events::Rule')).toEqual([]);
  });

  it('a start date without an end date loads from the start and keeps loading on the schedule', () => {
    const template = buildIntegrationTemplate({
      flowLog: flowLog(),
      integrations: [integration({ partitionLoadFrequency: 'daily', partitionStartDate: APRIL_15 })],
    });
    expect(ofType(template, 'AWS::Glue::Table')[0].logicalId).toBe('fl0af0b31dcb7649c1ddaily20210415');
    expect(ofType(template, 'AWS::Events::Rule')).toHaveLength(1);
  });
});

describe('several integrations', () => {
  const integrations = [
    integration({ partitionLoadFrequency: 'none', partitionStartDate: APRIL_15, partitionEndDate: APRIL_20 }),
    integration({ partitionLoadFrequency: 'daily', integrationResultS3DestinationArn: 'arn:aws:s3:::other-results' }),
    integration({ partitionLoadFrequency: 'weekly' }),
    integration({ partitionLoadFrequency: 'daily', partitionStartDate: APRIL_15 }),
  ];
  const template = buildIntegrationTemplate({ flowLog: flowLog(), integrations });

  it('share the database, role and function; each has its table, workgroup and saved queries', () => {
    expect(typeCounts(template)).toEqual({
      'AWS::Glue::Database': 1,
      'AWS::Glue::Table': 4,
      'AWS::Athena::WorkGroup': 4,
      'AWS::Athena::NamedQuery': 24,
      'AWS::IAM::Role': 1,
      'AWS::Lambda::Function': 1,
      'Custom::VPCFlowLogsAthenaStartInitializer': 1,
      'AWS::Events::Rule': 2,
      'AWS::Lambda::Permission': 2,
    });
    expect(ofType(template, 'AWS::Athena::WorkGroup').map((w) => w.Properties.WorkGroupConfiguration.ResultConfiguration.OutputLocation)).toEqual([
      's3://my-flow-logs-analysis/athena-query-results/',
      's3://other-results/',
      's3://my-flow-logs-analysis/athena-query-results/',
      's3://my-flow-logs-analysis/athena-query-results/',
    ]);
    const initializer = ofType(template, 'Custom::VPCFlowLogsAthenaStartInitializer')[0];
    expect(initializer.DependsOn).toHaveLength(4);
    expect(initializer.Properties.athenaIntegrations).toHaveLength(4);
  });

  it('one schedule per frequency, covering that frequency’s undated integrations', () => {
    const daily = ofType(template, 'AWS::Events::Rule').find((r) => r.logicalId === 'VPCFlowLogsAthenaDailyPartitionSchedule')!;
    expect(JSON.parse(daily.Properties.Targets[0].Input).athenaIntegrations.map((i: { partitionTableName: string }) => i.partitionTableName)).toEqual([
      'fl0af0b31dcb7649c1ddaily',
      'fl0af0b31dcb7649c1ddaily20210415',
    ]);
  });

  it('refuses integrations that would share a table', () => {
    expect(() => buildIntegrationTemplate({ flowLog: flowLog(), integrations: [integration(), integration({ integrationResultS3DestinationArn: 'arn:aws:s3:::x-y-z' })] })).toThrow(
      /share the table fl0af0b31dcb7649c1ddaily/,
    );
    expect(planIntegrations({ flowLog: flowLog(), integrations }).map((p) => p.scheduled)).toEqual([false, true, true, true]);
  });

  it('ten integrations stay within CloudFormation’s 500 resources and 1 MB for a template in S3', () => {
    const ten = Array.from({ length: 10 }, (_, i) =>
      integration({ partitionLoadFrequency: 'none', partitionStartDate: new Date(Date.UTC(2021, 0, i + 1)), partitionEndDate: APRIL_20 }),
    );
    const big = buildIntegrationTemplate({ flowLog: flowLog({ logFormat: EVERY_FIELD_FORMAT }), integrations: ten });
    expect(Object.keys(big.Resources).length).toBeLessThanOrEqual(500);
    expect(Buffer.byteLength(renderTemplateYaml(big))).toBeLessThan(1024 * 1024);
  });
});

describe('YAML', () => {
  const template = buildIntegrationTemplate({
    flowLog: flowLog({ logFormat: EVERY_FIELD_FORMAT }),
    integrations: [integration({ partitionLoadFrequency: 'weekly' }), integration({ partitionLoadFrequency: 'none', partitionStartDate: APRIL_15, partitionEndDate: APRIL_20 })],
  });
  const text = renderTemplateYaml(template);

  it('reads back to the same template, the version and account id staying strings', () => {
    expect(parseTemplateYaml(text)).toEqual(JSON.parse(JSON.stringify(template)));
    expect(text).toMatch(/^AWSTemplateFormatVersion: "2010-09-09"$/m);
    expect(text).toContain('account_id: "000000000000"');
    expect(text).toContain("EXTERNAL: \"true\"");
  });

  it('uses no short-form tags, writes SQL and code as literal blocks and leaves no trailing spaces', () => {
    expect(text).not.toMatch(/!(Ref|Sub|GetAtt)\b/);
    expect(text).toMatch(/QueryString: \|-\n {8}SELECT/);
    expect(text).toMatch(/ZipFile: \|\n {10}'use strict';/);
    expect(text).not.toMatch(/[ \t]$/m);
    expect(text).toContain('# creates a glue database for flow logs athena tables.');
  });

  it('mentions the flow log in its description and the results location in the workgroup', () => {
    expect(text).toContain(FLOW_LOG_ID);
    expect(text).toContain(`OutputLocation: s3://my-flow-logs-analysis/athena-query-results/`);
    expect(RESULTS_ARN).toContain('my-flow-logs-analysis');
  });
});
