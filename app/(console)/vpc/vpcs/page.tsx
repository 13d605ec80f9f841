import type { Metadata } from 'next';
import { VpcDetails } from '@/components/vpc/vpc-details';
import { VpcsTable } from '@/components/vpc/vpcs-table';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { callerAccountId, listFlowLogs, listVpcs } from '@/server/data/ec2';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('vpcs.title') };
}

/** Your VPCs; the selected VPC (`?selected=vpc-…`) shows its details and its flow logs below. */
export default async function VpcsPage({ searchParams }: Props) {
  const rawSelected = (await searchParams).selected;
  const selectedId = typeof rawSelected === 'string' && /^vpc-[0-9a-z]+$/.test(rawSelected) ? rawSelected : null;
  const [t, region] = await Promise.all([getT(), currentRegion()]);
  const vpcs = await listVpcs(region);
  const selected = vpcs.ok ? (vpcs.data.find((vpc) => vpc.vpcId === selectedId) ?? null) : null;
  const [flowLogs, accountId] = selected ? await Promise.all([listFlowLogs(region, selected.vpcId), callerAccountId(region)]) : [null, null];

  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.vpc'), href: '/vpc/vpcs' }, { text: t('vpcs.title') }]} />}
      header={<Header variant="h1">{t('vpcs.title')}</Header>}
    >
      {vpcs.ok ? (
        <>
          <VpcsTable vpcs={vpcs.data} selectedId={selected?.vpcId ?? null} />
          {selected && flowLogs ? (
            <VpcDetails key={selected.vpcId} vpc={selected} flowLogs={flowLogs} accountId={accountId} region={region} />
          ) : (
            <div className="rounded-2xl border border-dashed border-line-strong px-5 py-6 text-center text-ink-secondary">
              <b>{t('vpcs.noneSelected')}</b>
              <p>{t('vpcs.noneSelectedDescription')}</p>
            </div>
          )}
        </>
      ) : (
        <Alert type="error" header={t('vpcs.loadFailed')}>
          <AwsErrorText code={vpcs.error.code} message={vpcs.error.message} />
        </Alert>
      )}
    </ContentLayout>
  );
}
