import { logFormatFields } from '../flow-logs';
import { glueTableInput } from './glue-table';
import type { AthenaIntegration, IntegrationFlowLog } from './integration-input';
import {
  DATABASE_LOGICAL_ID,
  LAMBDA_LOGICAL_ID,
  LAMBDA_POLICY_NAME,
  LAMBDA_ROLE_LOGICAL_ID,
  START_INITIALIZER_LOGICAL_ID,
  START_INITIALIZER_TYPE,
  glueDatabaseName,
  integrationTableName,
  namedQueryLogicalId,
  scheduleLogicalId,
  workGroupName,
} from './naming';
import { PARTITION_LOADER_SOURCE } from './partition-loader-source';
import { predefinedQueriesForFields, type PredefinedQuery } from './predefined-queries';
import { parseS3Arn, s3FolderUri } from './s3-locations';

/**
 * The CloudFormation template of GetFlowLogsIntegrationTemplate (team reference §2): one Glue database,
 * and per Athena integration a table, a workgroup and its saved queries; one partition-loading Lambda
 * with its role, run once by a custom resource and, for integrations without an end date, on a
 * schedule. Resource names follow AWS's (see naming.ts); the rest is reconstructed and says so there.
 */

export interface CfnResource {
  Type: string;
  DependsOn?: string[];
  Properties: Record<string, unknown>;
}

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Resources: Record<string, CfnResource>;
}

export interface IntegrationTemplateInput {
  flowLog: IntegrationFlowLog;
  /** 1–10 entries, validated by the caller (see planIntegrations for the name clash check). */
  integrations: readonly AthenaIntegration[];
}

/** The runtime of the partition loader. nodejs20.x can no longer be created or updated on AWS (blocked from 2026-06/07). */
export const PARTITION_LOADER_RUNTIME = 'nodejs24.x';

export type ScheduledFrequency = 'daily' | 'weekly' | 'monthly';

/** When the EventBridge rule of each frequency fires (UTC): the start of each day, week (Sunday) or month. */
export const SCHEDULE_EXPRESSIONS: Record<ScheduledFrequency, string> = {
  daily: 'cron(0 0 * * ? *)',
  weekly: 'cron(0 0 ? * SUN *)',
  monthly: 'cron(0 0 1 * ? *)',
};

export interface IntegrationPlan {
  integration: AthenaIntegration;
  tableName: string;
  workGroupName: string;
  queries: PredefinedQuery[];
  /** A frequency and no end date: the table keeps getting partitions on a schedule. */
  scheduled: boolean;
}

/** What each integration becomes, without building the template. */
export function planIntegrations(input: IntegrationTemplateInput): IntegrationPlan[] {
  const queries = predefinedQueriesForFields(logFormatFields(input.flowLog.logFormat));
  return input.integrations.map((integration) => {
    const tableName = integrationTableName(input.flowLog.flowLogId, integration);
    return {
      integration,
      tableName,
      workGroupName: workGroupName(tableName),
      queries,
      scheduled: integration.partitionLoadFrequency !== 'none' && !integration.partitionEndDate,
    };
  });
}

/** Table names that more than one integration would produce (same frequency and dates). */
export function clashingTableNames(plans: readonly IntegrationPlan[]): string[] {
  const counts = new Map<string, number>();
  for (const plan of plans) counts.set(plan.tableName, (counts.get(plan.tableName) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([name]) => name);
}

const ref = (logicalId: string) => ({ Ref: logicalId });
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const sub = (text: string) => ({ 'Fn::Sub': text });
const SERVICE = 'vpcflowlogs';

/** The loader's settings: the custom resource's properties and, without dates, the schedule's input. */
function loaderProperties(input: IntegrationTemplateInput, plans: readonly IntegrationPlan[], withDates: boolean) {
  return {
    dbName: glueDatabaseName(input.flowLog.flowLogId),
    account_id: input.flowLog.accountId,
    service: SERVICE,
    region: input.flowLog.region,
    athenaIntegrations: plans.map((plan) => ({
      partitionTableName: plan.tableName,
      partitionLoadFrequency: plan.integration.partitionLoadFrequency,
      ...(withDates && plan.integration.partitionStartDate ? { partitionStartDate: plan.integration.partitionStartDate.toISOString() } : {}),
      ...(withDates && plan.integration.partitionEndDate ? { partitionEndDate: plan.integration.partitionEndDate.toISOString() } : {}),
    })),
  };
}

export function buildIntegrationTemplate(input: IntegrationTemplateInput): CloudFormationTemplate {
  if (input.integrations.length === 0) throw new Error('An integration template needs at least one Athena integration.');
  const plans = planIntegrations(input);
  const clashes = clashingTableNames(plans);
  if (clashes.length > 0) throw new Error(`Athena integrations would share the table ${clashes.join(', ')}.`);
  const { flowLog } = input;
  const resources: Record<string, CfnResource> = {};

  resources[DATABASE_LOGICAL_ID] = {
    Type: 'AWS::Glue::Database',
    Properties: { DatabaseInput: { Name: glueDatabaseName(flowLog.flowLogId) }, CatalogId: ref('AWS::AccountId') },
  };

  for (const plan of plans) {
    resources[plan.tableName] = {
      Type: 'AWS::Glue::Table',
      Properties: {
        CatalogId: ref('AWS::AccountId'),
        DatabaseName: ref(DATABASE_LOGICAL_ID),
        TableInput: glueTableInput(flowLog, plan.integration.partitionLoadFrequency, plan.tableName),
      },
    };
    const results = parseS3Arn(plan.integration.integrationResultS3DestinationArn);
    if (!results.ok) throw new Error(results.message);
    resources[plan.workGroupName] = {
      Type: 'AWS::Athena::WorkGroup',
      Properties: {
        Name: plan.workGroupName,
        Description: 'This workgroup has the queries related to vpc flow logs.',
        State: 'ENABLED',
        Tags: [{ Key: 'service', Value: SERVICE }],
        WorkGroupConfiguration: {
          EnforceWorkGroupConfiguration: true,
          ResultConfiguration: { OutputLocation: s3FolderUri(results.value) },
        },
      },
    };
    for (const query of plan.queries) {
      resources[namedQueryLogicalId(query.name, plan.tableName)] = {
        Type: 'AWS::Athena::NamedQuery',
        Properties: {
          Name: query.name,
          Description: query.description,
          Database: ref(DATABASE_LOGICAL_ID),
          WorkGroup: ref(plan.workGroupName),
          QueryString: query.sql(plan.tableName),
        },
      };
    }
  }

  resources[LAMBDA_ROLE_LOGICAL_ID] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
      Policies: [
        {
          PolicyName: LAMBDA_POLICY_NAME,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions', 'glue:CreatePartition', 'glue:BatchCreatePartition'],
                Resource: [
                  sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog'),
                  sub(`arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:database/\${${DATABASE_LOGICAL_ID}}`),
                  sub(`arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:table/\${${DATABASE_LOGICAL_ID}}/*`),
                ],
              },
            ],
          },
        },
      ],
    },
  };

  resources[LAMBDA_LOGICAL_ID] = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Description: `Loads partitions into the VPC flow logs Athena tables of ${flowLog.flowLogId}.`,
      Handler: 'index.handler',
      Runtime: PARTITION_LOADER_RUNTIME,
      Role: arnOf(LAMBDA_ROLE_LOGICAL_ID),
      Timeout: 300,
      MemorySize: 256,
      Code: { ZipFile: PARTITION_LOADER_SOURCE },
    },
  };

  resources[START_INITIALIZER_LOGICAL_ID] = {
    Type: START_INITIALIZER_TYPE,
    // The function reads each table's partition keys, so the tables must exist first.
    DependsOn: plans.map((plan) => plan.tableName),
    Properties: { ServiceToken: arnOf(LAMBDA_LOGICAL_ID), ...loaderProperties(input, plans, true), dbName: ref(DATABASE_LOGICAL_ID) },
  };

  for (const frequency of ['daily', 'weekly', 'monthly'] as const) {
    const scheduled = plans.filter((plan) => plan.scheduled && plan.integration.partitionLoadFrequency === frequency);
    if (scheduled.length === 0) continue;
    const ruleId = scheduleLogicalId(frequency);
    resources[ruleId] = {
      Type: 'AWS::Events::Rule',
      // Without the tables the first run would fail; the initializer has loaded the current period by then.
      DependsOn: [START_INITIALIZER_LOGICAL_ID],
      Properties: {
        Description: `Adds the ${frequency} partitions of the VPC flow logs Athena tables of ${flowLog.flowLogId}.`,
        ScheduleExpression: SCHEDULE_EXPRESSIONS[frequency],
        State: 'ENABLED',
        Targets: [{ Id: 'VPCFlowLogsAthenaPartitionLoader', Arn: arnOf(LAMBDA_LOGICAL_ID), Input: JSON.stringify(loaderProperties(input, scheduled, false)) }],
      },
    };
    resources[`${ruleId}Permission`] = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: ref(LAMBDA_LOGICAL_ID),
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        SourceArn: arnOf(ruleId),
      },
    };
  }

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `VPC Flow Logs Athena integration for ${flowLog.flowLogId}: Glue database and tables, Athena workgroups and saved queries, and a Lambda function that loads partitions.`,
    Resources: resources,
  };
}
