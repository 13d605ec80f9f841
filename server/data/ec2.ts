import 'server-only';
import {
  paginateDescribeFlowLogs,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type FlowLog,
  type Tag,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { nameTag, type TagRow } from '@/lib/ec2-tags';
import { DEFAULT_LOG_FORMAT } from '@/lib/flow-logs/fields';
import { ec2Client, stsClient } from '@/server/aws/clients';
import { attempt, type ReadResult } from './read-result';

export interface VpcSummary {
  vpcId: string;
  name: string | null;
  state: string;
  cidrBlock: string | null;
  ipv4Cidrs: string[];
  ipv6Cidrs: string[];
  isDefault: boolean;
  dhcpOptionsId: string | null;
  instanceTenancy: string | null;
  ownerId: string | null;
  tags: TagRow[];
}

export interface SubnetSummary {
  subnetId: string;
  name: string | null;
  vpcId: string;
  cidrBlock: string | null;
  availabilityZone: string | null;
  state: string;
}

export interface NetworkInterfaceSummary {
  networkInterfaceId: string;
  name: string | null;
  description: string;
  vpcId: string | null;
  subnetId: string | null;
  privateIpAddress: string | null;
  instanceId: string | null;
  interfaceType: string | null;
}

/** One flow log as the console shows it: DescribeFlowLogs' FlowLog, flattened and serialisable. */
export interface FlowLogView {
  flowLogId: string;
  name: string | null;
  resourceId: string;
  trafficType: string;
  logDestinationType: string;
  /** The S3 bucket ARN (or log group / stream ARN); null when the API gave none. */
  logDestination: string | null;
  logGroupName: string | null;
  logFormat: string;
  maxAggregationInterval: number;
  fileFormat: 'plain-text' | 'parquet' | null;
  hiveCompatiblePartitions: boolean;
  perHourPartition: boolean;
  creationTime: string | null;
  flowLogStatus: string;
  deliverLogsStatus: string | null;
  deliverLogsErrorMessage: string | null;
  deliverLogsPermissionArn: string | null;
  deliverCrossAccountRole: string | null;
  tags: TagRow[];
}

function tagRows(tags: Tag[] | undefined): TagRow[] {
  return (tags ?? []).filter((tag) => tag.Key).map((tag) => ({ key: tag.Key!, value: tag.Value ?? '' }));
}

export function toFlowLogView(flowLog: FlowLog): FlowLogView {
  const tags = tagRows(flowLog.Tags);
  const fileFormat = flowLog.DestinationOptions?.FileFormat;
  return {
    flowLogId: flowLog.FlowLogId ?? '',
    name: nameTag(tags) ?? null,
    resourceId: flowLog.ResourceId ?? '',
    trafficType: flowLog.TrafficType ?? '',
    logDestinationType: flowLog.LogDestinationType ?? (flowLog.LogGroupName ? 'cloud-watch-logs' : ''),
    logDestination: flowLog.LogDestination ?? null,
    logGroupName: flowLog.LogGroupName ?? null,
    logFormat: flowLog.LogFormat ?? DEFAULT_LOG_FORMAT,
    maxAggregationInterval: flowLog.MaxAggregationInterval ?? 600,
    fileFormat: fileFormat === 'parquet' || fileFormat === 'plain-text' ? fileFormat : flowLog.LogDestinationType === 's3' ? 'plain-text' : null,
    hiveCompatiblePartitions: Boolean(flowLog.DestinationOptions?.HiveCompatiblePartitions),
    perHourPartition: Boolean(flowLog.DestinationOptions?.PerHourPartition),
    creationTime: flowLog.CreationTime ? flowLog.CreationTime.toISOString() : null,
    flowLogStatus: flowLog.FlowLogStatus ?? 'ACTIVE',
    deliverLogsStatus: flowLog.DeliverLogsStatus ?? null,
    deliverLogsErrorMessage: flowLog.DeliverLogsErrorMessage ?? null,
    deliverLogsPermissionArn: flowLog.DeliverLogsPermissionArn ?? null,
    deliverCrossAccountRole: flowLog.DeliverCrossAccountRole ?? null,
    tags,
  };
}

export async function listVpcs(region: string): Promise<ReadResult<VpcSummary[]>> {
  return attempt(async () => {
    const vpcs: VpcSummary[] = [];
    for await (const page of paginateDescribeVpcs({ client: ec2Client(region), pageSize: 1000 }, {})) {
      for (const vpc of page.Vpcs ?? []) {
        if (!vpc.VpcId) continue;
        const tags = tagRows(vpc.Tags);
        vpcs.push({
          vpcId: vpc.VpcId,
          name: nameTag(tags) ?? null,
          state: vpc.State ?? 'available',
          cidrBlock: vpc.CidrBlock ?? null,
          ipv4Cidrs: (vpc.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock).filter((c): c is string => Boolean(c)),
          ipv6Cidrs: (vpc.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock).filter((c): c is string => Boolean(c)),
          isDefault: Boolean(vpc.IsDefault),
          dhcpOptionsId: vpc.DhcpOptionsId ?? null,
          instanceTenancy: vpc.InstanceTenancy ?? null,
          ownerId: vpc.OwnerId ?? null,
          tags,
        });
      }
    }
    return vpcs;
  });
}

export async function listSubnets(region: string): Promise<ReadResult<SubnetSummary[]>> {
  return attempt(async () => {
    const subnets: SubnetSummary[] = [];
    for await (const page of paginateDescribeSubnets({ client: ec2Client(region), pageSize: 1000 }, {})) {
      for (const subnet of page.Subnets ?? []) {
        if (!subnet.SubnetId) continue;
        subnets.push({
          subnetId: subnet.SubnetId,
          name: nameTag(tagRows(subnet.Tags)) ?? null,
          vpcId: subnet.VpcId ?? '',
          cidrBlock: subnet.CidrBlock ?? null,
          availabilityZone: subnet.AvailabilityZone ?? null,
          state: subnet.State ?? 'available',
        });
      }
    }
    return subnets;
  });
}

export async function listNetworkInterfaces(region: string): Promise<ReadResult<NetworkInterfaceSummary[]>> {
  return attempt(async () => {
    const interfaces: NetworkInterfaceSummary[] = [];
    for await (const page of paginateDescribeNetworkInterfaces({ client: ec2Client(region), pageSize: 1000 }, {})) {
      for (const eni of page.NetworkInterfaces ?? []) {
        if (!eni.NetworkInterfaceId) continue;
        interfaces.push({
          networkInterfaceId: eni.NetworkInterfaceId,
          name: nameTag(tagRows(eni.TagSet)) ?? null,
          description: eni.Description ?? '',
          vpcId: eni.VpcId ?? null,
          subnetId: eni.SubnetId ?? null,
          privateIpAddress: eni.PrivateIpAddress ?? null,
          instanceId: eni.Attachment?.InstanceId ?? null,
          interfaceType: eni.InterfaceType ?? null,
        });
      }
    }
    return interfaces;
  });
}

/** Every flow log of the Region, or (DescribeFlowLogs filter `resource-id`) those of one resource. */
export async function listFlowLogs(region: string, resourceId?: string): Promise<ReadResult<FlowLogView[]>> {
  return attempt(async () => {
    const flowLogs: FlowLogView[] = [];
    const input = resourceId ? { Filter: [{ Name: 'resource-id', Values: [resourceId] }] } : {};
    for await (const page of paginateDescribeFlowLogs({ client: ec2Client(region), pageSize: 1000 }, input)) {
      for (const flowLog of page.FlowLogs ?? []) if (flowLog.FlowLogId) flowLogs.push(toFlowLogView(flowLog));
    }
    return flowLogs;
  });
}

const accountIds = new Map<string, string>();

/** The caller's account (part of every flow log file's S3 key); cached per Region. */
export async function callerAccountId(region: string): Promise<string | null> {
  const known = accountIds.get(region);
  if (known) return known;
  const result = await attempt(() => stsClient(region).send(new GetCallerIdentityCommand({})));
  if (!result.ok || !result.data.Account) return null;
  accountIds.set(region, result.data.Account);
  return result.data.Account;
}
