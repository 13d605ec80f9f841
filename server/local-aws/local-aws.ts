import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { createEdgeServer } from './edge/http-server';
import { ColumnarCache } from './engine/columnar-cache/columnar-cache';
import { DEFAULT_COLUMNAR_CONFIG, type ColumnarConfig } from './engine/columnar-cache/columnar-config';
import { columnarCacheMigrations } from './engine/columnar-cache/columnar-migrations';
import { QueryEngine } from './engine/query-engine';
import { athenaMigrations } from './services/athena/athena-migrations';
import { createAthenaService } from './services/athena/athena-service';
import { AthenaStore } from './services/athena/athena-store';
import { QueryRunner } from './services/athena/query-runner';
import { cloudFormationSetupMigrations, setupCloudFormation } from './services/cloudformation/cloudformation-setup';
import { ec2Migrations } from './services/ec2/ec2-migrations';
import { vpcAndFlowLogOperations } from './services/ec2/ec2-operations';
import { createEc2Service } from './services/ec2/ec2-service';
import { Ec2Store } from './services/ec2/ec2-store';
import { getFlowLogsIntegrationTemplate } from './services/ec2/get-flow-logs-integration-template';
import { glueMigrations } from './services/glue/glue-migrations';
import { createGlueService } from './services/glue/glue-service';
import { GlueStore } from './services/glue/glue-store';
import { lambdaCodeRoute } from './services/lambda/lambda-code-route';
import { LambdaRuntime } from './services/lambda/lambda-runtime';
import { createLambdaService } from './services/lambda/lambda-service';
import { lambdaMigrations, LambdaStore } from './services/lambda/lambda-store';
import { s3Migrations } from './services/s3/s3-migrations';
import { createS3Service } from './services/s3/s3-service';
import { S3Store } from './services/s3/s3-store';
import { ServiceRegistry } from './services/service-registry';
import { createStsService } from './services/sts/sts-service';
import { openDatabase, type Db, type Migration } from './store/database';
import { ObjectFiles } from './store/object-files';
import { FlowLogDelivery } from './traffic/flow-log-delivery';
import { DEFAULT_TRAFFIC_CONFIG, type TrafficConfig } from './traffic/traffic-config';

export interface LocalAwsOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  accountId?: string;
  defaultRegion?: string;
  maxObjectBytes?: number;
  /** Flow-log delivery: backfill hours and records per window. */
  flowLogs?: TrafficConfig;
  /** Athena: queries run at once, DuckDB memory limit and threads per query. */
  athena?: { concurrency?: number; duckdbMemoryLimit?: string; duckdbThreads?: number };
  /** Columnar acceleration of text tables (on by default). */
  columnar?: ColumnarConfig;
  log?: (line: string) => void;
}

export interface LocalAws {
  url: string;
  port: number;
  db: Db;
  s3: S3Store;
  ec2: Ec2Store;
  flowLogDelivery: FlowLogDelivery;
  /** True when this start created the data dir's database (a new data dir: seed demo data). */
  freshDataDir: boolean;
  glue: GlueStore;
  athena: AthenaStore;
  columnarCache: ColumnarCache;
  lambda: LambdaStore;
  lambdaRuntime: LambdaRuntime;
  cloudFormation: ReturnType<typeof setupCloudFormation>;
  close(): Promise<void>;
}

const MIGRATIONS: Migration[] = [...s3Migrations, ...glueMigrations, ...lambdaMigrations, ...cloudFormationSetupMigrations, ...ec2Migrations, ...athenaMigrations, ...columnarCacheMigrations];

/** Starts the embedded AWS-compatible endpoint: one HTTP server, every service behind it. */
export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const dataDir = path.resolve(options.dataDir);
  const freshDataDir = !fs.existsSync(path.join(dataDir, 'local-aws.sqlite'));
  const db = openDatabase(dataDir, MIGRATIONS);
  const files = new ObjectFiles(dataDir);
  const s3 = new S3Store(db, files);
  const ec2 = new Ec2Store(db, options.accountId ?? '000000000000');
  const trafficConfig = options.flowLogs ?? DEFAULT_TRAFFIC_CONFIG;
  const flowLogDelivery = new FlowLogDelivery(ec2, s3, { ...trafficConfig, tmpDir: path.join(dataDir, 'tmp'), log: options.log });
  const glue = new GlueStore(db, options.accountId ?? '000000000000');
  const athena = new AthenaStore(db, options.accountId ?? '000000000000');
  const columnarCache = new ColumnarCache(db, s3, glue, { dataDir, config: options.columnar ?? DEFAULT_COLUMNAR_CONFIG, log: options.log });
  const queryEngine = new QueryEngine(
    glue,
    s3,
    {
      memoryLimit: options.athena?.duckdbMemoryLimit ?? '512MB',
      threads: options.athena?.duckdbThreads ?? 2,
      tempRoot: path.join(dataDir, 'tmp', 'duckdb'),
    },
    columnarCache.enabled ? columnarCache : undefined,
  );
  const queryRunner = new QueryRunner(athena, queryEngine, s3, options.athena?.concurrency ?? 2, options.log);
  queryRunner.recover();
  const lambda = new LambdaStore(db, options.accountId ?? '000000000000');
  // Functions call back into local AWS; its URL is known once the server listens.
  let selfUrl = '';
  const lambdaRuntime = new LambdaRuntime(lambda, files, { dataDir, endpoint: () => selfUrl, log: options.log });
  const cloudFormation = setupCloudFormation({
    db,
    files,
    s3,
    glue,
    lambda,
    lambdaRuntime,
    athena: () => athena,
    accountId: options.accountId ?? '000000000000',
    endpoint: () => selfUrl,
    log: options.log,
  });
  const registry = new ServiceRegistry([
    createS3Service(s3, { maxObjectBytes: options.maxObjectBytes ?? 5 * 1024 ** 3 }),
    createStsService(),
    createEc2Service({
      ...vpcAndFlowLogOperations(ec2, s3, {
        backfillSeconds: () => trafficConfig.backfillHours * 3600,
        changed: () => flowLogDelivery.kick(),
      }),
      GetFlowLogsIntegrationTemplate: getFlowLogsIntegrationTemplate({ flowLogs: ec2, s3 }),
    }),
    createGlueService(glue),
    createAthenaService({ store: athena, runner: queryRunner, engine: queryEngine, glue, s3 }),
    createLambdaService({ store: lambda, runtime: lambdaRuntime, files, s3 }),
    cloudFormation.service,
  ]);

  const server = createEdgeServer({
    registry,
    accountId: options.accountId ?? '000000000000',
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    log: options.log,
    adminRoutes: {
      health: () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'ok', services: registry.services.map((s) => s.signingName) }),
      }),
      // Delivery progress (pending windows, totals): tests poll it instead of sleeping.
      'flow-log-delivery': () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(flowLogDelivery.status()),
      }),
      // Columnar acceleration progress: the benchmark and tests wait for it instead of sleeping.
      'columnar-cache': () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(columnarCache.status()),
      }),
      'lambda-code/*': (request) => lambdaCodeRoute(lambda, files, request),
      ...cloudFormation.adminRoutes,
    },
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  selfUrl = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  cloudFormation.start();
  flowLogDelivery.start();
  columnarCache.start();

  return {
    url: `http://${host}:${port}`,
    port,
    db,
    s3,
    glue,
    athena,
    columnarCache,
    lambda,
    lambdaRuntime,
    cloudFormation,
    ec2,
    flowLogDelivery,
    freshDataDir,
    async close() {
      cloudFormation.close();
      lambdaRuntime.close();
      server.closeIdleConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await flowLogDelivery.stop();
      queryRunner.stopAll();
      await queryRunner.whenIdle();
      await columnarCache.close();
      queryEngine.close();
      db.close();
    },
  };
}
