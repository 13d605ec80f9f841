import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_FORMAT, logFormatUpToVersion } from '../../../lib/flow-logs';
import { demoTopology } from '../services/ec2/demo-topology';
import { generateRecords, type FlowLogTrafficSpec, type FlowLogValue } from './generate-records';

const topology = demoTopology('123456789012', 'eu-west-1');
const vpcId = topology.vpcs[0].vpcId;
const ALL_FIELDS = logFormatUpToVersion(8);
const spec = (overrides: Partial<FlowLogTrafficSpec> = {}): FlowLogTrafficSpec => ({
  flowLogId: 'fl-0123456789abcdef0',
  accountId: '123456789012',
  region: 'eu-west-1',
  resourceId: vpcId,
  trafficType: 'ALL',
  logFormat: ALL_FIELDS,
  maxAggregationInterval: 600,
  ...overrides,
});
const WINDOW = Date.UTC(2025, 2, 10, 14, 0) / 1000;
const options = { recordsPerWindow: 200 };

type Row = Record<string, FlowLogValue>;
function rows(flowLog: FlowLogTrafficSpec, windows: number, start = WINDOW): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < windows; i += 1) {
    const { fields, records } = generateRecords(flowLog, start + i * 300, options);
    for (const record of records) out.push(Object.fromEntries(fields.map((field, j) => [field, record[j]])));
  }
  return out;
}

describe('generateRecords', () => {
  it('is deterministic for a window, and differs between windows', () => {
    const a = generateRecords(spec(), WINDOW, options);
    expect(generateRecords(spec(), WINDOW, options)).toEqual(a);
    expect(generateRecords(spec(), WINDOW + 300, options)).not.toEqual(a);
    expect(() => generateRecords(spec(), WINDOW + 1, options)).toThrow(/aligned/);
  });

  it('records one network: flow logs over the same VPC see the same traffic, one on an interface its share', () => {
    expect(generateRecords(spec({ flowLogId: 'fl-0123456789abcdef1' }), WINDOW, options)).toEqual(generateRecords(spec(), WINDOW, options));
    const vpcRows = rows(spec(), 6);
    for (const eni of topology.interfaces) {
      const own = rows(spec({ resourceId: eni.networkInterfaceId }), 6);
      expect(own, eni.role).toEqual(vpcRows.filter((row) => row['interface-id'] === eni.networkInterfaceId));
    }
    // A 1-minute flow log cuts the same conversations finer: the packets per interface are the same.
    const packetsByEni = (all: Row[]) => {
      const totals: Record<string, number> = {};
      for (const row of all) if (row['log-status'] === 'OK') totals[row['interface-id'] as string] = (totals[row['interface-id'] as string] ?? 0) + (row.packets as number);
      return totals;
    };
    expect(packetsByEni(rows(spec({ maxAggregationInterval: 60 }), 6))).toEqual(packetsByEni(vpcRows));
  });

  it('records a conversation between two interfaces of the VPC on both, and NAT traffic on the host and the gateway', () => {
    const all = rows(spec(), 12).filter((row) => row['log-status'] === 'OK');
    const byEni = new Map(topology.interfaces.map((eni) => [eni.networkInterfaceId, eni]));
    const addressOf = new Map(topology.interfaces.map((eni) => [eni.privateIpAddress, eni.networkInterfaceId]));
    const key = (row: Row) => [row.srcaddr, row.srcport, row.dstaddr, row.dstport, row.protocol, row.packets, row.bytes, row.start, row.end].join('|');
    const seenOn = new Map<string, Set<string>>();
    for (const row of all) {
      const set = seenOn.get(key(row)) ?? new Set<string>();
      set.add(`${row['interface-id']}|${row['flow-direction']}`);
      seenOn.set(key(row), set);
    }
    let internal = 0;
    for (const row of all) {
      const eni = byEni.get(row['interface-id'] as string)!;
      if (eni.role === 'nat') continue;
      const src = addressOf.get(row.srcaddr as string);
      const dst = addressOf.get(row.dstaddr as string);
      if (!src || !dst || byEni.get(src)!.role === 'nat' || byEni.get(dst)!.role === 'nat') continue;
      internal += 1;
      // Sent by one interface, received by the other: the same packets on both.
      expect(seenOn.get(key(row))).toEqual(new Set([`${src}|egress`, `${dst}|ingress`]));
    }
    expect(internal).toBeGreaterThan(100);

    const nat = topology.interfaces.find((eni) => eni.role === 'nat')!;
    const viaNat = all.filter((row) => row['interface-id'] === nat.networkInterfaceId && row['flow-direction'] === 'ingress' && row.dstaddr === nat.privateIpAddress && addressOf.has(row.srcaddr as string));
    expect(viaNat.length).toBeGreaterThan(10);
    for (const hop of viaNat) {
      const host = addressOf.get(hop.srcaddr as string)!;
      expect(all.some((row) => row['interface-id'] === host && row['flow-direction'] === 'egress' && row.srcaddr === hop.srcaddr && row.dstaddr === hop['pkt-dstaddr'] && row.srcport === hop.srcport && row['traffic-path'] === 1)).toBe(true);
    }
  });

  it('writes the fields of the format in its order, with the record version', () => {
    const custom = '${srcaddr} ${version} ${vpc-id} ${account-id}';
    const { fields, records } = generateRecords(spec({ logFormat: custom }), WINDOW, options);
    expect(fields).toEqual(['srcaddr', 'version', 'vpc-id', 'account-id']);
    expect(records.every((record) => record.length === 4 && record[1] === 3 && record[2] === vpcId && record[3] === '123456789012')).toBe(true);
    expect(generateRecords(spec({ logFormat: DEFAULT_LOG_FORMAT }), WINDOW, options).records[0][0]).toBe(2);
  });

  it('produces about recordsPerWindow records, more in the afternoon than at night', () => {
    const day = rows(spec(), 12, WINDOW).length / 12;
    const night = rows(spec(), 12, Date.UTC(2025, 2, 10, 2, 0) / 1000).length / 12;
    expect(day).toBeGreaterThan(200);
    expect(day).toBeLessThan(500);
    expect(night).toBeLessThan(day / 2);
  });

  it('keeps every value consistent with the interface it was recorded on', () => {
    const all = rows(spec(), 20);
    const enis = new Map(topology.interfaces.map((eni) => [eni.networkInterfaceId, eni]));
    // Plain checks collected into one assertion: thousands of expect() calls would be slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, row: Row) => {
      if (!ok && problems.length < 5) problems.push(`${what}: ${JSON.stringify(row)}`);
    };
    for (const row of all) {
      const eni = enis.get(row['interface-id'] as string);
      check(eni !== undefined, 'unknown interface', row);
      if (!eni) continue;
      check(row['vpc-id'] === eni.vpcId && row['subnet-id'] === eni.subnetId && row['az-id'] === eni.availabilityZoneId, 'ids', row);
      check(row['instance-id'] === (eni.instanceId ?? null), 'instance-id', row);
      check(row.region === 'eu-west-1' && row.version === 8, 'region/version', row);
      check(row['sublocation-type'] === null && row['ecs-task-id'] === null && row['reject-reason'] === null, "'-' fields", row);
      check((row.start as number) <= (row.end as number), 'start <= end', row);
      if (row['log-status'] !== 'OK') {
        check(row['log-status'] === 'NODATA' || row['log-status'] === 'SKIPDATA', 'log-status', row);
        check([row.srcaddr, row.action, row.packets, row['flow-direction'], row.type].every((v) => v === null), 'status record', row);
        continue;
      }
      check((row.end as number) >= WINDOW && (row.end as number) < WINDOW + 20 * 300, 'end in window', row);
      check((row.bytes as number) >= (row.packets as number) * 40, 'bytes >= 40 * packets', row);
      const local = row['flow-direction'] === 'ingress' ? row.dstaddr : row.srcaddr;
      check(local === eni.privateIpAddress || (eni.role !== 'nat' && local === eni.ipv6Address), 'local address', row);
      check(row['flow-direction'] === 'ingress' ? row['traffic-path'] === null : [1, 2, 7, 8].includes(row['traffic-path'] as number), 'traffic-path', row);
      check(row.type === (String(row.srcaddr).includes(':') ? 'IPv6' : 'IPv4'), 'type', row);
      if (row.protocol !== 6) check(row['tcp-flags'] === null, 'tcp-flags only for TCP', row);
      if (row.protocol === 1 || row.protocol === 58) check(row.srcport === 0 && row.dstport === 0, 'ICMP ports', row);
      if (eni.role !== 'nat') check(row['pkt-srcaddr'] === row.srcaddr && row['pkt-dstaddr'] === row.dstaddr, 'pkt-* addresses', row);
    }
    expect(all.length).toBeGreaterThan(2500);
    expect(problems).toEqual([]);
  }, 30_000);

  it('has the traffic a demo needs: probes, DNS, HTTPS, ICMP, IPv6, AWS services, NAT hops, NODATA and SKIPDATA', () => {
    // 1-minute aggregation: five intervals per file, so rare events (SKIPDATA) show up in fewer files.
    const all = rows(spec({ maxAggregationInterval: 60 }), 60);
    const some = (test: (row: Row) => boolean) => all.some(test);
    expect(some((r) => r.dstport === 22 && r.action === 'REJECT' && r['tcp-flags'] === 2)).toBe(true);
    expect(some((r) => r.dstport === 3389 && r.action === 'REJECT')).toBe(true);
    expect(some((r) => r.dstport === 22 && r.action === 'ACCEPT')).toBe(true);
    expect(some((r) => r.protocol === 17 && r.dstport === 53)).toBe(true);
    expect(some((r) => r.dstport === 443 && r['tcp-flags'] === 3)).toBe(true);
    expect(some((r) => r.srcport === 443 && r['tcp-flags'] === 19)).toBe(true);
    expect(some((r) => r.protocol === 1)).toBe(true);
    expect(some((r) => r.type === 'IPv6')).toBe(true);
    expect(some((r) => r['pkt-dst-aws-service'] === 'S3' && r['traffic-path'] === 7)).toBe(true);
    expect(some((r) => r['pkt-dst-aws-service'] === 'DYNAMODB')).toBe(true);
    expect(some((r) => r['pkt-srcaddr'] !== r.srcaddr)).toBe(true);
    expect(some((r) => r['log-status'] === 'NODATA')).toBe(true);
    expect(some((r) => r['log-status'] === 'SKIPDATA')).toBe(true);
    expect(some((r) => (r.bytes as number) > 50_000_000)).toBe(true);
    // A few scanners come back again and again.
    const probes = all.filter((r) => r.dstport === 22 && r.action === 'REJECT').map((r) => r.srcaddr);
    expect(new Set(probes).size).toBeLessThan(20);
    expect(probes.length).toBeGreaterThan(50);
  }, 30_000);

  it('records only the resource and the traffic type the flow log asks for', () => {
    const subnet = topology.subnets.find((s) => !s.public)!;
    const subnetEnis = new Set(topology.interfaces.filter((eni) => eni.subnetId === subnet.subnetId).map((eni) => eni.networkInterfaceId));
    const subnetRows = rows(spec({ resourceId: subnet.subnetId, trafficType: 'ACCEPT' }), 20);
    expect(subnetRows.every((r) => subnetEnis.has(r['interface-id'] as string))).toBe(true);
    expect(subnetRows.every((r) => r.action === 'ACCEPT' || r['log-status'] !== 'OK')).toBe(true);

    const bastion = topology.interfaces.find((eni) => eni.role === 'bastion')!;
    const rejects = rows(spec({ resourceId: bastion.networkInterfaceId, trafficType: 'REJECT' }), 20);
    expect(new Set(rejects.map((r) => r['interface-id']))).toEqual(new Set([bastion.networkInterfaceId]));
    expect(rejects.filter((r) => r['log-status'] === 'OK').every((r) => r.action === 'REJECT')).toBe(true);
    expect(rejects.length).toBeGreaterThan(20);

    const idle = topology.interfaces.find((eni) => eni.role === 'idle')!;
    const idleRows = rows(spec({ resourceId: idle.networkInterfaceId }), 3);
    expect(idleRows.map((r) => r['log-status'])).toEqual(['NODATA', 'NODATA', 'NODATA']);
    expect(rows(spec({ resourceId: 'vpc-0000000000000000f' }), 3)).toEqual([]);
  });

  it('keeps 1-minute aggregation records inside their minute', () => {
    const minute = rows(spec({ maxAggregationInterval: 60 }), 10);
    expect(minute.length).toBeGreaterThan(100);
    for (const r of minute) expect(Math.floor((r.start as number) / 60)).toBe(Math.floor((r.end as number) / 60));
    const idle = topology.interfaces.find((eni) => eni.role === 'idle')!;
    expect(rows(spec({ resourceId: idle.networkInterfaceId, maxAggregationInterval: 60 }), 1)).toHaveLength(5);
  });
});
