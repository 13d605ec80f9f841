import { logFormatFields, recordVersion, type FlowLogFieldName } from '../../../lib/flow-logs';
import { demoTopology, interfacesForResource, type DemoInterface, type InterfaceRole } from '../services/ec2/demo-topology';
import { Prng } from './prng';

/**
 * Synthetic VPC flow log records for one flow log and one 5-minute delivery window.
 *
 * Pure and deterministic: the same flow log, window and options always give the same records
 * (the seed is the flow log id plus the window start), so tests regenerate what was delivered.
 * Traffic follows each interface's role in the demo topology: a web server taking HTTPS (IPv4
 * and IPv6) from the internet, SSH/RDP probes rejected on the public hosts, app servers talking
 * to the database, DNS to the VPC resolver, backups to S3 through a gateway endpoint (the heavy
 * talkers), outbound traffic through the NAT gateway, ICMP, and now and then NODATA / SKIPDATA.
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
  /** Average OK records per window for the whole flow log, before the time-of-day swing. */
  recordsPerWindow: number;
}

export interface GeneratedWindow {
  fields: FlowLogFieldName[];
  /** One array per record, values in `fields` order; null is written as '-' in text files. */
  records: FlowLogValue[][];
}

export const WINDOW_SECONDS = 300;

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

const ROLE_WEIGHT: Record<InterfaceRole, number> = { web: 3.2, nat: 2.2, app: 1.6, db: 1.1, bastion: 1.0, windows: 0.7, idle: 0 };

export function generateRecords(flowLog: FlowLogTrafficSpec, windowStart: number, options: GenerateOptions): GeneratedWindow {
  const fields = logFormatFields(flowLog.logFormat);
  if (windowStart % WINDOW_SECONDS !== 0) throw new Error(`window start ${windowStart} is not aligned to ${WINDOW_SECONDS} s`);
  const topology = demoTopology(flowLog.accountId, flowLog.region);
  const enis = interfacesForResource(topology, flowLog.resourceId);
  const rng = new Prng(`${flowLog.flowLogId}|${windowStart}`);
  const pools = addressPools(flowLog.accountId, flowLog.region);
  const ctx: GenContext = { rng, pools, topology: { enis: topology.interfaces, resolver: '10.0.0.2' } };

  // Busier in the (UTC) afternoon, quiet at night: 0.25 … 1.75 of the average.
  const hour = (windowStart % 86_400) / 3600;
  const swing = 1 + 0.75 * Math.sin(((hour - 8) / 24) * 2 * Math.PI);
  const totalWeight = enis.reduce((sum, eni) => sum + ROLE_WEIGHT[eni.role], 0) || 1;
  const subWindows = flowLog.maxAggregationInterval === 60 ? 5 : 1;
  const subLength = WINDOW_SECONDS / subWindows;

  const flows: Flow[] = [];
  const statuses: StatusRecord[] = [];
  for (const eni of enis) {
    const mean = ((options.recordsPerWindow * swing * ROLE_WEIGHT[eni.role]) / totalWeight) / subWindows;
    for (let sub = 0; sub < subWindows; sub += 1) {
      const span = { from: windowStart + sub * subLength, to: windowStart + (sub + 1) * subLength, aggregation: flowLog.maxAggregationInterval };
      // Connections come in ingress/egress pairs, so aim for half as many connections as records.
      const connections = rng.poisson(mean / 1.8);
      if (connections === 0) {
        statuses.push({ eni, start: span.from + rng.int(0, 9), end: span.to - 1 - rng.int(0, 9), status: 'NODATA' });
        continue;
      }
      for (let i = 0; i < connections; i += 1) flows.push(...connectionFor(eni, span, ctx));
      // The heavy talkers: big downloads from the web server most windows, nightly backups to S3.
      if (sub === 0 && eni.role === 'web' && rng.chance(0.6)) flows.push(...connectionFor(eni, span, ctx, 'heavy-download'));
      if (sub === 0 && eni.role === 'db' && hour >= 1 && hour < 4) flows.push(...connectionFor(eni, span, ctx, 's3-backup'));
      if (rng.chance(0.004)) statuses.push({ eni, start: span.from + rng.int(0, 30), end: span.to - 1, status: 'SKIPDATA' });
    }
  }

  const kept = flows.filter((flow) => flowLog.trafficType === 'ALL' || flow.action === flowLog.trafficType);
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
  aggregation: 60 | 600;
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

const KINDS: Record<InterfaceRole, readonly (readonly [Kind, number])[]> = {
  web: [
    ['https-in', 50],
    ['https-in-v6', 12],
    ['http-in', 6],
    ['heavy-download', 2],
    ['ssh-probe', 10],
    ['icmp-in', 6],
    ['dns', 6],
    ['web-to-app', 12],
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
  nat: [['nat-forward', 100]],
  app: [
    ['web-to-app', 25],
    ['app-to-db', 25],
    ['dns', 10],
    ['dynamodb', 6],
    ['s3-backup', 2],
    ['egress-https', 8],
    ['egress-https-v6', 3],
    ['icmp-out', 4],
    ['rejected-out', 2],
  ],
  db: [
    ['app-to-db', 40],
    ['s3-backup', 3],
    ['dns', 5],
  ],
  idle: [],
};

const ephemeral = (rng: Prng) => rng.int(32768, 60999);
const clientPort = (rng: Prng) => rng.int(49152, 65535);

function timing(span: Span, rng: Prng, longLived = false): { start: number; end: number } {
  const end = rng.int(span.from, span.to - 1);
  const maxDuration = span.aggregation === 60 ? Math.min(59, end - span.from + 59) : longLived ? 599 : rng.int(1, 240);
  const duration = Math.min(rng.int(0, maxDuration), span.aggregation === 60 ? end - span.from : maxDuration);
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
}

function connectionFor(eni: DemoInterface, span: Span, ctx: GenContext, forced?: Kind): Flow[] {
  const { rng, pools, topology } = ctx;
  const kind = forced ?? rng.weighted(KINDS[eni.role]);
  const peerOf = (role: InterfaceRole) => {
    const candidates = topology.enis.filter((other) => other.role === role && other.networkInterfaceId !== eni.networkInterfaceId);
    return candidates.length ? rng.pick(candidates).privateIpAddress : '10.0.16.99';
  };
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
      c = { peer: peerOf('db'), peerPort: 0, localPort: 0, protocol: 1, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * 84, responsePackets: packets, responseBytes: packets * 84, reply: true, egressPath: 1 };
      break;
    }
    case 'dns':
      c = { peer: topology.resolver, peerPort: 53, localPort: ephemeral(rng), protocol: 17, inbound: false, action: 'ACCEPT', requestPackets: 1, requestBytes: rng.int(60, 90), responsePackets: 1, responseBytes: rng.int(90, 300), reply: true, egressPath: 1 };
      break;
    case 'web-to-app': {
      const packets = rng.int(6, 120);
      // On the web server it is outbound; on an app server the same conversation arrives inbound.
      const inbound = eni.role === 'app';
      c = { peer: inbound ? peerOf('web') : peerOf('app'), peerPort: inbound ? ephemeral(rng) : 8080, localPort: inbound ? 8080 : ephemeral(rng), protocol: 6, inbound, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(100, 400), responsePackets: packets, responseBytes: packets * rng.int(400, 1400), reply: true, egressPath: 1 };
      break;
    }
    case 'app-to-db': {
      const packets = rng.int(10, 400);
      const inbound = eni.role === 'db';
      c = { peer: inbound ? peerOf('app') : peerOf('db'), peerPort: inbound ? ephemeral(rng) : 5432, localPort: inbound ? 5432 : ephemeral(rng), protocol: 6, inbound, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * rng.int(80, 300), responsePackets: packets, responseBytes: packets * rng.int(200, 1400), reply: true, egressPath: 1, longLived: true };
      break;
    }
    case 'internal-ssh': {
      const packets = rng.int(30, 500);
      c = { peer: rng.pick([peerOf('app'), peerOf('db')]), peerPort: 22, localPort: ephemeral(rng), protocol: 6, inbound: false, action: 'ACCEPT', requestPackets: packets, requestBytes: packets * 90, responsePackets: packets, responseBytes: packets * 300, reply: true, egressPath: 1, longLived: true };
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
  return [request, response];
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
 * A private instance reaching the internet through the NAT gateway, as seen on the gateway's
 * interface: four records, where srcaddr/dstaddr are the hop and pkt-srcaddr/pkt-dstaddr the
 * original endpoints.
 */
function natForward(eni: DemoInterface, span: Span, ctx: GenContext): Flow[] {
  const { rng, pools, topology } = ctx;
  const privateHosts = topology.enis.filter((other) => other.role === 'app' || other.role === 'db');
  const inside = privateHosts.length ? rng.pick(privateHosts).privateIpAddress : '10.0.16.21';
  const remote = rng.pick([...pools.internet, ...pools.amazon]);
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
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', inside, nat, sport, 443, packets, out, out1, inside, remote, null, service, 'ingress', null),
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', nat, remote, natPort, 443, packets, out, out1, nat, remote, null, service, 'egress', 8),
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', remote, nat, 443, natPort, packets, back, back1, remote, nat, service, null, 'ingress', null),
    makeFlow(eni, 6, 'IPv4', start, end, 'ACCEPT', nat, inside, 443, sport, packets, back, back1, remote, inside, service, null, 'egress', 1),
  ];
}
