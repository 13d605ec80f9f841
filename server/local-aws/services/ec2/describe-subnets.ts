import type { QueryOperation } from '../../protocols/service-definition';
import { checkDryRun, notFound, paginate, tagFilterValue, tagSet } from './ec2-common';
import { matchesAll, readFilters } from './ec2-filters';
import type { Ec2Store } from './ec2-store';

const SUBNET_FILTERS = [
  'availability-zone',
  'availability-zone-id',
  'availabilityZone',
  'available-ip-address-count',
  'cidr',
  'cidr-block',
  'cidrBlock',
  'default-for-az',
  'defaultForAz',
  'ipv6-cidr-block-association.ipv6-cidr-block',
  'ipv6-cidr-block-association.association-id',
  'ipv6-cidr-block-association.state',
  'ipv6-native',
  'map-public-ip-on-launch',
  'owner-id',
  'state',
  'subnet-arn',
  'subnet-id',
  'tag-key',
  'vpc-id',
];

export function describeSubnets(store: Ec2Store): QueryOperation {
  return (params, ctx) => {
    const topology = store.topology(ctx.region);
    const ids = params.list('SubnetId');
    const missing = ids.filter((id) => !topology.subnets.some((subnet) => subnet.subnetId === id));
    if (missing.length > 0) throw notFound('subnet', missing);
    const filters = readFilters(params, SUBNET_FILTERS);
    checkDryRun(params);
    const tags = store.tagsByResource(topology.subnets.map((subnet) => subnet.subnetId));
    const arnOf = (subnetId: string) => `arn:aws:ec2:${ctx.region}:${store.accountId}:subnet/${subnetId}`;
    const selected = topology.subnets.filter(
      (subnet) =>
        (ids.length === 0 || ids.includes(subnet.subnetId)) &&
        matchesAll(subnet, filters, (s, name) => {
          switch (name) {
            case 'availability-zone':
            case 'availabilityZone':
              return s.availabilityZone;
            case 'availability-zone-id':
              return s.availabilityZoneId;
            case 'available-ip-address-count':
              return String(s.availableIpAddressCount);
            case 'cidr':
            case 'cidr-block':
            case 'cidrBlock':
              return s.cidrBlock;
            case 'default-for-az':
            case 'defaultForAz':
            case 'ipv6-native':
              return 'false';
            case 'ipv6-cidr-block-association.ipv6-cidr-block':
              return s.ipv6CidrBlock;
            case 'ipv6-cidr-block-association.association-id':
              return s.ipv6AssociationId;
            case 'ipv6-cidr-block-association.state':
              return 'associated';
            case 'map-public-ip-on-launch':
              return String(s.mapPublicIpOnLaunch);
            case 'owner-id':
              return store.accountId;
            case 'state':
              return 'available';
            case 'subnet-arn':
              return arnOf(s.subnetId);
            case 'subnet-id':
              return s.subnetId;
            case 'vpc-id':
              return s.vpcId;
            default:
              return tagFilterValue(tags.get(s.subnetId) ?? [], name);
          }
        }),
    );
    const { page, nextToken } = paginate(selected, (subnet) => subnet.subnetId, params);
    return {
      subnetSet: page.map((subnet) => ({
        subnetId: subnet.subnetId,
        subnetArn: arnOf(subnet.subnetId),
        state: 'available',
        ownerId: store.accountId,
        vpcId: subnet.vpcId,
        cidrBlock: subnet.cidrBlock,
        ipv6CidrBlockAssociationSet: [
          {
            associationId: subnet.ipv6AssociationId,
            ipv6CidrBlock: subnet.ipv6CidrBlock,
            ipv6CidrBlockState: { state: 'associated' },
            ipv6AddressAttribute: 'public',
            ipSource: 'amazon',
          },
        ],
        availableIpAddressCount: subnet.availableIpAddressCount,
        availabilityZone: subnet.availabilityZone,
        availabilityZoneId: subnet.availabilityZoneId,
        defaultForAz: false,
        mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
        mapCustomerOwnedIpOnLaunch: false,
        assignIpv6AddressOnCreation: false,
        tagSet: tagSet(tags.get(subnet.subnetId) ?? []),
        enableDns64: false,
        ipv6Native: false,
        privateDnsNameOptionsOnLaunch: {
          hostnameType: 'ip-name',
          enableResourceNameDnsARecord: false,
          enableResourceNameDnsAAAARecord: false,
        },
        blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
      })),
      nextToken,
    };
  };
}
