import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeFlowLogsCommand,
  DescribeRegionsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';
import { expectEc2Error } from '../support/ec2-helpers';

let localAws: LocalAwsProcess;
let ec2: EC2Client;
beforeAll(async () => {
  localAws = await startLocalAwsProcess();
  ec2 = new EC2Client(clientConfig(localAws.endpoint));
});
afterAll(async () => {
  ec2?.destroy();
  await localAws?.stop();
});

const ID = /^(vpc|subnet|eni|i|sg)-0[0-9a-f]{16}$/;

describe('DryRun', () => {
  it('answers DryRunOperation for every Describe call instead of the data', async () => {
    const calls = [
      () => ec2.send(new DescribeVpcsCommand({ DryRun: true })),
      () => ec2.send(new DescribeSubnetsCommand({ DryRun: true })),
      () => ec2.send(new DescribeNetworkInterfacesCommand({ DryRun: true })),
      () => ec2.send(new DescribeFlowLogsCommand({ DryRun: true })),
      () => ec2.send(new DescribeRegionsCommand({ DryRun: true })),
      () => ec2.send(new DescribeAvailabilityZonesCommand({ DryRun: true })),
    ];
    for (const call of calls) await expectEc2Error(call(), 'DryRunOperation');
    // Bad input is still reported first, as EC2 does.
    await expectEc2Error(ec2.send(new DescribeVpcsCommand({ DryRun: true, Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })), 'InvalidParameterValue');
  });
});

describe('DescribeTags', () => {
  it('lists the tags of the demo network, by key, value, resource id, resource type and tag:<key>, a page at a time', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
    const vpcId = Vpcs![0].VpcId!;
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'team', Value: 'network' }] }));
    const byVpc = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpcId] }] }));
    expect(byVpc.Tags).toEqual([
      { ResourceId: vpcId, ResourceType: 'vpc', Key: 'Name', Value: 'demo-vpc' },
      { ResourceId: vpcId, ResourceType: 'vpc', Key: 'team', Value: 'network' },
    ]);
    const names = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['Name'] }, { Name: 'resource-type', Values: ['subnet'] }] }));
    expect(names.Tags?.map((t) => t.ResourceType)).toEqual(['subnet', 'subnet']);
    const tagged = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'tag:team', Values: ['net*'] }] }));
    expect(new Set(tagged.Tags?.map((t) => t.ResourceId))).toEqual(new Set([vpcId]));

    const all = (await ec2.send(new DescribeTagsCommand({}))).Tags!;
    const paged: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ec2.send(new DescribeTagsCommand({ MaxResults: 5, NextToken }));
      expect(page.Tags!.length).toBeLessThanOrEqual(5);
      paged.push(...page.Tags!.map((t) => `${t.ResourceId}/${t.Key}`));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(paged).toEqual(all.map((t) => `${t.ResourceId}/${t.Key}`));
    expect(new Set(paged).size).toBe(paged.length);
    await expectEc2Error(ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })), 'InvalidParameterValue');
    await ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'team' }] }));
  });
});

describe('DescribeVpcs', () => {
  it('shows the seeded demo VPC with its CIDRs and Name tag', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
    expect(Vpcs).toHaveLength(1);
    const vpc = Vpcs![0];
    expect(vpc.VpcId).toMatch(ID);
    expect(vpc).toMatchObject({
      CidrBlock: '10.0.0.0/16',
      State: 'available',
      OwnerId: '000000000000',
      IsDefault: false,
      InstanceTenancy: 'default',
      Tags: [{ Key: 'Name', Value: 'demo-vpc' }],
    });
    expect(vpc.CidrBlockAssociationSet?.[0]).toMatchObject({ CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } });
    expect(vpc.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock).toMatch(/^2600:1f18:[0-9a-f]+:[0-9a-f]{2}00::\/56$/);
  });

  it('is stable across calls and differs per region', async () => {
    const first = await ec2.send(new DescribeVpcsCommand({}));
    const again = await ec2.send(new DescribeVpcsCommand({}));
    expect(again.Vpcs![0].VpcId).toBe(first.Vpcs![0].VpcId);
    const west = new EC2Client(clientConfig(localAws.endpoint, 'eu-west-1'));
    const other = await west.send(new DescribeVpcsCommand({}));
    west.destroy();
    expect(other.Vpcs![0].VpcId).not.toBe(first.Vpcs![0].VpcId);
  });

  it('filters by id, cidr, is-default, tag and wildcard', async () => {
    const [vpc] = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    const byId = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }));
    expect(byId.Vpcs).toHaveLength(1);
    const count = async (Name: string, Values: string[]) =>
      (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name, Values }] }))).Vpcs!.length;
    expect(await count('cidr', ['10.0.0.0/16'])).toBe(1);
    expect(await count('cidr', ['172.31.0.0/16'])).toBe(0);
    expect(await count('is-default', ['false'])).toBe(1);
    expect(await count('tag:Name', ['demo-*'])).toBe(1);
    expect(await count('tag:Name', ['prod'])).toBe(0);
    expect(await count('tag-key', ['Name'])).toBe(1);
    expect(await count('state', ['available'])).toBe(1);
  });

  it('rejects unknown ids and filters the way EC2 does', async () => {
    await expectEc2Error(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })), 'InvalidVpcID.NotFound', "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    await expectEc2Error(ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })), 'InvalidParameterValue', "The filter 'colour' is invalid");
    await expectEc2Error(ec2.send(new DescribeVpcsCommand({ MaxResults: 2 })), 'InvalidParameterValue', /maxResults/);
  });
});

describe('DescribeSubnets', () => {
  it('has a public subnet and a private one in two AZs of the VPC', async () => {
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({}));
    expect(Subnets).toHaveLength(2);
    const [vpc] = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(new Set(Subnets!.map((s) => s.VpcId))).toEqual(new Set([vpc.VpcId]));
    expect(new Set(Subnets!.map((s) => s.AvailabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b']));
    expect(new Set(Subnets!.map((s) => s.AvailabilityZoneId))).toEqual(new Set(['use1-az1', 'use1-az2']));
    const publicSubnet = Subnets!.find((s) => s.MapPublicIpOnLaunch)!;
    expect(publicSubnet).toMatchObject({ CidrBlock: '10.0.0.0/24', State: 'available', Tags: [{ Key: 'Name', Value: 'demo-public-a' }] });
    expect(publicSubnet.SubnetArn).toBe(`arn:aws:ec2:us-east-1:000000000000:subnet/${publicSubnet.SubnetId}`);
    expect(publicSubnet.AvailableIpAddressCount).toBeGreaterThan(200);
    expect(Subnets!.every((s) => ID.test(s.SubnetId!))).toBe(true);
  });

  it('filters and reports unknown ids', async () => {
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['us-east-1b'] }] }));
    expect(Subnets!.map((s) => s.CidrBlock)).toEqual(['10.0.16.0/20']);
    const byVpc = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: ['vpc-0000000000000000a'] }] }));
    expect(byVpc.Subnets).toEqual([]);
    await expectEc2Error(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0aaaaaaaaaaaaaaaa'] })), 'InvalidSubnetID.NotFound', "The subnet ID 'subnet-0aaaaaaaaaaaaaaaa' does not exist");
  });
});

describe('DescribeNetworkInterfaces', () => {
  it('lists instance interfaces and a NAT gateway interface', async () => {
    const { NetworkInterfaces } = await ec2.send(new DescribeNetworkInterfacesCommand({}));
    expect(NetworkInterfaces!.length).toBeGreaterThanOrEqual(6);
    const withInstance = NetworkInterfaces!.filter((eni) => eni.Attachment?.InstanceId);
    expect(withInstance.length).toBeGreaterThanOrEqual(5);
    expect(withInstance.every((eni) => /^i-0[0-9a-f]{16}$/.test(eni.Attachment!.InstanceId!))).toBe(true);
    const nat = NetworkInterfaces!.find((eni) => (eni.InterfaceType as string) === 'nat_gateway')!;
    expect(nat).toMatchObject({ RequesterManaged: true, Status: 'in-use', SourceDestCheck: false });
    expect(nat.Description).toMatch(/^Interface for NAT Gateway nat-0[0-9a-f]{16}$/);
    expect(nat.Attachment?.InstanceId).toBeUndefined();
    const web = NetworkInterfaces!.find((eni) => eni.PrivateIpAddress === '10.0.0.10')!;
    expect(web.Association?.PublicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(web.Ipv6Addresses?.[0]?.Ipv6Address).toMatch(/^2600:1f18:/);
    expect(web.Groups?.[0]?.GroupName).toBe('demo-web-sg');
    expect(web.MacAddress).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(web.Attachment?.AttachTime).toBeInstanceOf(Date);
    const spare = NetworkInterfaces!.find((eni) => eni.Status === 'available')!;
    expect(spare.Attachment).toBeUndefined();
    expect(spare.Description).toBe('Spare interface (not attached)');
  });

  it('filters by subnet, instance, interface type and private address, and pages', async () => {
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'cidr-block', Values: ['10.0.16.0/20'] }] }));
    const privateEnis = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [Subnets![0].SubnetId!] }] }));
    expect(privateEnis.NetworkInterfaces!.length).toBeGreaterThanOrEqual(2);
    expect(privateEnis.NetworkInterfaces!.every((eni) => eni.PrivateIpAddress!.startsWith('10.0.16.'))).toBe(true);
    const nat = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'interface-type', Values: ['nat_gateway'] }] }));
    expect(nat.NetworkInterfaces).toHaveLength(1);
    const byAddress = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'private-ip-address', Values: ['10.0.0.1?'] }] }));
    expect(byAddress.NetworkInterfaces!.map((eni) => eni.PrivateIpAddress)).toEqual(['10.0.0.10']);
    const instanceId = byAddress.NetworkInterfaces![0].Attachment!.InstanceId!;
    const byInstance = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }));
    expect(byInstance.NetworkInterfaces!.map((eni) => eni.NetworkInterfaceId)).toEqual([byAddress.NetworkInterfaces![0].NetworkInterfaceId]);

    const all = (await ec2.send(new DescribeNetworkInterfacesCommand({}))).NetworkInterfaces!.map((eni) => eni.NetworkInterfaceId);
    const paged: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 5, NextToken }));
      expect(page.NetworkInterfaces!.length).toBeLessThanOrEqual(5);
      paged.push(...page.NetworkInterfaces!.map((eni) => eni.NetworkInterfaceId!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(paged.sort()).toEqual([...all].sort());
    await expectEc2Error(ec2.send(new DescribeNetworkInterfacesCommand({ NextToken: 'garbage' })), 'InvalidPaginationToken');
    await expectEc2Error(
      ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-0bbbbbbbbbbbbbbbb'] })),
      'InvalidNetworkInterfaceID.NotFound',
      "The networkInterface ID 'eni-0bbbbbbbbbbbbbbbb' does not exist",
    );
  });
});

describe('CreateTags / DeleteTags on VPC resources', () => {
  it('tags and untags a VPC, subnet, interface and instance', async () => {
    const [vpc] = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    const [subnet] = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    const [eni] = (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'private-ip-address', Values: ['10.0.0.20'] }] })))
      .NetworkInterfaces!;
    const ids = [vpc.VpcId!, subnet.SubnetId!, eni.NetworkInterfaceId!, eni.Attachment!.InstanceId!];
    await ec2.send(new CreateTagsCommand({ Resources: ids, Tags: [{ Key: 'team', Value: 'network' }] }));
    const tagged = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:team', Values: ['network'] }] }));
    expect(tagged.Vpcs!.map((v) => v.VpcId)).toEqual([vpc.VpcId]);
    const eniAfter = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni.NetworkInterfaceId!] }))).NetworkInterfaces![0];
    expect(eniAfter.TagSet).toEqual([{ Key: 'team', Value: 'network' }]);

    // A value that does not match deletes nothing; no value deletes the key.
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'team', Value: 'other' }] }));
    expect((await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }))).Vpcs![0].Tags).toContainEqual({ Key: 'team', Value: 'network' });
    await ec2.send(new DeleteTagsCommand({ Resources: ids, Tags: [{ Key: 'team' }] }));
    expect((await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }))).Vpcs![0].Tags).toEqual([{ Key: 'Name', Value: 'demo-vpc' }]);
  });

  it('refuses unknown resources and reserved keys', async () => {
    await expectEc2Error(ec2.send(new CreateTagsCommand({ Resources: ['vpc-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidVpcID.NotFound');
    await expectEc2Error(ec2.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidInstanceID.NotFound');
    await expectEc2Error(ec2.send(new CreateTagsCommand({ Resources: ['nonsense'], Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidID');
    const [vpc] = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    await expectEc2Error(ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'aws:owner', Value: 'b' }] })), 'InvalidParameterValue');
    await expectEc2Error(ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'a', Value: 'b' }], DryRun: true })), 'DryRunOperation');
  });
});
