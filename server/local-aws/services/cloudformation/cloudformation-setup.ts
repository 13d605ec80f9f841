import type { HttpResponse } from '../../protocols/service-definition';
import type { RawRequest } from '../../request-context';
import type { Db, Migration } from '../../store/database';
import type { ObjectFiles } from '../../store/object-files';
import { eventsMigrations, EventsStore } from '../events/events-store';
import { RuleScheduler } from '../events/rule-scheduler';
import type { GlueStore } from '../glue/glue-store';
import { iamMigrations, IamStore } from '../iam/iam-store';
import type { LambdaRuntime } from '../lambda/lambda-runtime';
import type { LambdaStore } from '../lambda/lambda-store';
import type { S3Store } from '../s3/s3-store';
import { createCloudFormationService } from './cloudformation-service';
import { athenaProviders, type AthenaCatalog } from './providers/athena-providers';
import { CustomResourceGateway } from './providers/custom-resources';
import { glueProviders } from './providers/glue-providers';
import { iamProviders } from './providers/iam-providers';
import { lambdaProviders } from './providers/lambda-providers';
import { miscProviders } from './providers/misc-providers';
import { StackEngine } from './stack-engine';
import { cloudFormationMigrations, StackStore } from './stack-store';

/** Schema of CloudFormation and of the services only it writes to (IAM, EventBridge rules). */
export const cloudFormationSetupMigrations: Migration[] = [...cloudFormationMigrations, ...iamMigrations, ...eventsMigrations];

export interface CloudFormationSetupOptions {
  db: Db;
  files: ObjectFiles;
  s3: S3Store;
  glue: GlueStore;
  lambda: LambdaStore;
  lambdaRuntime: LambdaRuntime;
  /** Athena's workgroup/named-query catalog (services/athena), when Athena is wired in. */
  athena: () => AthenaCatalog | undefined;
  accountId: string;
  endpoint: () => string;
  log?: (line: string) => void;
  env?: Record<string, string | undefined>;
}

/**
 * CloudFormation with every resource provider, the custom-resource response route and the
 * schedule runner for AWS::Events::Rule. `start()` runs once local AWS listens: it finishes stacks
 * a previous run left in progress and starts the schedules.
 */
export function setupCloudFormation(options: CloudFormationSetupOptions) {
  const env = options.env ?? process.env;
  const store = new StackStore(options.db);
  const iam = new IamStore(options.db, options.accountId);
  const events = new EventsStore(options.db, options.accountId);
  const intervalOverride = Number(env.LOCAL_AWS_SCHEDULE_INTERVAL_MS ?? '');
  const scheduler = new RuleScheduler(events, {
    accountId: options.accountId,
    intervalOverrideMs: Number.isFinite(intervalOverride) && intervalOverride > 0 ? intervalOverride : undefined,
    invokeLambda: (region, arn, event) => options.lambdaRuntime.invokeAsync(region, arn, event).done,
    log: options.log,
  });
  const timeout = Number(env.LOCAL_AWS_CUSTOM_RESOURCE_TIMEOUT_SECONDS ?? '');
  const customResources = new CustomResourceGateway({
    runtime: options.lambdaRuntime,
    endpoint: options.endpoint,
    timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 300,
  });
  const engine = new StackEngine(store, {
    accountId: options.accountId,
    log: options.log,
    providers: {
      ...glueProviders(options.glue),
      ...athenaProviders(options.athena),
      ...iamProviders(iam),
      ...lambdaProviders(options.lambda, options.s3, options.files),
      ...miscProviders({ s3: options.s3, events, scheduler }),
      'AWS::CloudFormation::CustomResource': customResources.provider(),
    },
  });
  const service = createCloudFormationService({ store, engine, s3: options.s3, accountId: options.accountId });
  return {
    service,
    store,
    engine,
    iam,
    events,
    adminRoutes: {
      'cfn-response/*': (request: RawRequest): Promise<HttpResponse> => customResources.handleResponse(request),
    },
    start() {
      engine.recover();
      scheduler.start();
    },
    close() {
      scheduler.stop();
      engine.close();
    },
  };
}
