import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTopology } from '../services/ec2/demo-topology';
import { ec2Migrations } from '../services/ec2/ec2-migrations';
import { Ec2Store, type FlowLogRecord } from '../services/ec2/ec2-store';
import { s3Migrations } from '../services/s3/s3-migrations';
import { S3Store } from '../services/s3/s3-store';
import { openDatabase, type Db } from '../store/database';
import { ObjectFiles } from '../store/object-files';
import { FlowLogDelivery, windowObjectKey } from './flow-log-delivery';

const ACCOUNT = '000000000000';
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function setUp() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-log-delivery-'));
  const db: Db = openDatabase(dataDir, [...s3Migrations, ...ec2Migrations]);
  const s3 = new S3Store(db, new ObjectFiles(dataDir));
  const store = new Ec2Store(db, ACCOUNT);
  s3.createBucket('logs', 'us-east-1');
  // A fixed clock 90 s into a window: the previous window is complete, the current one is not.
  let clock = Date.UTC(2025, 4, 1, 12, 0, 0) + 90_000;
  const delivery = new FlowLogDelivery(store, s3, { backfillHours: 1, recordsPerWindow: 10, tmpDir: path.join(dataDir, 'tmp'), now: () => clock });
  cleanup.push(async () => {
    await delivery.stop();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const flowLog: FlowLogRecord = {
    flowLogId: 'fl-0123456789abcdef0',
    region: 'us-east-1',
    accountId: ACCOUNT,
    resourceId: demoTopology(ACCOUNT, 'us-east-1').vpcs[0].vpcId,
    trafficType: 'ALL',
    logDestinationType: 's3',
    logDestination: 'arn:aws:s3:::logs/x/',
    logFormat: '${version} ${interface-id} ${start} ${end} ${log-status}',
    maxAggregationInterval: 600,
    destinationOptions: { fileFormat: 'plain-text', hiveCompatiblePartitions: false, perHourPartition: false },
    deliverLogsStatus: 'SUCCESS',
    creationTime: new Date(clock),
    deliverFrom: Math.floor(clock / 1000 / 300) * 300 - 3600,
  };
  store.insertFlowLogs([{ record: flowLog, tags: [] }]);
  const deliveredWindows = () =>
    db.prepare('SELECT window_start FROM ec2_flow_log_deliveries WHERE flow_log_id = ? ORDER BY window_start').pluck().all(flowLog.flowLogId) as number[];
  return { db, s3, store, delivery, flowLog, deliveredWindows, advance: (ms: number) => (clock += ms) };
}

describe('FlowLogDelivery', () => {
  it('backfills, then delivers each new window once it has ended', async () => {
    const { s3, delivery, flowLog, deliveredWindows, advance } = setUp();
    delivery.kick();
    await delivery.idle();
    const first = deliveredWindows();
    expect(first).toHaveLength(12);
    expect(first[0]).toBe(flowLog.deliverFrom);
    for (const start of first) expect(s3.getObject('logs', windowObjectKey(flowLog, start).key)).toBeDefined();

    delivery.kick();
    await delivery.idle();
    expect(deliveredWindows()).toEqual(first);

    advance(300_000);
    delivery.kick();
    await delivery.idle();
    expect(deliveredWindows()).toEqual([...first, first.at(-1)! + 300]);
    expect(delivery.status()).toMatchObject({ running: false, pendingWindows: 0, windows: 13 });
  });

  it('reports FAILED / Access error while the bucket is missing, and recovers when it is back', async () => {
    const { s3, store, delivery, flowLog, deliveredWindows } = setUp();
    expect(await s3.deleteBucket('logs')).toBe('deleted');
    delivery.kick();
    await delivery.idle();
    expect(store.getFlowLog(flowLog.flowLogId)).toMatchObject({ deliverLogsStatus: 'FAILED', deliverLogsErrorMessage: 'Access error' });
    expect(deliveredWindows()).toEqual([]);
    s3.createBucket('logs', 'us-east-1');
    delivery.kick();
    await delivery.idle();
    expect(store.getFlowLog(flowLog.flowLogId)?.deliverLogsStatus).toBe('SUCCESS');
    expect(deliveredWindows()).toHaveLength(12);
  });

  it('delivers nothing more for a deleted flow log', async () => {
    const { store, delivery, flowLog, deliveredWindows, db } = setUp();
    store.deleteFlowLog(flowLog.flowLogId);
    delivery.kick();
    await delivery.idle();
    expect(deliveredWindows()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM s3_objects').pluck().get()).toBe(0);
  });
});
