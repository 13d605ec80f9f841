import type { QueryOperation } from '../../protocols/service-definition';
import { checkDryRun, notFound, paginate, tagFilterValue, tagSet } from './ec2-common';
import { matchesAll, readFilters } from './ec2-filters';
import type { Ec2Store } from './ec2-store';

const VPC_FILTERS = [
  'cidr',
  'cidr-block-association.cidr-block',
  'cidr-block-association.association-id',
  'cidr-block-association.state',
  'dhcp-options-id',
  'ipv6-cidr-block-association.ipv6-cidr-block',
  'ipv6-cidr-block-association.association-id',
  'ipv6-cidr-block-association.state',
  'is-default',
  'owner-id',
  'state',
  'tag-key',
  'vpc-id',
];

export function describeVpcs(store: Ec2Store): QueryOperation {
  return (params, ctx) => {
    const topology = store.topology(ctx.region);
    const ids = params.list('VpcId');
    const missing = ids.filter((id) => !topology.vpcs.some((vpc) => vpc.vpcId === id));
    if (missing.length > 0) throw notFound('vpc', missing);
    const filters = readFilters(params, VPC_FILTERS);
    checkDryRun(params);
    const tags = store.tagsByResource(topology.vpcs.map((vpc) => vpc.vpcId));
    const selected = topology.vpcs.filter(
      (vpc) =>
        (ids.length === 0 || ids.includes(vpc.vpcId)) &&
        matchesAll(vpc, filters, (v, name) => {
          switch (name) {
            case 'cidr':
            case 'cidr-block-association.cidr-block':
              return v.cidrBlock;
            case 'cidr-block-association.association-id':
              return v.cidrAssociationId;
            case 'cidr-block-association.state':
            case 'ipv6-cidr-block-association.state':
              return 'associated';
            case 'dhcp-options-id':
              return v.dhcpOptionsId;
            case 'ipv6-cidr-block-association.ipv6-cidr-block':
              return v.ipv6CidrBlock;
            case 'ipv6-cidr-block-association.association-id':
              return v.ipv6AssociationId;
            case 'is-default':
              return String(v.isDefault);
            case 'owner-id':
              return store.accountId;
            case 'state':
              return 'available';
            case 'vpc-id':
              return v.vpcId;
            default:
              return tagFilterValue(tags.get(v.vpcId) ?? [], name);
          }
        }),
    );
    const { page, nextToken } = paginate(selected, (vpc) => vpc.vpcId, params);
    return {
      vpcSet: page.map((vpc) => ({
        vpcId: vpc.vpcId,
        ownerId: store.accountId,
        state: 'available',
        cidrBlock: vpc.cidrBlock,
        cidrBlockAssociationSet: [
          { associationId: vpc.cidrAssociationId, cidrBlock: vpc.cidrBlock, cidrBlockState: { state: 'associated' } },
        ],
        ipv6CidrBlockAssociationSet: [
          {
            associationId: vpc.ipv6AssociationId,
            ipv6CidrBlock: vpc.ipv6CidrBlock,
            ipv6CidrBlockState: { state: 'associated' },
            networkBorderGroup: ctx.region,
            ipv6Pool: 'Amazon',
            ipv6AddressAttribute: 'public',
            ipSource: 'amazon',
          },
        ],
        dhcpOptionsId: vpc.dhcpOptionsId,
        tagSet: tagSet(tags.get(vpc.vpcId) ?? []),
        instanceTenancy: 'default',
        isDefault: vpc.isDefault,
        blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
      })),
      nextToken,
    };
  };
}
