import { logFormatFields, recordVersion, type FlowLogFieldName } from '../../../lib/flow-logs';
import { demoTopology, interfacesForResource, type DemoInterface, type InterfaceRole } from '../services/ec2/demo-topology';
import { Prng } from './prng';

/**
 * Synthetic VPC flow log records for one flow log and one 5-minute delivery window.
 *
 * One network, many flow logs: the traffic of a Region's demo network is generated once per window
 * (seeded by account, Region and window start), and every flow log records its part of it — the
 * interfaces of its resource, the traffic type it asks for, cut at its aggregation interval. So
 * two flow logs over the same VPC see the same conversations, a flow log on one interface sees
 * exactly that interface's share, and a conversation between two interfaces of the VPC appears on
 * both, as on AWS. Pure and deterministic, so tests regenerate what was delivered.
 *
 * Traffic follows each interface's role in the demo topology: a web server taking HTTPS (IPv4
 * and IPv6) from the internet, SSH/RDP probes rejected on the public hosts, app servers talking
 * to the database, DNS to the VPC resolver, backups to S3 through a gateway endpoint (the heavy
 * talkers), private hosts reaching the internet through the NAT gateway, ICMP, and now and then
 * NODATA / SKIPDATA.
 */

export type FlowLogValue = string | number | null;

export interface FlowLogTrafficSpec {
  flowLogId: string;
  accountId: string;
  region: string;
  resourceId: string;
  trafficType: 'ACCEPT' | 'REJECT' | 'ALL';
  /** The flow log's LogFormat (`${field} …`). */
  logFormat: string;
  maxAggregationInterval: 60 | 600;
}

export interface GenerateOptions {
  /** Average OK records per window for the whole demo network, before the time-of-day swing. */
  recordsPerWindow: number;
}

export interface GeneratedWindow {
  fields: FlowLogFieldName[];
  /** One array per record, values in `fields` order; null is written as '-' in text files. */
  records: FlowLogValue[][];
}

export const WINDOW_SECONDS = 300;
const MINUTE = 60;

interface Flow {
  eni: DemoInterface;
  srcaddr: string;
  dstaddr: string;
  srcport: number;
  dstport: number;
  protocol: number;
  packets: number;
  bytes: number;
  start: number;
  end: number;
  action: 'ACCEPT' | 'REJECT';
  tcpFlags: number | null;
  type: 'IPv4' | 'IPv6';
  pktSrcaddr: string;
  pktDstaddr: string;
  pktSrcAwsService: string | null;
  pktDstAwsService: string | null;
  direction: 'ingress' | 'egress';
  trafficPath: number | null;
  status: 'OK';
}

interface StatusRecord {
  eni: DemoInterface;
  start: number;
  end: number;
  status: 'NODATA' | 'SKIPDATA';
}

/** The network's traffic in one window, before any flow log looks at it. */
interface NetworkWindow {
  flows: Flow[];
  /** Interfaces whose capture was skipped in a minute of the window (SKIPDATA). */
  skips: { eni: DemoInterface; minute: number }[];
}

/** How many connections an interface opens, relative to the others (the NAT gateway opens none). */
const ROLE_WEIGHT: Record<InterfaceRole, number> = { web: 3.2, nat: 0, app: 2.2, db: 0.5, bastion: 1.0, windows: 0.7, idle: 0 };

export function generateRecords(flowLog: FlowLogTrafficSpec, windowStart: number, options: GenerateOptions): GeneratedWindow {
  const fields = logFormatFields(flowLog.logFormat);
  if (windowStart % WINDOW_SECONDS !== 0) throw new Error(`window start ${windowStart} is not aligned to ${WINDOW_SECONDS} s`);
  const topology = demoTopology(flowLog.accountId, flowLog.region);
  const enis = interfacesForResource(topology, flowLog.resourceId);
  const ids = new Set(enis.map((eni) => eni.networkInterfaceId));
  const network = networkWindow(flowLog.accountId, flowLog.region, windowStart, options.recordsPerWindow);

  const byMinute = flowLog.maxAggregationInterval === 60;
  let seen = ids.size === topology.interfaces.length ? network.flows : network.flows.filter((flow) => ids.has(flow.eni.networkInterfaceId));
  if (byMinute) seen = seen.flatMap((flow) => splitByMinute(flow, windowStart));

  // NODATA: an interface with no traffic at all in an aggregation interval says so.
  const statuses: StatusRecord[] = [];
  const intervals = byMinute ? WINDOW_SECONDS / MINUTE : 1;
  const intervalLength = WINDOW_SECONDS / intervals;
  const busyByInterval = Array.from({ length: intervals }, () => new Set<DemoInterface>());
  for (const flow of seen) busyByInterval[Math.min(intervals - 1, Math.floor((flow.end - windowStart) / intervalLength))].add(flow.eni);
  for (const eni of enis) {
    for (let k = 0; k < intervals; k += 1) {
      if (busyByInterval[k].has(eni)) continue;
      const jitter = new Prng(`nodata|${eni.networkInterfaceId}|${windowStart}|${k}`);
      const from = windowStart + k * intervalLength;
      statuses.push({ eni, start: from + jitter.int(0, 9), end: from + intervalLength - 1 - jitter.int(0, 9), status: 'NODATA' });
    }
  }
  for (const skip of network.skips) {
    if (!ids.has(skip.eni.networkInterfaceId)) continue;
    const from = windowStart + skip.minute * MINUTE;
    statuses.push({ eni: skip.eni, start: from + 5, end: byMinute ? from + MINUTE - 1 : windowStart + WINDOW_SECONDS - 1, status: 'SKIPDATA' });
  }

  const kept = seen.filter((flow) => flowLog.trafficType === 'ALL' || flow.action === flowLog.trafficType);
  const version = recordVersion(fields);
  const records: FlowLogValue[][] = [];
  for (const flow of kept) records.push(fields.map((field) => flowValue(field, flow, version, flowLog)));
  for (const status of statuses) records.push(fields.map((field) => statusValue(field, status, version, flowLog)));
  // AWS writes records roughly in capture order; sort by end time, keep generation order on ties.
  const endIndex = fields.indexOf('end');
  if (endIndex >= 0) {
    const order = records.map((record, index) => ({ record, index }));
    order.sort((a, b) => (a.record[endIndex] as number) - (b.record[endIndex] as number) || a.index - b.index);
    return { fields, records: order.map((entry) => entry.record) };
  }
  return { fields, records };
}

// ---- the network's window -------------------------------------------------------------------

const NETWORK_CACHE_SIZE = 8;
const networkCache = new Map<string, NetworkWindow>();

/**
 * Every connection of the Region's demo network in one window, as the interfaces on both ends see
 * it. Flow logs delivering the same window share it (kept for the last few windows).
 */
function networkWindow(accountId: string, region: string, windowStart: number, recordsPerWindow: number): NetworkWindow {
  const key = `${accountId}|${region}|${windowStart}|${recordsPerWindow}`;
  const cached = networkCache.get(key);
  if (cached) return cached;
  const topology = demoTopology(accountId, region);
  const rng = new Prng(`network|${key}`);
  const pools = addressPools(accountId, region);
  const ctx: GenContext = { rng, pools, topology: { enis: topology.interfaces, resolver: '10.0.0.2' } };

  // Busier in the (UTC) afternoon, quiet at night: 0.25 … 1.75 of the average.
  const hour = (windowStart % 86_400) / 3600;
  const swing = 1 + 0.75 * Math.sin(((hour - 8) / 24) * 2 * Math.PI);
  const totalWeight = topology.interfaces.reduce((sum, eni) => sum + ROLE_WEIGHT[eni.role], 0) || 1;
  const span: Span = { from: windowStart, to: windowStart + WINDOW_SECONDS };

  const flows: Flow[] = [];
  const skips: NetworkWindow['skips'] = [];
  for (const eni of topology.interfaces) {
    // A connection gives about three records on average (both directions, sometimes on both
    // interfaces or through the NAT gateway).
    const connections = rng.poisson((recordsPerWindow * swing * ROLE_WEIGHT[eni.role]) / totalWeight / 2.6);
    for (let i = 0; i < connections; i += 1) flows.push(...connectionFor(eni, span, ctx));
    // The heavy talkers: big downloads from the web server most windows, nightly backups to S3.
    if (eni.role === 'web' && rng.chance(0.6)) flows.push(...connectionFor(eni, span, ctx, 'heavy-download'));
    if (eni.role === 'db' && hour >= 1 && hour < 4) flows.push(...connectionFor(eni, span, ctx, 's3-backup'));
    if (eni.role !== 'idle' && rng.chance(0.02)) skips.push({ eni, minute: rng.int(0, WINDOW_SECONDS / MINUTE - 1) });
  }
  const network = { flows, skips };
  networkCache.set(key, network);
  if (networkCache.size > NETWORK_CACHE_SIZE) networkCache.delete(networkCache.keys().next().value!);
  return network;
}

/**
 * A flow as a 1-minute flow log records it: one record per minute it was active in this window,
 * packets and bytes shared out, SYN flags on the first piece and FIN on the last.
 */
function splitByMinute(flow: Flow, windowStart: number): Flow[] {
  const start = Math.max(flow.start, windowStart);
  const first = Math.floor(start / MINUTE);
  const last = Math.floor(flow.end / MINUTE);
  if (first === last) return [{ ...flow, start }];
  // Every piece carries at least one packet: a short burst stays in its last minutes.
  const count = Math.min(last - first + 1, flow.packets);
  const from = last - count + 1;
  const pieces: Flow[] = [];
  let packetsLeft = flow.packets;
  let bytesLeft = flow.bytes;
  for (let i = 0; i < count; i += 1) {
    const minute = from + i;
    const isLast = i === count - 1;
    const packets = isLast ? packetsLeft : Math.floor(flow.packets / count);
    const bytes = isLast ? bytesLeft : Math.max(packets * 40, Math.round((flow.bytes * packets) / flow.packets));
    packetsLeft -= packets;
    bytesLeft -= bytes;
    const flags = flow.tcpFlags === null ? null : i === 0 ? flow.tcpFlags & ~1 : isLast ? flow.tcpFlags & 1 : 0;
    pieces.push({
      ...flow,
      packets,
      bytes: Math.max(bytes, packets * 40),
      start: i === 0 ? Math.max(start, minute * MINUTE) : minute * MINUTE,
      end: isLast ? flow.end : minute * MINUTE + MINUTE - 1,
      tcpFlags: flags,
    });
  }
  return pieces;
}

// ---- values ---------------------------------------------------------------------------------

function commonValue(field: FlowLogFieldName, eni: DemoInterface, version: number, flowLog: FlowLogTrafficSpec): FlowLogValue | undefined {
  switch (field) {
    case 'version':
      return version;
    case 'account-id':
      return flowLog.accountId;
    case 'interface-id':
      return eni.networkInterfaceId;
    case 'vpc-id':
      return eni.vpcId;
    case 'subnet-id':
      return eni.subnetId;
    case 'instance-id':
      return eni.instanceId ?? null;
    case 'region':
      return flowLog.region;
    case 'az-id':
      return eni.availabilityZoneId;
    case 'sublocation-type':
    case 'sublocation-id':
      return null;
    default:
      // ECS fields (no ECS tasks in the demo) and reject-reason (only BPA is reported; none here).
      if (field.startsWith('ecs-') || field === 'reject-reason') return null;
      return undefined;
  }
}

function flowValue(field: FlowLogFieldName, flow: Flow, version: number, flowLog: FlowLogTrafficSpec): FlowLogValue {
  const common = commonValue(field, flow.eni, version, flowLog);
  if (common !== undefined) return common;
  switch (field) {
    case 'srcaddr':
      return flow.srcaddr;
    case 'dstaddr':
      return flow.dstaddr;
    case 'srcport':
      return flow.srcport;
    case 'dstport':
      return flow.dstport;
    case 'protocol':
      return flow.protocol;
    case 'packets':
      return flow.packets;
    case 'bytes':
      return flow.bytes;
    case 'start':
      return flow.start;
    case 'end':
      return flow.end;
    case 'action':
      return flow.action;
    case 'log-status':
      return flow.status;
    case 'tcp-flags':
      return flow.tcpFlags;
    case 'type':
      return flow.type;
    case 'pkt-srcaddr':
      return flow.pktSrcaddr;
    case 'pkt-dstaddr':
      return flow.pktDstaddr;
    case 'pkt-src-aws-service':
      return flow.pktSrcAwsService;
    case 'pkt-dst-aws-service':
      return flow.pktDstAwsService;
    case 'flow-direction':
      return flow.direction;
    case 'traffic-path':
      return flow.trafficPath;
    default:
      return null;
  }
}

function statusValue(field: FlowLogFieldName, status: StatusRecord, version: number, flowLog: FlowLogTrafficSpec): FlowLogValue {
  const common = commonValue(field, status.eni, version, flowLog);
  if (common !== undefined) return common;
  switch (field) {
    case 'start':
      return status.start;
    case 'end':
      return status.end;
    case 'log-status':
      return status.status;
    default:
      return null;
  }
}

// ---- traffic --------------------------------------------------------------------------------

interface AddressPools {
  scanners: string[];
  clients: string[];
  clientsV6: string[];
  heavyClients: string[];
  admin: string;
  s3: string[];
  dynamodb: string[];
  amazon: string[];
  internet: string[];
}

interface GenContext {
  rng: Prng;
  pools: AddressPools;
  topology: { enis: DemoInterface[]; resolver: string };
}

interface Span {
  from: number;
  to: number;
}

const PUBLIC_FIRST_OCTETS = [24, 31, 37, 45, 49, 62, 73, 81, 86, 91, 98, 103, 109, 117, 122, 136, 151, 176, 188, 195, 203, 212, 217];
const SCANNER_FIRST_OCTETS = [45, 80, 89, 92, 141, 162, 185, 193, 194, 198];

const poolCache = new Map<string, AddressPools>();

/** Addresses that recur across windows (the same scanners and heavy clients show up all week). */
function addressPools(accountId: string, region: string): AddressPools {
  const key = `${accountId}/${region}`;
  const cached = poolCache.get(key);
  if (cached) return cached;
  const rng = new Prng(`pools|${key}`);
  const ipv4 = (firsts: number[]) => `${rng.pick(firsts)}.${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const hex = () => rng.int(1, 0xffff).toString(16);
  const pools: AddressPools = {
    scanners: Array.from({ length: 14 }, () => ipv4(SCANNER_FIRST_OCTETS)),
    clients: Array.from({ length: 120 }, () => ipv4(PUBLIC_FIRST_OCTETS)),
    clientsV6: Array.from({ length: 30 }, () => `${rng.pick(['2a01:4f8', '2001:67c', '2600:1700', '2a02:8108', '2409:8a28'])}:${hex()}:${hex()}::${hex()}`),
    heavyClients: Array.from({ length: 3 }, () => ipv4(PUBLIC_FIRST_OCTETS)),
    admin: ipv4(PUBLIC_FIRST_OCTETS),
    s3: Array.from({ length: 6 }, () => `52.${rng.pick([216, 217])}.${rng.int(0, 255)}.${rng.int(1, 254)}`),
    dynamodb: Array.from({ length: 3 }, () => `52.94.${rng.int(0, 31)}.${rng.int(1, 254)}`),
    amazon: Array.from({ length: 6 }, () => `54.239.${rng.int(0, 63)}.${rng.int(1, 254)}`),
    internet: Array.from({ length: 25 }, () => ipv4(PUBLIC_FIRST_OCTETS)),
  };
  poolCache.set(key, pools);
  return pools;
}

type Kind =
  | 'https-in'
  | 'https-in-v6'
  | 'http-in'
  | 'heavy-download'
  | 'ssh-probe'
  | 'rdp-probe'
  | 'ssh-admin'
  | 'rdp-admin'
  | 'icmp-in'
  | 'dns'
  | 'app-to-db'
  | 'web-to-app'
  | 'internal-ssh'
  | 's3-backup'
  | 'dynamodb'
  | 'egress-https'
  | 'egress-https-v6'
  | 'nat-forward'
  | 'icmp-out'
  | 'rejected-out';

/**
 * What each interface starts (or, for traffic from outside, receives first). A conversation with
 * another interface of the VPC is listed on the side that opens it only: the other side records
 * it as well, so it must not start there again.
 */
const KINDS: Record<InterfaceRole, readonly (readonly [Kind, number])[]> = {
  web: [
    ['https-in', 50],
    ['https-in-v6', 12],
    ['http-in', 6],
    ['heavy-download', 2],
    ['ssh-probe', 10],
    ['icmp-in', 6],
    ['dns', 6],
    ['web-to-app', 16],
  ],
  bastion: [
    ['ssh-probe', 45],
    ['ssh-admin', 8],
    ['internal-ssh', 10],
    ['dns', 5],
    ['icmp-in', 6],
  ],
  windows: [
    ['rdp-probe', 40],
    ['rdp-admin', 5],
    ['ssh-probe', 6],
    ['dns', 6],
    ['egress-https', 5],
  ],
  nat: [],
  app: [
    ['app-to-db', 30],
    ['dns', 10],
    ['dynamodb', 6],
    ['s3-backup', 2],
    ['nat-forward', 14],
    ['egress-https-v6', 3],
    ['icmp-out', 4],
    ['rejected-out', 2],
  ],
  db: [
    ['s3-backup', 3],
    ['dns', 5],
    ['nat-forward', 2],
  ],
  idle: [],
};

const ephemeral = (rng: Prng) => rng.int(32768, 60999);
const clientPort = (rng: Prng) => rng.int(49152, 65535);

/** When a conversation was seen: it ends in the window and may have started up to 10 minutes before. */
function timing(span: Span, rng: Prng, longLived = false): { start: number; end: number } {
  const end = rng.int(span.from, span.to - 1);
  const duration = rng.int(0, longLived ? 599 : rng.int(1, 240));
  return { start: end - duration, end };
}

function awsService(address: string, pools: AddressPools): string | null {
  if (pools.s3.includes(address)) return 'S3';
  if (pools.dynamodb.includes(address)) return 'DYNAMODB';
  if (pools.amazon.includes(address)) return 'AMAZON';
  return null;
}

interface Conversation {
  peer: string;
  peerPort: number;
  localPort: number;
  protocol: number;
  /** Who opened the connection. */
  inbound: boolean;
  action: 'ACCEPT' | 'REJECT';
  requestPackets: number;
  requestBytes: number;
  responsePackets: number;
  responseBytes: number;
  /** False for rejected probes: there is no reply. */
  reply: boolean;
  egressPath: number | null;
  type?: 'IPv4' | 'IPv6';
  localAddress?: string;
  longLived?: boolean;
  /** The other end is an interface of the VPC: it records the conversation too. */
  peerEni?: DemoInterface;
}

function connectionFor(eni: DemoInterface, span: Span, ctx: GenContext, forced?: Kind): Flow[] {
  const { rng, pools, topology } = ctx;
  const kind = forced ?? rng.weighted(KINDS[eni.role]);
  const peerOf = (role: InterfaceRole): DemoInterface | undefined => {
    const candidates = topology.enis.filter((other) => other.role === role && other.networkInterfaceId !== eni.networkInterfaceId);
    return candidates.length ? rng.pick(candidates) : undefined;
  };
  const address = (peer: DemoInterface | undefined) => peer?.privateIpAddress ?? '10.0.16.99';
  const web = (packets: number, bytesPerPacket: number) => ({ packets, bytes: packets * bytesPerPacket });

  let c: Conversation;
  switch (kind) {
    case 'https-in':
    case 'http-in': {
      const req = web(rng.int(4, 30), rng.int(80, 200));
      const res = web(rng.int(5, 60), rng.int(600, 1400));
      c = { peer: rng.pick(pools.clients), peerPort: clientPort(rng), localPort: kind === 'http-in' ? 80 : 443, protocol: 6, inbound: true, action: 'ACCEPT', requestPackets: req.packets, requestBytes: req.bytes, responsePackets: res.packets, responseBytes: res.bytes, reply: true, egressPath: 8 };
      break;
    }
    case 'https-in-v6': {
      const res = web(rng.int(5, 50), rng.int(600, 1400));
      c = { peer: rng.pick(pools.clientsV6), peerPort: clientPort(rng), localPort: 443, protocol: 6, inbound: true, action: 'ACCEPT', requestPackets: rng.int(4, 20), requestBytes: rng.int(400, 3000), responsePackets: res.packets, responseBytes: res.bytes, reply: true, egressPath: 8, type: 'IPv6', localAddress: eni.ipv6Address };
      if (!eni.ipv6Address) c = { ...c, peer: rng.pick(pools.clients), type: 'IPv4', localAddress: undefined };
      break;
    }
    case 'heavy-download': {
      const packets = rng.logInt(40_000, 700_000);
      c = { peer: rng.pick(pools.heavyClients), peerPort: clientPort(rng), localPort: 443, protocol: 6, inbound: true, action: 'ACCEPT', requestPackets: Math.round(packets / 2), requestBytes: Math.round(packets / 2) * 52, responsePackets: packets, responseBytes: packets * rng.int(1380, 1448), reply: true, egressPath: 8, longLived: true };
      break;
    }
    case 'ssh-probe':
    case 'rdp-probe':
      c = { peer: rng.pick(pools.scanners), peerPort: clientPort(rng), localPort: kind === 'ssh-probe' ? 22 : 3389, protocol: 6, inbound: true, action: 'REJECT', requestPackets: rng.int(1, 3), requestBytes: 0, responsePackets: 0, responseBytes: 0, reply: false, egressPath: null };
      c.requestBytes = c.requestPackets * rng.pick([40, 44, 60]);
      break;
    case 'ssh-admin':
    case 'rdp-admin': {
      const packets = rng.int(40, 900);
      c = { peer: pools.admin, peerPort: clientPort(rng), localPort: kind === 'ssh-admin' ? 22 : 3389, protocol: 6, inbound: true, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(52, 120), responsePackets: Math.round(packets * 1.2), responseBytes: Math.round(packets * 1.2) * rng.int(90, 600), reply: true, egressPath: 8, longLived: true };
      break;
    }
    case 'icmp-in': {
      const packets = rng.int(1, 8);
      c = { peer: rng.pick([...pools.clients, ...pools.scanners]), peerPort: 0, localPort: 0, protocol: 1, inbound: true, action: rng.chance(0.7) ? 'ACCEPT' : 'REJECT', requestPackets: packets, requestBytes: packets * 84, responsePackets: packets, responseBytes: packets * 84, reply: true, egressPath: 8 };
      c.reply = c.action === 'ACCEPT';
      break;
    }
    case 'icmp-out': {
      const packets = rng.int(1, 5);
      const peerEni = peerOf('db');
      c = { peer: address(peerEni), peerEni, peerPort: 0, localPort: 0, protocol: 1, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * 84, responsePackets: packets, responseBytes: packets * 84, reply: true, egressPath: 1 };
      break;
    }
    case 'dns':
      c = { peer: topology.resolver, peerPort: 53, localPort: ephemeral(rng), protocol: 17, inbound: false, action: 'ACCEPT', requestPackets: 1, requestBytes: rng.int(60, 90), responsePackets: 1, responseBytes: rng.int(90, 300), reply: true, egressPath: 1 };
      break;
    case 'web-to-app': {
      const packets = rng.int(6, 120);
      const peerEni = peerOf('app');
      c = { peer: address(peerEni), peerEni, peerPort: 8080, localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(100, 400), responsePackets: packets, responseBytes: packets * rng.int(400, 1400), reply: true, egressPath: 1 };
      break;
    }
    case 'app-to-db': {
      const packets = rng.int(10, 400);
      const peerEni = peerOf('db');
      c = { peer: address(peerEni), peerEni, peerPort: 5432, localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(80, 300), responsePackets: packets, responseBytes: packets * rng.int(200, 1400), reply: true, egressPath: 1, longLived: true };
      break;
    }
    case 'internal-ssh': {
      const packets = rng.int(30, 500);
      const peerEni = rng.pick([peerOf('app'), peerOf('db')]);
      c = { peer: address(peerEni), peerEni, peerPort: 22, localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * 90, responsePackets: packets, responseBytes: packets * 300, reply: true, egressPath: 1, longLived: true };
      break;
    }
    case 's3-backup': {
      const packets = rng.logInt(20_000, 400_000);
      c = { peer: rng.pick(pools.s3), peerPort: 443, localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(1380, 8949), responsePackets: Math.round(packets / 2), responseBytes: Math.round(packets / 2) * 52, reply: true, egressPath: 7, longLived: true };
      break;
    }
    case 'dynamodb': {
      const packets = rng.int(6, 80);
      c = { peer: rng.pick(pools.dynamodb), peerPort: 443, localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(200, 900), responsePackets: packets, responseBytes: packets * rng.int(300, 1400), reply: true, egressPath: 7 };
      break;
    }
    case 'egress-https':
    case 'egress-https-v6': {
      const packets = rng.int(8, 200);
      const v6 = kind === 'egress-https-v6' && eni.ipv6Address;
      const peer = v6 ? rng.pick(pools.clientsV6) : rng.pick([...pools.internet, ...pools.amazon]);
      c = { peer, peerPort: 443, localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(80, 300), responsePackets: packets, responseBytes: packets * rng.int(600, 1448), reply: true, egressPath: eni.role === 'app' ? (v6 ? 2 : 1) : 8, type: v6 ? 'IPv6' : 'IPv4', localAddress: v6 ? eni.ipv6Address : undefined };
      break;
    }
    case 'rejected-out':
      c = { peer: rng.pick(pools.internet), peerPort: rng.pick([25, 6667, 23]), localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'REJECT', requestPackets: rng.int(1, 3), requestBytes: 0, responsePackets: 0, responseBytes: 0, reply: false, egressPath: 1 };
      c.requestBytes = c.requestPackets * 60;
      break;
    case 'nat-forward':
      return natForward(eni, span, ctx);
  }
  return conversationFlows(eni, c, span, ctx);
}

function conversationFlows(eni: DemoInterface, c: Conversation, span: Span, ctx: GenContext): Flow[] {
  const { rng, pools } = ctx;
  const type = c.type ?? 'IPv4';
  const local = c.localAddress ?? eni.privateIpAddress;
  const protocol = type === 'IPv6' && c.protocol === 1 ? 58 : c.protocol;
  const { start, end } = timing(span, rng, c.longLived);
  const tcp = protocol === 6;
  const finished = rng.chance(c.longLived ? 0.3 : 0.8);
  // Initiator side: SYN (+FIN when the connection also closed in the interval); probes only SYN.
  const initiatorFlags = !tcp ? null : c.reply ? (finished ? 3 : rng.pick([2, 0])) : 2;
  const responderFlags = !tcp ? null : finished ? 19 : rng.pick([18, 0]);
  const clientAddr = c.inbound ? c.peer : local;
  const clientPort = c.inbound ? c.peerPort : c.localPort;
  const serverAddr = c.inbound ? local : c.peer;
  const serverPort = c.inbound ? c.localPort : c.peerPort;
  const clientService = awsService(clientAddr, pools);
  const serverService = awsService(serverAddr, pools);
  const request = makeFlow(eni, protocol, type, start, end, c.action, clientAddr, serverAddr, clientPort, serverPort,
    c.requestPackets, Math.max(c.requestBytes, c.requestPackets * 40), initiatorFlags, clientAddr, serverAddr,
    clientService, serverService, c.inbound ? 'ingress' : 'egress', c.inbound ? null : c.egressPath);
  if (!c.reply) return [request];
  const response = makeFlow(eni, protocol, type, Math.min(end, start + rng.int(0, 1)), end, c.action, serverAddr, clientAddr,
    serverPort, clientPort, c.responsePackets, Math.max(c.responseBytes, c.responsePackets * 40), responderFlags, serverAddr,
    clientAddr, serverService, clientService, c.inbound ? 'egress' : 'ingress', c.inbound ? c.egressPath : null);
  if (!c.peerEni) return [request, response];
  // The interface at the other end records the same packets the other way round: the request
  // arrives there, the response leaves it (through the VPC, traffic path 1).
  const peer = c.peerEni;
  return [
    request,
    response,
    { ...request, eni: peer, direction: c.inbound ? 'egress' : 'ingress', trafficPath: c.inbound ? 1 : null },
    { ...response, eni: peer, direction: c.inbound ? 'ingress' : 'egress', trafficPath: c.inbound ? null : 1 },
  ];
}

function makeFlow(
  eni: DemoInterface,
  protocol: number,
  type: 'IPv4' | 'IPv6',
  start: number,
  end: number,
  action: 'ACCEPT' | 'REJECT',
  srcaddr: string,
  dstaddr: string,
  srcport: number,
  dstport: number,
  packets: number,
  bytes: number,
  tcpFlags: number | null,
  pktSrcaddr: string,
  pktDstaddr: string,
  pktSrcAwsService: string | null,
  pktDstAwsService: string | null,
  direction: 'ingress' | 'egress',
  trafficPath: number | null,
): Flow {
  return {
    eni,
    srcaddr,
    dstaddr,
    srcport,
    dstport,
    protocol,
    packets,
    bytes,
    start,
    end,
    action,
    tcpFlags,
    type,
    pktSrcaddr,
    pktDstaddr,
    pktSrcAwsService,
    pktDstAwsService,
    direction,
    trafficPath,
    status: 'OK',
  };
}

/**
 * A private instance (`host`) reaching the internet through the NAT gateway. The instance's
 * interface records its request and the answer (traffic path 1: through the gateway in the VPC);
 * the gateway's interface records four hops, where srcaddr/dstaddr are the hop and
 * pkt-srcaddr/pkt-dstaddr the original endpoints.
 */
function natForward(host: DemoInterface, span: Span, ctx: GenContext): Flow[] {
  const { rng, pools, topology } = ctx;
  const gateway = topology.enis.find((other) => other.role === 'nat');
  const inside = host.privateIpAddress;
  const remote = rng.pick([...pools.internet, ...pools.amazon]);
  if (!gateway) return connectionFor(host, span, ctx, 'egress-https');
  const eni = gateway;
  const nat = eni.privateIpAddress;
  const { start, end } = timing(span, rng);
  const packets = rng.int(6, 300);
  const out = packets * rng.int(80, 400);
  const back = packets * rng.int(600, 1448);
  const sport = ephemeral(rng);
  const natPort = rng.int(1024, 65535);
  const finished = rng.chance(0.75);
  const service = awsService(remote, pools);
  const out1 = finished ? 3 : 2;
  const back1 = finished ? 19 : 18;
  return [
    makeFlow(host, 6, 'IPv4', start, end, 'ACCEPT', inside, remote, sport, 443, packets, out, out1, inside, remote, null, service, 'egress', 1),
    makeFlow(host, 6, 'IPv4', start, end, 'ACCEPT', remote, inside, 443, sport, packets, back, back1, remote, inside, service, null, 'ingress', null),
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', inside, nat, sport, 443, packets, out, out1, inside, remote, null, service, 'ingress', null),
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', nat, remote, natPort, 443, packets, out, out1, nat, remote, null, service, 'egress', 8),
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', remote, nat, 443, natPort, packets, back, back1, remote, nat, service, null, 'ingress', null),
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', nat, inside, 443, sport, packets, back, back1, remote, inside, service, null, 'egress', 1),
  ];
}
