import { findFlowLogField } from '../../lib/flow-logs';
import type { FlowRecord } from './flow-log-fixtures';

/**
 * An independent computation of the sixteen predefined queries over the raw records a test generated:
 * plain TypeScript over the fields, with Athena's reading rules — a '-' in a numeric column is NULL;
 * in a string column it stays '-' in text files and is NULL in Parquet files; SUM ignores NULLs and
 * is NULL over none; ORDER BY puts NULLs last.
 */

/** Fields the integration's Glue table declares as int/bigint (lib/flow-logs). */
const isNumeric = (field: string) => (findFlowLogField(field)?.athenaType ?? 'string') !== 'string';

export type Value = string | number | null;
export type Row = Record<string, Value>;

export function typedRecords(records: FlowRecord[], fields: readonly string[], dashIsNull: boolean, partitions: Record<string, string>[]): Row[] {
  return records.map((record, i) => {
    const row: Row = {};
    for (const field of fields) {
      const column = field.replace(/-/g, '_');
      const raw = record[field];
      row[column] = isNumeric(field) ? (raw === '-' ? null : Number(raw)) : raw === '-' && dashIsNull ? null : raw;
    }
    return { ...row, ...partitions[i] };
  });
}

export interface Expected {
  /** Every row the query may return (before LIMIT), in ORDER BY order. */
  rows: (string | null)[][];
  limit?: number;
  /** The ORDER BY key of a result row, compared as a sequence (ties may come in any order). */
  key?: (row: (string | null)[]) => string;
}

const s = (v: Value): string | null => (v === null ? null : String(v));

function sum(values: Value[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Numbers descending/ascending with NULLs last (Trino and DuckDB defaults). */
function byNumber(direction: 'asc' | 'desc', get: (row: (string | null)[]) => string | null) {
  return (a: (string | null)[], b: (string | null)[]) => {
    const x = get(a);
    const y = get(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return direction === 'asc' ? Number(x) - Number(y) : Number(y) - Number(x);
  };
}

function fromUnixtime(seconds: number | null): string | null {
  if (seconds === null) return null;
  return `${new Date(seconds * 1000).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

export function expectedResult(name: string, rows: Row[], starColumns: string[]): Expected {
  const star = (r: Row) => starColumns.map((c) => s(r[c]));
  const startIndex = starColumns.indexOf('start');
  switch (name) {
    case 'VpcFlowLogsAcceptedTraffic':
    case 'VpcFlowLogsRejectedTCPTraffic': {
      const accepted = name === 'VpcFlowLogsAcceptedTraffic';
      const hits = rows.filter((r) => r.action === (accepted ? 'ACCEPT' : 'REJECT') && r.protocol === 6 && (!accepted || r.tcp_flags === 2));
      const out = hits
        .map((r) => [s(r.srcaddr), s(r.dstaddr), s(r.srcport), s(r.dstport), s(r.protocol), s(r.tcp_flags), fromUnixtime(r.start as number | null)])
        .sort((a, b) => (a[6]! < b[6]! ? 1 : a[6]! > b[6]! ? -1 : 0));
      return { rows: out, limit: 100, key: (row) => String(row[6]) };
    }
    case 'VpcFlowLogsAdminPortTraffic': {
      const perIp = new Map<string | null, (number | null)[]>();
      for (const column of ['dstaddr', 'srcaddr']) {
        for (const [, group] of groupBy(rows, (r) => JSON.stringify(r[column]))) {
          const ip = group[0][column] as string | null;
          perIp.set(ip, [...(perIp.get(ip) ?? []), sum(group.map((r) => r.bytes))]);
        }
      }
      const out = [...perIp].map(([ip, sums]) => [ip, s(sum(sums))]).sort(byNumber('desc', (r) => r[1]));
      return { rows: out, limit: 10, key: (row) => String(row[1]) };
    }
    case 'VpcFlowLogsIPv4Traffic':
    case 'VpcFlowLogsIPv6Traffic': {
      const type = name === 'VpcFlowLogsIPv4Traffic' ? 'IPv4' : 'IPv6';
      return { rows: [[s(sum(rows.filter((r) => r.type === type).map((r) => r.bytes)))]] };
    }
    case 'VpcFlowLogsRejectedTraffic': {
      const rejected = rows.filter((r) => r.action === 'REJECT');
      const out = [...groupBy(rejected, (r) => JSON.stringify([r.srcaddr, r.dstaddr]))].map(([, g]) => [s(g[0].srcaddr), s(g[0].dstaddr), String(g.length), 'REJECT']);
      out.sort(byNumber('desc', (r) => r[2]));
      return { rows: out, limit: 25, key: (row) => String(row[2]) };
    }
    case 'VpcFlowLogsSshRdpTraffic': {
      const ports = [22, 3389];
      const hits = rows.filter((r) => ports.includes(r.srcport as number) || ports.includes(r.dstport as number));
      const out = hits.map(star).sort(byNumber('asc', (r) => r[startIndex]));
      return { rows: out, limit: 50, key: (row) => String(row[startIndex]) };
    }
    case 'VpcFlowLogsTopTalkers':
    case 'VpcFlowLogsTopTalkersPacketLevel': {
      const packet = name.endsWith('PacketLevel');
      const [src, dst] = packet ? ['pkt_srcaddr', 'pkt_dstaddr'] : ['srcaddr', 'dstaddr'];
      let pairs = [...rows.map((r) => ({ ip: r[src], bytes: r.bytes })), ...rows.map((r) => ({ ip: r[dst], bytes: r.bytes }))];
      if (packet) pairs = pairs.filter((p) => p.ip !== null && p.ip !== '-');
      const out = [...groupBy(pairs, (p) => JSON.stringify(p.ip))].map(([, g]) => [s(g[0].ip), s(sum(g.map((p) => p.bytes)))]);
      out.sort(byNumber('desc', (r) => r[1]));
      return { rows: out, limit: 50, key: (row) => String(row[1]) };
    }
    case 'VpcFlowLogsTopTalkingInstances': {
      const hits = rows.filter((r) => r.instance_id !== null && r.instance_id !== '-');
      const out = [...groupBy(hits, (r) => String(r.instance_id))].map(([, g]) => [s(g[0].instance_id), s(sum(g.map((r) => r.bytes)))]);
      out.sort(byNumber('desc', (r) => r[1]));
      return { rows: out, limit: 50, key: (row) => String(row[1]) };
    }
    case 'VpcFlowLogsTopTalkingSubnets': {
      const out = [...groupBy(rows, (r) => JSON.stringify(r.subnet_id))].map(([, g]) => [s(g[0].subnet_id), s(sum(g.map((r) => r.bytes)))]);
      out.sort(byNumber('desc', (r) => r[1]));
      return { rows: out, limit: 50, key: (row) => String(row[1]) };
    }
    case 'VpcFlowLogsTopTCPTraffic': {
      const hits = rows.filter((r) => r.protocol === 6 && r.srcaddr === '10.0.0.1');
      const out = [...groupBy(hits, (r) => JSON.stringify([r.srcaddr, r.dstaddr, r.tcp_flags]))].map(([, g]) => [
        s(g[0].srcaddr),
        s(g[0].dstaddr),
        s(g[0].tcp_flags),
        s(sum(g.map((r) => r.packets))),
        s(sum(g.map((r) => r.bytes))),
      ]);
      out.sort(byNumber('desc', (r) => r[4]));
      return { rows: out, limit: 50, key: (row) => String(row[4]) };
    }
    case 'VpcFlowLogsTotalBytesTransferred':
    case 'VpcFlowLogsTotalBytesTransferredPacketLevel': {
      const [src, dst] = name.endsWith('PacketLevel') ? ['pkt_srcaddr', 'pkt_dstaddr'] : ['srcaddr', 'dstaddr'];
      const out = [...groupBy(rows, (r) => JSON.stringify([r[src], r[dst]]))].map(([, g]) => [s(sum(g.map((r) => r.bytes))), s(g[0][src]), s(g[0][dst])]);
      out.sort(byNumber('desc', (r) => r[0]));
      return { rows: out, limit: 50, key: (row) => String(row[0]) };
    }
    case 'VpcFlowLogsTrafficFrmSrcAddr':
    case 'VpcFlowLogsTrafficToDstAddr': {
      const hits =
        name === 'VpcFlowLogsTrafficFrmSrcAddr'
          ? rows.filter((r) => r.srcaddr === '10.0.0.1')
          : rows.filter((r) => r.dstaddr === '10.0.0.1' || r.pkt_dstaddr === '10.0.0.1');
      const out = hits.map(star).sort(byNumber('asc', (r) => r[startIndex]));
      return { rows: out, limit: 50, key: (row) => String(row[startIndex]) };
    }
    default:
      throw new Error(`no oracle for ${name}`);
  }
}

/**
 * Checks a result against the oracle: the right number of rows, the ORDER BY keys in the expected
 * sequence, and every row one the query may return (so ties at a LIMIT may resolve either way).
 */
export function compareWithOracle(actual: (string | null)[][], expected: Expected): string | undefined {
  const n = Math.min(expected.limit ?? Infinity, expected.rows.length);
  if (actual.length !== n) return `expected ${n} rows, got ${actual.length}`;
  if (expected.key) {
    const got = actual.map(expected.key);
    const want = expected.rows.slice(0, n).map(expected.key);
    if (JSON.stringify(got) !== JSON.stringify(want)) return `ORDER BY keys differ:\n got  ${JSON.stringify(got)}\n want ${JSON.stringify(want)}`;
  } else if (JSON.stringify(actual) !== JSON.stringify(expected.rows)) {
    return `rows differ:\n got  ${JSON.stringify(actual)}\n want ${JSON.stringify(expected.rows)}`;
  }
  const pool = new Map<string, number>();
  for (const row of expected.rows) pool.set(JSON.stringify(row), (pool.get(JSON.stringify(row)) ?? 0) + 1);
  for (const row of actual) {
    const k = JSON.stringify(row);
    const left = pool.get(k) ?? 0;
    if (left === 0) return `unexpected row ${k}`;
    pool.set(k, left - 1);
  }
  return undefined;
}
