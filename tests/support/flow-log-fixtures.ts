import zlib from 'node:zlib';

/**
 * Deterministic flow-log records for Athena tests: every field the sixteen predefined queries read,
 * with the awkward cases real logs have — NODATA/SKIPDATA records full of '-', IPv6, NAT'd
 * packet-level addresses, requester-managed interfaces without an instance ('-'), TCP flags — and
 * the placeholder address 10.0.0.1 the saved queries filter on.
 */

export const V5_FIELDS = [
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end',
  'action', 'log-status', 'vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr',
] as const;

export const V2_FIELDS = V5_FIELDS.slice(0, 14);

export type FlowRecord = Record<string, string>;

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IPV4 = ['10.0.0.1', '10.0.0.2', '10.0.0.5', '10.0.1.7', '10.0.1.9', '10.0.2.20', '172.31.16.139', '172.31.9.12', '52.95.128.179', '203.0.113.12', '198.51.100.7', '34.201.10.4'];
const IPV6 = ['2001:db8:1234:a100:8d6e:3477:df66:f105', '2001:db8:1234:a102:3304:8879:34cf:4071', '2600:1f18:abc::7'];
const PORTS = [22, 3389, 443, 80, 8080, 5432, 53];

/** `count` records whose start times fall on `day` (UTC midnight, epoch seconds). */
export function generateRecords(count: number, seed: number, day: number): FlowRecord[] {
  const random = prng(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const records: FlowRecord[] = [];
  for (let i = 0; i < count; i++) {
    const start = day + Math.floor(random() * 86_000);
    const roll = random();
    const eni = `eni-0${Math.floor(random() * 6)}abc1234567890`;
    const subnet = pick(['subnet-0aaa', 'subnet-0bbb', 'subnet-0ccc']);
    const base: FlowRecord = {
      version: '5',
      'account-id': ACCOUNT,
      'interface-id': eni,
      start: String(start),
      end: String(start + 60),
      'vpc-id': 'vpc-0123abcd',
      'subnet-id': subnet,
    };
    if (roll < 0.05) {
      records.push({
        ...base,
        srcaddr: '-', dstaddr: '-', srcport: '-', dstport: '-', protocol: '-', packets: '-', bytes: '-', action: '-',
        'log-status': random() < 0.7 ? 'NODATA' : 'SKIPDATA', 'instance-id': '-', 'tcp-flags': '-', type: '-', 'pkt-srcaddr': '-', 'pkt-dstaddr': '-',
        'subnet-id': random() < 0.5 ? '-' : subnet,
      });
      continue;
    }
    const v6 = random() < 0.15;
    const srcaddr = v6 ? pick(IPV6) : pick(IPV4);
    let dstaddr = v6 ? pick(IPV6) : pick(IPV4);
    if (dstaddr === srcaddr) dstaddr = v6 ? IPV6[(IPV6.indexOf(srcaddr) + 1) % IPV6.length] : IPV4[(IPV4.indexOf(srcaddr) + 1) % IPV4.length];
    const protocol = random() < 0.7 ? 6 : random() < 0.6 ? 17 : 1;
    const outbound = random() < 0.5;
    const service = pick(PORTS);
    const ephemeral = 32768 + Math.floor(random() * 28000);
    const srcport = protocol === 1 ? 0 : outbound ? ephemeral : service;
    const dstport = protocol === 1 ? 0 : outbound ? service : ephemeral;
    const packets = 1 + Math.floor(random() * 200);
    const bytes = packets * (40 + Math.floor(random() * 1400)) + Math.floor(random() * 997);
    const nat = random() < 0.2;
    records.push({
      ...base,
      srcaddr,
      dstaddr,
      srcport: String(srcport),
      dstport: String(dstport),
      protocol: String(protocol),
      packets: String(packets),
      bytes: String(bytes),
      action: random() < 0.75 ? 'ACCEPT' : 'REJECT',
      'log-status': 'OK',
      'instance-id': random() < 0.2 ? '-' : `i-0${Math.floor(random() * 5)}def567890abc`,
      'tcp-flags': protocol === 6 ? String(pick([0, 2, 2, 18, 19, 3, 1])) : '0',
      type: v6 ? 'IPv6' : 'IPv4',
      'pkt-srcaddr': nat ? pick(IPV4) : random() < 0.05 ? '-' : srcaddr,
      'pkt-dstaddr': nat && random() < 0.5 ? '10.0.0.1' : dstaddr,
    });
  }
  return records;
}

/** A flow-log text object as AWS delivers it: gzip, a header line of field names, space-separated values. */
export function textFlowLogFile(fields: readonly string[], records: FlowRecord[]): Buffer {
  const lines = [fields.join(' '), ...records.map((r) => fields.map((f) => r[f]).join(' '))];
  return zlib.gzipSync(Buffer.from(`${lines.join('\n')}\n`));
}

export const dayEpoch = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
