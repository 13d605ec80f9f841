import type { Metadata } from 'next';
import { BucketsTable } from '@/components/s3/buckets-table';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { listBuckets } from '@/server/data/s3';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('s3.buckets.title') };
}

export default async function BucketsPage() {
  const [t, region] = await Promise.all([getT(), currentRegion()]);
  const result = await listBuckets(region);
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.s3'), href: '/s3' }, { text: t('s3.buckets.title') }]} />}
      header={<Header variant="h1">{t('breadcrumbs.s3')}</Header>}
    >
      {!result.ok && (
        <Alert type="error" header={t('s3.buckets.loadFailed')}>
          <AwsErrorText code={result.error.code} message={result.error.message} />
        </Alert>
      )}
      <BucketsTable buckets={result.ok ? result.data : []} region={region} loadFailed={!result.ok} />
    </ContentLayout>
  );
}
