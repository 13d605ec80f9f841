import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_LOG_FIELDS, findFlowLogField } from '../flow-logs';
import { glueColumns, partitionKeys } from './glue-table';
import { PREDEFINED_QUERIES, missingPredefinedQueries, predefinedQueriesFor, predefinedQueriesForFields } from './predefined-queries';
import { EVERY_FIELD_FORMAT, NAT_FORMAT, V3_FORMAT } from './test-fixtures';

const names = (queries: { name: string }[]) => queries.map((query) => query.name);

describe('the predefined query catalog', () => {
  it('has the sixteen names of the VPC guide', () => {
    expect(names([...PREDEFINED_QUERIES])).toEqual([
      'VpcFlowLogsAcceptedTraffic',
      'VpcFlowLogsAdminPortTraffic',
      'VpcFlowLogsIPv4Traffic',
      'VpcFlowLogsIPv6Traffic',
      'VpcFlowLogsRejectedTCPTraffic',
      'VpcFlowLogsRejectedTraffic',
      'VpcFlowLogsSshRdpTraffic',
      'VpcFlowLogsTopTalkers',
      'VpcFlowLogsTopTalkersPacketLevel',
      'VpcFlowLogsTopTalkingInstances',
      'VpcFlowLogsTopTalkingSubnets',
      'VpcFlowLogsTopTCPTraffic',
      'VpcFlowLogsTotalBytesTransferred',
      'VpcFlowLogsTotalBytesTransferredPacketLevel',
      'VpcFlowLogsTrafficFrmSrcAddr',
      'VpcFlowLogsTrafficToDstAddr',
    ]);
    for (const query of PREDEFINED_QUERIES) {
      expect(query.description.length).toBeGreaterThan(10);
      for (const field of query.requiredFields) expect(findFlowLogField(field), `${query.name}: ${field}`).toBeDefined();
    }
  });

  it('gives the AWS default format exactly six', () => {
    expect(names(predefinedQueriesFor(undefined))).toEqual([
      'VpcFlowLogsAdminPortTraffic',
      'VpcFlowLogsRejectedTraffic',
      'VpcFlowLogsSshRdpTraffic',
      'VpcFlowLogsTopTalkers',
      'VpcFlowLogsTotalBytesTransferred',
      'VpcFlowLogsTrafficFrmSrcAddr',
    ]);
  });

  it('gives every field all sixteen, and other formats what their fields allow', () => {
    expect(predefinedQueriesFor(EVERY_FIELD_FORMAT)).toHaveLength(16);
    expect(predefinedQueriesFor(NAT_FORMAT)).toEqual([]);
    expect(names(predefinedQueriesFor('${srcaddr} ${dstaddr} ${bytes} ${type}'))).toEqual([
      'VpcFlowLogsAdminPortTraffic',
      'VpcFlowLogsIPv4Traffic',
      'VpcFlowLogsIPv6Traffic',
      'VpcFlowLogsTopTalkers',
      'VpcFlowLogsTotalBytesTransferred',
    ]);
    // The v3 example lacks no field any query needs.
    expect(predefinedQueriesFor(V3_FORMAT)).toHaveLength(16);
  });

  it('gives an unparsable format none, and says what is missing for the preview', () => {
    expect(predefinedQueriesFor('${version')).toEqual([]);
    const missing = missingPredefinedQueries(undefined);
    expect(missing).toHaveLength(10);
    expect(missing.find((m) => m.query.name === 'VpcFlowLogsTopTalkingInstances')?.missingFields).toEqual(['instance-id']);
    expect(missing.find((m) => m.query.name === 'VpcFlowLogsAcceptedTraffic')?.missingFields).toEqual(['tcp-flags']);
    expect(missingPredefinedQueries(EVERY_FIELD_FORMAT)).toEqual([]);
  });
});

/**
 * Every query, bound against a table with exactly the columns its required fields give (plus the
 * partition keys), in DuckDB: a stand-in for Athena's Trino that checks the syntax and that the
 * SQL reads no column the format may lack. `from_unixtime` is Trino's; DuckDB gets a macro for it.
 */
describe('query SQL', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  const duckType = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR' } as const;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run('CREATE MACRO from_unixtime(x) AS to_timestamp(x)');
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  async function createTable(name: string, fields: readonly string[]) {
    const columns = [...glueColumns(fields), ...partitionKeys(true, 'hour')];
    await connection.run(`CREATE OR REPLACE TABLE ${name} (${columns.map((c) => `"${c.Name}" ${duckType[c.Type]}`).join(', ')})`);
  }

  it.each(PREDEFINED_QUERIES.map((query) => [query.name, query] as const))('%s reads only its required fields', async (_name, query) => {
    await createTable('fl0123456789abcdef0daily', query.requiredFields);
    await expect(connection.run(query.sql('fl0123456789abcdef0daily'))).resolves.toBeDefined();
    // Drop any one required field and the query no longer binds: the list is not padded.
    for (const field of query.requiredFields) {
      await createTable('fl0123456789abcdef0daily', query.requiredFields.filter((f) => f !== field));
      const bound = await connection.run(query.sql('fl0123456789abcdef0daily')).then(
        () => true,
        () => false,
      );
      expect(bound, `${query.name} still runs without ${field}`).toBe(false);
    }
  });

  it('every query runs against the every-field table and returns rows', async () => {
    await createTable('t', FLOW_LOG_FIELDS.map((field) => field.name));
    await connection.run(
      `INSERT INTO t (srcaddr, dstaddr, pkt_srcaddr, pkt_dstaddr, srcport, dstport, protocol, bytes, packets, "start", "action", tcp_flags, type, instance_id, subnet_id)
       VALUES ('10.0.0.1', '10.0.0.2', '10.0.0.1', '10.0.0.2', 22, 443, 6, 100, 2, 1700000000, 'ACCEPT', 2, 'IPv4', 'i-1', 'subnet-1'),
              ('10.0.0.2', '10.0.0.1', '10.0.0.2', '10.0.0.1', 443, 22, 6, 50, 1, 1700000001, 'REJECT', 2, 'IPv6', 'i-1', 'subnet-1')`,
    );
    for (const query of predefinedQueriesForFields(FLOW_LOG_FIELDS.map((field) => field.name))) {
      const reader = await connection.runAndReadAll(query.sql('t'));
      expect(reader.getRows().length, query.name).toBeGreaterThan(0);
    }
  });
});
