import type { Metadata } from 'next';
import { CreateFlowLogForm, type FlowLogResource } from '@/components/flow-logs/create-flow-log-form';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { listNetworkInterfaces, listSubnets, listVpcs } from '@/server/data/ec2';
import { listBuckets } from '@/server/data/s3';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('flowLogs.create.title') };
}

/** Create flow log (optionally for ?resourceId=vpc-…|subnet-…|eni-…), to an S3 bucket of the Region. */
export default async function CreateFlowLogPage({ searchParams }: Props) {
  const rawResource = (await searchParams).resourceId;
  const resourceId = typeof rawResource === 'string' && /^(vpc|subnet|eni)-[0-9a-z]+$/.test(rawResource) ? rawResource : undefined;
  const [t, region] = await Promise.all([getT(), currentRegion()]);
  const [vpcs, subnets, interfaces, buckets] = await Promise.all([listVpcs(region), listSubnets(region), listNetworkInterfaces(region), listBuckets(region)]);
  const failed = [vpcs, subnets, interfaces, buckets].find((result) => !result.ok);

  const resources: FlowLogResource[] = [
    ...(vpcs.ok ? vpcs.data.map((v) => ({ type: 'VPC' as const, id: v.vpcId, name: v.name, detail: v.cidrBlock ?? '' })) : []),
    ...(subnets.ok ? subnets.data.map((s) => ({ type: 'Subnet' as const, id: s.subnetId, name: s.name, detail: [s.cidrBlock, s.availabilityZone, s.vpcId].filter(Boolean).join(' · ') })) : []),
    ...(interfaces.ok
      ? interfaces.data.map((n) => ({ type: 'NetworkInterface' as const, id: n.networkInterfaceId, name: n.name, detail: [n.privateIpAddress, n.instanceId ?? n.description, n.subnetId].filter(Boolean).join(' · ') }))
      : []),
  ];
  // A flow log publishes only to a bucket of its own Region.
  const bucketNames = buckets.ok ? buckets.data.filter((b) => !b.region || b.region === region).map((b) => b.name) : [];
  const backHref = resourceId?.startsWith('vpc-') ? `/vpc/vpcs?selected=${resourceId}&tab=flow-logs` : '/vpc/flow-logs';

  return (
    <ContentLayout
      breadcrumbs={
        <Breadcrumbs items={[{ text: t('breadcrumbs.vpc'), href: '/vpc/vpcs' }, { text: t('flowLogs.title'), href: '/vpc/flow-logs' }, { text: t('flowLogs.create.title') }]} />
      }
      header={
        <Header variant="h1" description={t('flowLogs.create.description')}>
          {t('flowLogs.create.title')}
        </Header>
      }
    >
      {failed && !failed.ok && (
        <Alert type="error" header={t('flowLogs.create.loadFailed')}>
          <AwsErrorText code={failed.error.code} message={failed.error.message} />
        </Alert>
      )}
      <CreateFlowLogForm resources={resources} buckets={bucketNames} initialResourceId={resourceId} cancelHref={backHref} />
    </ContentLayout>
  );
}
