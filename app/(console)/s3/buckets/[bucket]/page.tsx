import type { Metadata } from 'next';
import { bucketFromParam, bucketHref } from '@/components/s3/links';
import { ObjectsTable } from '@/components/s3/objects-table';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs, type BreadcrumbItem } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { CopyToClipboard } from '@/components/ui/copy-to-clipboard';
import { Header } from '@/components/ui/header';
import { regionLabel } from '@/lib/aws-regions';
import { normalizePrefix, prefixLevels, s3Uri } from '@/lib/s3-keys';
import { listObjects } from '@/server/data/s3';
import { getI18n } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  params: Promise<{ bucket: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: bucketFromParam((await params).bucket) };
}

export default async function BucketPage({ params, searchParams }: Props) {
  const bucket = bucketFromParam((await params).bucket);
  const rawPrefix = (await searchParams).prefix;
  const prefix = normalizePrefix(typeof rawPrefix === 'string' ? rawPrefix : '');
  const [{ t, lang }, region] = await Promise.all([getI18n(), currentRegion()]);
  const result = await listObjects(bucket, prefix, region);

  const levels = prefixLevels(prefix);
  const crumbs: BreadcrumbItem[] = [
    { text: t('breadcrumbs.s3'), href: '/s3' },
    { text: t('s3.buckets.title'), href: '/s3' },
    { text: bucket, href: bucketHref(bucket) },
    ...levels.map((level) => ({ text: level.name, href: bucketHref(bucket, level.prefix) })),
  ];
  const title = levels.length > 0 ? `${levels[levels.length - 1].name}/` : bucket;

  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={crumbs} />}
      header={
        <Header
          variant="h1"
          description={result.ok ? t('s3.bucket.description', { region: regionLabel(result.data.region, lang) }) : undefined}
          actions={<CopyToClipboard variant="button" text={s3Uri(bucket, prefix)} label={t('s3.bucket.copyS3Uri')} />}
        >
          {title}
        </Header>
      }
    >
      {result.ok ? (
        <>
          {result.data.truncated && <Alert type="warning">{t('s3.bucket.truncated', { count: result.data.folders.length + result.data.objects.length })}</Alert>}
          <ObjectsTable listing={result.data} />
        </>
      ) : (
        <Alert type="error" header={result.error.code === 'NoSuchBucket' ? t('s3.bucket.notFound', { name: bucket }) : t('s3.bucket.loadFailed')}>
          <AwsErrorText code={result.error.code} message={result.error.message} />
        </Alert>
      )}
    </ContentLayout>
  );
}
