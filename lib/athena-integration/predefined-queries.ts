import { logFormatFields, parseLogFormat, type FlowLogFieldName } from '../flow-logs';

/**
 * The sixteen predefined ("saved") Athena queries of the integration. A template gets a query only
 * when every field it reads is in the flow log's format; the AWS default format gets six of them.
 *
 * Evidence (team reference §3): names and the guide's descriptions are verified. The SQL of
 * TotalBytesTransferred, SshRdpTraffic, RejectedTraffic and AdminPortTraffic and their template
 * descriptions come from a third-party port of the AWS template; the other twelve queries are
 * reconstructed in the same style. Field sets are chosen so the SQL and the default-format six agree.
 */
export interface PredefinedQuery {
  name: string;
  description: string;
  /** Flow log fields (LogFormat names) the SQL reads; all must be in the format. */
  requiredFields: readonly FlowLogFieldName[];
  /** Trino (Athena engine v3) SQL against the integration's table. */
  sql(table: string): string;
}

const q = (name: string, description: string, requiredFields: FlowLogFieldName[], sql: (table: string) => string): PredefinedQuery => ({
  name,
  description,
  requiredFields,
  sql,
});

// `start`, `end` and `action` are quoted: `end` is reserved in Athena, and quoting the other two keeps
// the queries unambiguous as the engine's keyword list grows. Addresses such as 10.0.0.1 are
// placeholders the user edits before running.
export const PREDEFINED_QUERIES: readonly PredefinedQuery[] = [
  q(
    'VpcFlowLogsAcceptedTraffic',
    'The TCP connections that were allowed based on your security groups and network ACLs.',
    ['action', 'protocol', 'tcp-flags', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'start'],
    (t) => `SELECT srcaddr, dstaddr, srcport, dstport, protocol, tcp_flags, from_unixtime("start") AS start_time
FROM ${t}
WHERE "action" = 'ACCEPT' AND protocol = 6 AND tcp_flags = 2
ORDER BY "start" DESC
LIMIT 100`,
  ),
  q(
    'VpcFlowLogsAdminPortTraffic',
    'Monitor the traffic on administrative web app ports',
    ['srcaddr', 'dstaddr', 'bytes'],
    (t) => `SELECT ip, sum(bytes) as total_bytes
FROM (
  SELECT dstaddr as ip,sum(bytes) as bytes
  FROM ${t}
  GROUP BY 1
  UNION ALL
  SELECT srcaddr as ip,sum(bytes) as bytes
  FROM ${t}
  GROUP BY 1
)
GROUP BY ip
ORDER BY total_bytes
DESC LIMIT 10`,
  ),
  q('VpcFlowLogsIPv4Traffic', 'The total bytes of IPv4 traffic recorded.', ['bytes', 'type'], (t) => `SELECT SUM(bytes) AS totalbytes
FROM ${t}
WHERE type = 'IPv4'`),
  q('VpcFlowLogsIPv6Traffic', 'The total bytes of IPv6 traffic recorded.', ['bytes', 'type'], (t) => `SELECT SUM(bytes) AS totalbytes
FROM ${t}
WHERE type = 'IPv6'`),
  q(
    'VpcFlowLogsRejectedTCPTraffic',
    'The TCP connections that were rejected based on your security groups or network ACLs.',
    ['action', 'protocol', 'tcp-flags', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'start'],
    (t) => `SELECT srcaddr, dstaddr, srcport, dstport, protocol, tcp_flags, from_unixtime("start") AS start_time
FROM ${t}
WHERE "action" = 'REJECT' AND protocol = 6
ORDER BY "start" DESC
LIMIT 100`,
  ),
  q(
    'VpcFlowLogsRejectedTraffic',
    'Recorded traffic which was not permitted by the security groups or network ACLs.',
    ['srcaddr', 'dstaddr', 'action'],
    (t) => `SELECT srcaddr, dstaddr,  count(*) count, "action"
FROM ${t}
WHERE "action" = 'REJECT'
GROUP BY srcaddr, dstaddr, "action"
ORDER BY count desc
LIMIT 25`,
  ),
  q('VpcFlowLogsSshRdpTraffic', 'Monitor SSH and RDP traffic', ['srcport', 'dstport', 'start'], (t) => `SELECT *
FROM ${t}
WHERE srcport in (22,3389) OR dstport IN (22, 3389)
ORDER BY "start" ASC
limit 50`),
  q('VpcFlowLogsTopTalkers', 'The 50 IP addresses with the most traffic recorded.', ['srcaddr', 'dstaddr', 'bytes'], (t) => `SELECT ip, SUM(bytes) AS total_bytes
FROM (
  SELECT srcaddr AS ip, bytes FROM ${t}
  UNION ALL
  SELECT dstaddr AS ip, bytes FROM ${t}
)
GROUP BY ip
ORDER BY total_bytes DESC
LIMIT 50`),
  q(
    'VpcFlowLogsTopTalkersPacketLevel',
    'The 50 packet-level IP addresses with the most traffic recorded.',
    ['pkt-srcaddr', 'pkt-dstaddr', 'bytes'],
    (t) => `SELECT ip, SUM(bytes) AS total_bytes
FROM (
  SELECT pkt_srcaddr AS ip, bytes FROM ${t}
  UNION ALL
  SELECT pkt_dstaddr AS ip, bytes FROM ${t}
)
WHERE ip <> '-'
GROUP BY ip
ORDER BY total_bytes DESC
LIMIT 50`,
  ),
  q(
    'VpcFlowLogsTopTalkingInstances',
    'The IDs of the 50 instances with the most traffic recorded.',
    ['instance-id', 'bytes'],
    (t) => `SELECT instance_id, SUM(bytes) AS total_bytes
FROM ${t}
WHERE instance_id <> '-'
GROUP BY instance_id
ORDER BY total_bytes DESC
LIMIT 50`,
  ),
  q(
    'VpcFlowLogsTopTalkingSubnets',
    'The IDs of the 50 subnets with the most traffic recorded.',
    ['subnet-id', 'bytes'],
    (t) => `SELECT subnet_id, SUM(bytes) AS total_bytes
FROM ${t}
GROUP BY subnet_id
ORDER BY total_bytes DESC
LIMIT 50`,
  ),
  q(
    'VpcFlowLogsTopTCPTraffic',
    'All TCP traffic recorded for a source IP address.',
    ['srcaddr', 'dstaddr', 'tcp-flags', 'packets', 'bytes', 'protocol'],
    (t) => `SELECT srcaddr, dstaddr, tcp_flags, SUM(packets) AS packets, SUM(bytes) AS total_bytes
FROM ${t}
WHERE protocol = 6 AND srcaddr = '10.0.0.1'
GROUP BY srcaddr, dstaddr, tcp_flags
ORDER BY total_bytes DESC
LIMIT 50`,
  ),
  // The port orders ascending ("ORDER BY totalbytes"), which lists the pairs with the fewest bytes;
  // the query promises the most, so it orders descending.
  q(
    'VpcFlowLogsTotalBytesTransferred',
    'Top 50 pairs of source and destination IP addresses with the most bytes transferred.',
    ['srcaddr', 'dstaddr', 'bytes'],
    (t) => `SELECT SUM(bytes) as totalbytes, srcaddr, dstaddr from ${t}
GROUP BY srcaddr, dstaddr
ORDER BY totalbytes DESC
LIMIT 50`,
  ),
  q(
    'VpcFlowLogsTotalBytesTransferredPacketLevel',
    'The 50 pairs of packet-level source and destination IP addresses with the most bytes recorded.',
    ['pkt-srcaddr', 'pkt-dstaddr', 'bytes'],
    (t) => `SELECT SUM(bytes) AS totalbytes, pkt_srcaddr, pkt_dstaddr
FROM ${t}
GROUP BY pkt_srcaddr, pkt_dstaddr
ORDER BY totalbytes DESC
LIMIT 50`,
  ),
  q('VpcFlowLogsTrafficFrmSrcAddr', 'The traffic recorded for a specific source IP address.', ['srcaddr', 'start'], (t) => `SELECT *
FROM ${t}
WHERE srcaddr = '10.0.0.1'
ORDER BY "start" ASC
LIMIT 50`),
  q(
    'VpcFlowLogsTrafficToDstAddr',
    'The traffic recorded for a specific destination IP address.',
    ['dstaddr', 'pkt-dstaddr', 'start'],
    (t) => `SELECT *
FROM ${t}
WHERE dstaddr = '10.0.0.1' OR pkt_dstaddr = '10.0.0.1'
ORDER BY "start" ASC
LIMIT 50`,
  ),
];

/** The queries whose fields are all among `fields`, in catalog order. */
export function predefinedQueriesForFields(fields: readonly string[]): PredefinedQuery[] {
  const present = new Set(fields);
  return PREDEFINED_QUERIES.filter((query) => query.requiredFields.every((field) => present.has(field)));
}

/**
 * The saved queries a flow log with this LogFormat gets (undefined = the AWS default format).
 * An unparsable format gets none, so a preview never throws while the user types.
 */
export function predefinedQueriesFor(logFormat: string | undefined): PredefinedQuery[] {
  if (logFormat !== undefined && !parseLogFormat(logFormat).ok) return [];
  return predefinedQueriesForFields(logFormatFields(logFormat));
}

/** For a preview of what is left out: each missing query with the fields the format lacks. */
export function missingPredefinedQueries(logFormat: string | undefined): { query: PredefinedQuery; missingFields: FlowLogFieldName[] }[] {
  const parsed = logFormat === undefined ? undefined : parseLogFormat(logFormat);
  const fields = new Set<string>(parsed === undefined ? logFormatFields(undefined) : parsed.ok ? parsed.fields : []);
  return PREDEFINED_QUERIES.flatMap((query) => {
    const missingFields = query.requiredFields.filter((field) => !fields.has(field));
    return missingFields.length ? [{ query, missingFields: [...missingFields] }] : [];
  });
}
