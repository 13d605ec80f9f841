import type { Metadata } from 'next';
import { FlowLogsTable } from '@/components/flow-logs/flow-logs-table';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { callerAccountId, listFlowLogs } from '@/server/data/ec2';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('flowLogs.title') };
}

/** Every flow log of the selected Region (DescribeFlowLogs), with the Actions of the VPC console. */
export default async function FlowLogsPage() {
  const [t, region] = await Promise.all([getT(), currentRegion()]);
  const [result, accountId] = await Promise.all([listFlowLogs(region), callerAccountId(region)]);
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.vpc'), href: '/vpc/vpcs' }, { text: t('flowLogs.title') }]} />}
      header={<Header variant="h1" description={t('flowLogs.description')}>{t('flowLogs.title')}</Header>}
    >
      {result.ok ? (
        <FlowLogsTable flowLogs={result.data} accountId={accountId} region={region} createHref="/vpc/flow-logs/create" title={t('flowLogs.title')} />
      ) : (
        <Alert type="error" header={t('flowLogs.loadFailed')}>
          <AwsErrorText code={result.error.code} message={result.error.message} />
        </Alert>
      )}
    </ContentLayout>
  );
}
