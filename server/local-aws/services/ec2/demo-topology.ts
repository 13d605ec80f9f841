import { findRegion } from './region-catalog';
import { stableBytes, stableId } from './ec2-ids';

/**
 * The network every region of local AWS starts with: one VPC (10.0.0.0/16 plus an Amazon IPv6
 * /56), a public subnet in the first AZ and a private one in the second, and a handful of
 * instances and a NAT gateway behind network interfaces. It is a pure function of the account
 * and region, so ids stay stable across restarts and flow-log traffic can be regenerated from it.
 */

/** `idle` is a spare, unattached interface: it never carries traffic (its flow logs say NODATA). */
export type InterfaceRole = 'web' | 'bastion' | 'windows' | 'nat' | 'app' | 'db' | 'idle';

export interface DemoVpc {
  vpcId: string;
  name: string;
  cidrBlock: string;
  cidrAssociationId: string;
  ipv6CidrBlock: string;
  ipv6AssociationId: string;
  dhcpOptionsId: string;
  isDefault: boolean;
}

export interface DemoSubnet {
  subnetId: string;
  vpcId: string;
  name: string;
  cidrBlock: string;
  ipv6CidrBlock: string;
  ipv6AssociationId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  mapPublicIpOnLaunch: boolean;
  availableIpAddressCount: number;
  public: boolean;
}

export interface DemoInterface {
  networkInterfaceId: string;
  role: InterfaceRole;
  vpcId: string;
  subnetId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  privateIpAddress: string;
  /** Secondary private addresses (none in the demo). */
  ipv6Address?: string;
  publicIp?: string;
  macAddress: string;
  description: string;
  interfaceType: 'interface' | 'nat_gateway';
  requesterManaged: boolean;
  /** The instance the interface is attached to; undefined for a NAT gateway's interface. */
  instanceId?: string;
  instanceName?: string;
  attachmentId?: string;
  natGatewayId?: string;
  securityGroup?: { groupId: string; groupName: string };
}

export interface DemoTopology {
  accountId: string;
  region: string;
  vpcs: DemoVpc[];
  subnets: DemoSubnet[];
  interfaces: DemoInterface[];
}

interface InterfacePlan {
  key: string;
  role: InterfaceRole;
  subnet: 0 | 1;
  host: number;
  instanceName?: string;
  ipv6?: boolean;
  publicIp?: boolean;
}

const INTERFACE_PLAN: InterfacePlan[] = [
  { key: 'web-1', role: 'web', subnet: 0, host: 10, instanceName: 'demo-web-1', ipv6: true, publicIp: true },
  { key: 'bastion', role: 'bastion', subnet: 0, host: 20, instanceName: 'demo-bastion', publicIp: true },
  { key: 'win-jump', role: 'windows', subnet: 0, host: 40, instanceName: 'demo-windows-jump', publicIp: true },
  { key: 'nat', role: 'nat', subnet: 0, host: 30, publicIp: true },
  { key: 'app-1', role: 'app', subnet: 1, host: 21, instanceName: 'demo-app-1', ipv6: true },
  { key: 'app-2', role: 'app', subnet: 1, host: 22, instanceName: 'demo-app-2' },
  { key: 'db-1', role: 'db', subnet: 1, host: 50, instanceName: 'demo-db-1' },
  { key: 'spare', role: 'idle', subnet: 1, host: 99 },
];

const cache = new Map<string, DemoTopology>();

export function demoTopology(accountId: string, region: string): DemoTopology {
  const cacheKey = `${accountId}/${region}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const topology = buildTopology(accountId, region);
  cache.set(cacheKey, topology);
  return topology;
}

function buildTopology(accountId: string, region: string): DemoTopology {
  const id = (prefix: string, name: string) => stableId(prefix, accountId, region, name);
  const zonePrefix = findRegion(region)?.zoneIdPrefix ?? region.replace(/[^a-z0-9]/g, '').slice(0, 6);
  const v6 = stableBytes(3, accountId, region, 'ipv6');
  const ipv6Base = `2600:1f18:${v6.readUInt16BE(0).toString(16)}:${v6[2].toString(16).padStart(2, '0')}`;

  const vpc: DemoVpc = {
    vpcId: id('vpc', 'demo-vpc'),
    name: 'demo-vpc',
    cidrBlock: '10.0.0.0/16',
    cidrAssociationId: id('vpc-cidr-assoc', 'demo-vpc'),
    ipv6CidrBlock: `${ipv6Base}00::/56`,
    ipv6AssociationId: id('vpc-cidr-assoc', 'demo-vpc-ipv6'),
    dhcpOptionsId: id('dopt', 'default'),
    isDefault: false,
  };

  const subnets: DemoSubnet[] = [
    { key: 'public-a', zone: 0, cidr: '10.0.0.0/24', public: true },
    { key: 'private-b', zone: 1, cidr: '10.0.16.0/20', public: false },
  ].map((plan, index) => ({
    subnetId: id('subnet', plan.key),
    vpcId: vpc.vpcId,
    name: `demo-${plan.key}`,
    cidrBlock: plan.cidr,
    ipv6CidrBlock: `${ipv6Base}0${index}::/64`,
    ipv6AssociationId: id('subnet-cidr-assoc', plan.key),
    availabilityZone: `${region}${String.fromCharCode(97 + plan.zone)}`,
    availabilityZoneId: `${zonePrefix}-az${plan.zone + 1}`,
    mapPublicIpOnLaunch: plan.public,
    availableIpAddressCount: 0,
    public: plan.public,
  }));

  const interfaces: DemoInterface[] = INTERFACE_PLAN.map((plan) => {
    const subnet = subnets[plan.subnet];
    const subnetBase = subnet.cidrBlock.split('/')[0].split('.').map(Number);
    const mac = stableBytes(5, accountId, region, plan.key, 'mac');
    const pub = stableBytes(3, accountId, region, plan.key, 'public-ip');
    const v6host = stableBytes(8, accountId, region, plan.key, 'ipv6');
    const instanceId = plan.instanceName ? id('i', plan.key) : undefined;
    const natGatewayId = plan.role === 'nat' ? id('nat', plan.key) : undefined;
    const sg =
      plan.role === 'nat'
        ? undefined
        : { groupId: id('sg', `${plan.role}-sg`), groupName: `demo-${plan.role}-sg` };
    return {
      networkInterfaceId: id('eni', plan.key),
      role: plan.role,
      vpcId: vpc.vpcId,
      subnetId: subnet.subnetId,
      availabilityZone: subnet.availabilityZone,
      availabilityZoneId: subnet.availabilityZoneId,
      privateIpAddress: `${subnetBase[0]}.${subnetBase[1]}.${subnetBase[2]}.${plan.host}`,
      ipv6Address: plan.ipv6
        ? `${subnet.ipv6CidrBlock.split('::')[0]}:${[0, 2, 4, 6].map((i) => v6host.readUInt16BE(i).toString(16)).join(':')}`
        : undefined,
      // 3.x.x.x and 54.x.x.x are EC2 ranges; the last octet avoids .0 and .255.
      publicIp: plan.publicIp ? `${pub[0] % 2 ? 54 : 3}.${pub[1]}.${pub[2]}.${(pub[0] % 250) + 2}` : undefined,
      macAddress: ['02', ...[...mac].map((b) => b.toString(16).padStart(2, '0'))].join(':'),
      description: natGatewayId ? `Interface for NAT Gateway ${natGatewayId}` : plan.role === 'idle' ? 'Spare interface (not attached)' : '',
      interfaceType: natGatewayId ? 'nat_gateway' : 'interface',
      requesterManaged: Boolean(natGatewayId),
      instanceId,
      instanceName: plan.instanceName,
      attachmentId: plan.role === 'idle' ? undefined : id(natGatewayId ? 'ela-attach' : 'eni-attach', plan.key),
      natGatewayId,
      securityGroup: sg,
    };
  });

  for (const subnet of subnets) {
    const size = 2 ** (32 - Number(subnet.cidrBlock.split('/')[1]));
    // AWS reserves five addresses in every subnet.
    subnet.availableIpAddressCount = size - 5 - interfaces.filter((eni) => eni.subnetId === subnet.subnetId).length;
  }

  return { accountId, region, vpcs: [vpc], subnets, interfaces };
}

/** The interfaces a flow log on `resourceId` observes: all of a VPC's, a subnet's, or the one ENI. */
export function interfacesForResource(topology: DemoTopology, resourceId: string): DemoInterface[] {
  return topology.interfaces.filter(
    (eni) => eni.vpcId === resourceId || eni.subnetId === resourceId || eni.networkInterfaceId === resourceId,
  );
}

/** Seeded resources by id, for tag validation and not-found checks. */
export function topologyResourceKind(topology: DemoTopology, resourceId: string): 'vpc' | 'subnet' | 'network-interface' | 'instance' | undefined {
  if (topology.vpcs.some((vpc) => vpc.vpcId === resourceId)) return 'vpc';
  if (topology.subnets.some((subnet) => subnet.subnetId === resourceId)) return 'subnet';
  if (topology.interfaces.some((eni) => eni.networkInterfaceId === resourceId)) return 'network-interface';
  if (topology.interfaces.some((eni) => eni.instanceId === resourceId)) return 'instance';
  return undefined;
}

/** Name tags the seeded resources carry until a user changes them. */
export function seedTags(topology: DemoTopology): { resourceId: string; key: string; value: string }[] {
  return [
    ...topology.vpcs.map((vpc) => ({ resourceId: vpc.vpcId, key: 'Name', value: vpc.name })),
    ...topology.subnets.map((subnet) => ({ resourceId: subnet.subnetId, key: 'Name', value: subnet.name })),
    ...topology.interfaces
      .filter((eni) => eni.instanceId && eni.instanceName)
      .map((eni) => ({ resourceId: eni.instanceId!, key: 'Name', value: eni.instanceName! })),
  ];
}
