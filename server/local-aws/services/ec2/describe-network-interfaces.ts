import type { QueryOperation } from '../../protocols/service-definition';
import type { DemoInterface } from './demo-topology';
import { checkDryRun, notFound, paginate, tagFilterValue, tagSet } from './ec2-common';
import { matchesAll, readFilters } from './ec2-filters';
import type { Ec2Store } from './ec2-store';

const ENI_FILTERS = [
  'addresses.private-ip-address',
  'addresses.primary',
  'addresses.association.public-ip',
  'association.public-ip',
  'association.ip-owner-id',
  'attachment.attachment-id',
  'attachment.instance-id',
  'attachment.instance-owner-id',
  'attachment.device-index',
  'attachment.status',
  'attachment.delete-on-termination',
  'availability-zone',
  'description',
  'group-id',
  'group-name',
  'ipv6-addresses.ipv6-address',
  'interface-type',
  'mac-address',
  'network-interface-id',
  'owner-id',
  'private-dns-name',
  'private-ip-address',
  'requester-id',
  'requester-managed',
  'source-dest-check',
  'status',
  'subnet-id',
  'tag-key',
  'vpc-id',
];

/** When the seeded instances were "launched": a fixed date so responses stay stable. */
const ATTACH_TIME = new Date('2024-01-15T09:30:00.000Z');

export function describeNetworkInterfaces(store: Ec2Store): QueryOperation {
  return (params, ctx) => {
    const topology = store.topology(ctx.region);
    const ids = params.list('NetworkInterfaceId');
    const missing = ids.filter((id) => !topology.interfaces.some((eni) => eni.networkInterfaceId === id));
    if (missing.length > 0) throw notFound('network-interface', missing);
    const filters = readFilters(params, ENI_FILTERS);
    checkDryRun(params);
    const tags = store.tagsByResource(topology.interfaces.map((eni) => eni.networkInterfaceId));
    const dnsName = (eni: DemoInterface) => privateDnsName(eni.privateIpAddress, ctx.region);
    const selected = topology.interfaces.filter(
      (eni) =>
        (ids.length === 0 || ids.includes(eni.networkInterfaceId)) &&
        matchesAll(eni, filters, (e, name) => {
          switch (name) {
            case 'addresses.private-ip-address':
            case 'private-ip-address':
              return e.privateIpAddress;
            case 'addresses.primary':
              return 'true';
            case 'addresses.association.public-ip':
            case 'association.public-ip':
              return e.publicIp;
            case 'association.ip-owner-id':
              return e.publicIp ? 'amazon' : undefined;
            case 'attachment.attachment-id':
              return e.attachmentId;
            case 'attachment.instance-id':
              return e.instanceId;
            case 'attachment.instance-owner-id':
              return e.attachmentId ? (e.instanceId ? store.accountId : 'amazon-aws') : undefined;
            case 'attachment.device-index':
              return e.attachmentId ? (e.instanceId ? '0' : '1') : undefined;
            case 'attachment.status':
              return e.attachmentId ? 'attached' : undefined;
            case 'attachment.delete-on-termination':
              return e.attachmentId ? String(Boolean(e.instanceId)) : undefined;
            case 'availability-zone':
              return e.availabilityZone;
            case 'description':
              return e.description;
            case 'group-id':
              return e.securityGroup?.groupId;
            case 'group-name':
              return e.securityGroup?.groupName;
            case 'ipv6-addresses.ipv6-address':
              return e.ipv6Address;
            case 'interface-type':
              return e.interfaceType;
            case 'mac-address':
              return e.macAddress;
            case 'network-interface-id':
              return e.networkInterfaceId;
            case 'owner-id':
              return store.accountId;
            case 'private-dns-name':
              return dnsName(e);
            case 'requester-id':
              return e.requesterManaged ? 'AIDAEXAMPLENATGATEWAY' : undefined;
            case 'requester-managed':
              return String(e.requesterManaged);
            case 'source-dest-check':
              return String(!e.natGatewayId);
            case 'status':
              return e.attachmentId ? 'in-use' : 'available';
            case 'subnet-id':
              return e.subnetId;
            case 'vpc-id':
              return e.vpcId;
            default:
              return tagFilterValue(tags.get(e.networkInterfaceId) ?? [], name);
          }
        }),
    );
    const { page, nextToken } = paginate(selected, (eni) => eni.networkInterfaceId, params);
    return {
      networkInterfaceSet: page.map((eni) => {
        const association = eni.publicIp
          ? {
              ipOwnerId: 'amazon',
              publicDnsName: publicDnsName(eni.publicIp, ctx.region),
              publicIp: eni.publicIp,
              ...(eni.natGatewayId ? { allocationId: `eipalloc-${eni.networkInterfaceId.slice(4)}` } : {}),
            }
          : undefined;
        return {
          networkInterfaceId: eni.networkInterfaceId,
          subnetId: eni.subnetId,
          vpcId: eni.vpcId,
          availabilityZone: eni.availabilityZone,
          availabilityZoneId: eni.availabilityZoneId,
          description: eni.description,
          ownerId: store.accountId,
          requesterId: eni.requesterManaged ? 'AIDAEXAMPLENATGATEWAY' : undefined,
          requesterManaged: eni.requesterManaged,
          status: eni.attachmentId ? 'in-use' : 'available',
          macAddress: eni.macAddress,
          privateIpAddress: eni.privateIpAddress,
          privateDnsName: dnsName(eni),
          sourceDestCheck: !eni.natGatewayId,
          groupSet: eni.securityGroup ? [{ groupId: eni.securityGroup.groupId, groupName: eni.securityGroup.groupName }] : [],
          attachment: eni.attachmentId && {
            attachmentId: eni.attachmentId,
            instanceId: eni.instanceId,
            instanceOwnerId: eni.instanceId ? store.accountId : 'amazon-aws',
            deviceIndex: eni.instanceId ? 0 : 1,
            networkCardIndex: 0,
            status: 'attached',
            attachTime: ATTACH_TIME,
            deleteOnTermination: Boolean(eni.instanceId),
          },
          association,
          tagSet: tagSet(tags.get(eni.networkInterfaceId) ?? []),
          privateIpAddressesSet: [
            { privateIpAddress: eni.privateIpAddress, privateDnsName: dnsName(eni), primary: true, association },
          ],
          ipv6AddressesSet: eni.ipv6Address ? [{ ipv6Address: eni.ipv6Address, isPrimaryIpv6: false }] : [],
          interfaceType: eni.interfaceType,
          ipv6Address: eni.ipv6Address,
        };
      }),
      nextToken,
    };
  };
}

function privateDnsName(ip: string, region: string) {
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return `ip-${ip.replace(/\./g, '-')}.${domain}`;
}

function publicDnsName(ip: string, region: string) {
  const domain = region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`;
  return `ec2-${ip.replace(/\./g, '-')}.${domain}`;
}
