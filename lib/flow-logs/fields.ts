/**
 * The VPC flow log record fields, versions 2–8, in the order of AWS's "Available fields" table.
 * That order is the one the console's field picker shows and the one the default format uses.
 * Pure data: shared by local AWS (validation, delivery) and the console (picker, Athena columns).
 */

export type FlowLogFieldName = (typeof FLOW_LOG_FIELDS)[number]['name'];

/** Parquet physical/logical type of a field in Parquet flow log files. Text files hold strings only. */
export type FlowLogParquetType = 'INT_32' | 'INT_64' | 'STRING';

export interface FlowLogField {
  /** Name as written in `${…}` tokens and in the text header line. */
  name: string;
  /** Flow log version that introduced the field; a record's version is the highest among its fields. */
  version: 2 | 3 | 4 | 5 | 7 | 8;
  parquetType: FlowLogParquetType;
  /** Column type the Athena integration declares (Glue/Hive type). */
  athenaType: 'int' | 'bigint' | 'string';
  description: string;
}

const f = (
  name: string,
  version: FlowLogField['version'],
  parquetType: FlowLogParquetType,
  athenaType: FlowLogField['athenaType'],
  description: string,
) => ({ name, version, parquetType, athenaType, description }) as const;

export const FLOW_LOG_FIELDS = [
  f('version', 2, 'INT_32', 'int', 'The VPC Flow Logs version. With the default format the version is 2; with a custom format it is the highest version among the specified fields.'),
  f('account-id', 2, 'STRING', 'string', 'The AWS account ID of the owner of the source network interface for which traffic is recorded.'),
  f('interface-id', 2, 'STRING', 'string', 'The ID of the network interface for which the traffic is recorded.'),
  f('srcaddr', 2, 'STRING', 'string', 'For incoming traffic, the IP address of the source of traffic. For outgoing traffic, the private IPv4 address or the IPv6 address of the network interface that sends the traffic.'),
  f('dstaddr', 2, 'STRING', 'string', 'For outgoing traffic, the IP address of the destination. For incoming traffic, the private IPv4 address or the IPv6 address of the network interface that receives the traffic.'),
  f('srcport', 2, 'INT_32', 'int', 'The source port of the traffic.'),
  f('dstport', 2, 'INT_32', 'int', 'The destination port of the traffic.'),
  f('protocol', 2, 'INT_32', 'bigint', 'The IANA protocol number of the traffic.'),
  f('packets', 2, 'INT_64', 'bigint', 'The number of packets transferred during the flow.'),
  f('bytes', 2, 'INT_64', 'bigint', 'The number of bytes transferred during the flow.'),
  f('start', 2, 'INT_64', 'bigint', 'The time, in Unix seconds, when the first packet of the flow was received within the aggregation interval.'),
  f('end', 2, 'INT_64', 'bigint', 'The time, in Unix seconds, when the last packet of the flow was received within the aggregation interval.'),
  f('action', 2, 'STRING', 'string', 'ACCEPT: the traffic was accepted. REJECT: the traffic was rejected, for example by a security group or network ACL.'),
  f('log-status', 2, 'STRING', 'string', 'OK: data is logging normally. NODATA: no network traffic during the aggregation interval. SKIPDATA: some records were skipped during the aggregation interval.'),
  f('vpc-id', 3, 'STRING', 'string', 'The ID of the VPC that contains the network interface for which the traffic is recorded.'),
  f('subnet-id', 3, 'STRING', 'string', 'The ID of the subnet that contains the network interface for which the traffic is recorded.'),
  f('instance-id', 3, 'STRING', 'string', "The ID of the instance associated with the network interface, if you own the instance; '-' for a requester-managed interface such as a NAT gateway's."),
  f('tcp-flags', 3, 'INT_32', 'int', 'The bitmask of TCP flags seen during the aggregation interval: FIN 1, SYN 2, RST 4, SYN-ACK 18; OR-ed together (19 = SYN-ACK + FIN).'),
  f('type', 3, 'STRING', 'string', 'The type of traffic: IPv4, IPv6 or EFA.'),
  f('pkt-srcaddr', 3, 'STRING', 'string', 'The packet-level (original) source IP address of the traffic, e.g. behind a NAT gateway.'),
  f('pkt-dstaddr', 3, 'STRING', 'string', 'The packet-level (original) destination IP address of the traffic.'),
  f('region', 4, 'STRING', 'string', 'The Region that contains the network interface for which traffic is recorded.'),
  f('az-id', 4, 'STRING', 'string', "The ID of the Availability Zone that contains the network interface; '-' for traffic from a sublocation."),
  f('sublocation-type', 4, 'STRING', 'string', "The type of sublocation in sublocation-id: wavelength, outpost or localzone; '-' otherwise."),
  f('sublocation-id', 4, 'STRING', 'string', "The ID of the sublocation that contains the network interface; '-' otherwise."),
  f('pkt-src-aws-service', 5, 'STRING', 'string', 'The name of the subset of IP address ranges for pkt-srcaddr, if the source is an AWS service (S3, DYNAMODB, EC2, …).'),
  f('pkt-dst-aws-service', 5, 'STRING', 'string', 'The name of the subset of IP address ranges for pkt-dstaddr, if the destination is an AWS service.'),
  f('flow-direction', 5, 'STRING', 'string', 'The direction of the flow with respect to the interface where traffic is captured: ingress or egress.'),
  f('traffic-path', 5, 'INT_32', 'int', "The path egress traffic takes: 1 same VPC, 2 internet or gateway endpoint, 3 virtual private gateway, 4 intra-region peering, 5 inter-region peering, 6 local gateway, 7 gateway VPC endpoint, 8 internet gateway; '-' otherwise."),
  f('ecs-cluster-arn', 7, 'STRING', 'string', 'ARN of the ECS cluster if the traffic is from a running ECS task.'),
  f('ecs-cluster-name', 7, 'STRING', 'string', 'Name of the ECS cluster if the traffic is from a running ECS task.'),
  f('ecs-container-instance-arn', 7, 'STRING', 'string', "ARN of the ECS container instance if the traffic is from a running ECS task on an EC2 instance; '-' on Fargate."),
  f('ecs-container-instance-id', 7, 'STRING', 'string', "ID of the ECS container instance if the traffic is from a running ECS task on an EC2 instance; '-' on Fargate."),
  f('ecs-container-id', 7, 'STRING', 'string', 'Docker runtime ID of the (first) container if the traffic is from a running ECS task.'),
  f('ecs-second-container-id', 7, 'STRING', 'string', 'Docker runtime ID of the second container, if the ECS task has more than one.'),
  f('ecs-service-name', 7, 'STRING', 'string', "Name of the ECS service if the ECS task was started by a service; '-' otherwise."),
  f('ecs-task-definition-arn', 7, 'STRING', 'string', 'ARN of the ECS task definition if the traffic is from a running ECS task.'),
  f('ecs-task-arn', 7, 'STRING', 'string', 'ARN of the ECS task if the traffic is from a running ECS task.'),
  f('ecs-task-id', 7, 'STRING', 'string', 'ID of the ECS task if the traffic is from a running ECS task.'),
  f('reject-reason', 8, 'STRING', 'string', "Why traffic was rejected: BPA when VPC Block Public Access blocked it; '-' for any other reason."),
] as const satisfies readonly FlowLogField[];

const BY_NAME = new Map<string, FlowLogField>(FLOW_LOG_FIELDS.map((field) => [field.name, field]));

export function findFlowLogField(name: string): FlowLogField | undefined {
  return BY_NAME.get(name);
}

export function isFlowLogFieldName(name: string): name is FlowLogFieldName {
  return BY_NAME.has(name);
}

/** Column name in Parquet files and Athena tables: `-` becomes `_` (`log-status` → `log_status`). */
export function flowLogColumnName(field: string): string {
  return field.replace(/-/g, '_');
}

/** The version 2 fields, in order: what a flow log created without LogFormat records. */
export const DEFAULT_FLOW_LOG_FIELDS: readonly FlowLogFieldName[] = FLOW_LOG_FIELDS.filter((field) => field.version === 2).map(
  (field) => field.name,
);

export const DEFAULT_LOG_FORMAT = DEFAULT_FLOW_LOG_FIELDS.map((name) => `\${${name}}`).join(' ');

/** Every field up to and including `maxVersion`, in table order, as a LogFormat string. */
export function logFormatUpToVersion(maxVersion: number): string {
  return FLOW_LOG_FIELDS.filter((field) => field.version <= maxVersion)
    .map((field) => `\${${field.name}}`)
    .join(' ');
}
