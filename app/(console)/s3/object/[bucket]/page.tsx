import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DownloadButton } from '@/components/s3/download-button';
import { bucketFromParam, bucketHref } from '@/components/s3/links';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs, type BreadcrumbItem } from '@/components/ui/breadcrumbs';
import { CodeView } from '@/components/ui/code-view';
import { Container } from '@/components/ui/container';
import { ContentLayout } from '@/components/ui/content-layout';
import { CopyToClipboard } from '@/components/ui/copy-to-clipboard';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { KeyValuePairs } from '@/components/ui/key-value-pairs';
import { Spinner } from '@/components/ui/spinner';
import { regionLabel } from '@/lib/aws-regions';
import { formatBytes, formatNumber } from '@/lib/format';
import type { Lang, Translate } from '@/lib/i18n/core';
import { baseName, parentPrefix, prefixLevels } from '@/lib/s3-keys';
import { getObjectDetails, getObjectPreview, type ObjectDetails } from '@/server/data/s3';
import { getI18n } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  params: Promise<{ bucket: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function readKey(searchParams: Props['searchParams']): Promise<string> {
  const key = (await searchParams).key;
  return typeof key === 'string' ? key : '';
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const key = await readKey(searchParams);
  return { title: baseName(key) || 'S3' };
}

export default async function ObjectPage({ params, searchParams }: Props) {
  const bucket = bucketFromParam((await params).bucket);
  const key = await readKey(searchParams);
  const [{ t, lang }, region] = await Promise.all([getI18n(), currentRegion()]);

  const crumbs: BreadcrumbItem[] = [
    { text: t('breadcrumbs.s3'), href: '/s3' },
    { text: t('s3.buckets.title'), href: '/s3' },
    { text: bucket, href: bucketHref(bucket) },
    ...prefixLevels(parentPrefix(key)).map((level) => ({ text: level.name, href: bucketHref(bucket, level.prefix) })),
    { text: baseName(key) || key },
  ];

  if (!key) {
    return (
      <ContentLayout breadcrumbs={<Breadcrumbs items={crumbs.slice(0, 3)} />} header={<Header variant="h1">{bucket}</Header>}>
        <Alert type="warning">{t('s3.object.missingKey')}</Alert>
      </ContentLayout>
    );
  }

  const result = await getObjectDetails(bucket, key, region);
  if (!result.ok) {
    const missing = result.error.code === 'NotFound' || result.error.code === 'NoSuchKey' || result.error.code === 'NoSuchBucket';
    return (
      <ContentLayout breadcrumbs={<Breadcrumbs items={crumbs} />} header={<Header variant="h1">{baseName(key) || key}</Header>}>
        <Alert type="error" header={missing ? t('s3.object.notFound', { key, bucket }) : t('s3.object.loadFailed')}>
          <AwsErrorText code={result.error.code} message={result.error.message} />
        </Alert>
      </ContentLayout>
    );
  }
  const object = result.data;

  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={crumbs} />}
      header={
        <Header
          variant="h1"
          actions={
            <>
              <CopyToClipboard variant="button" text={object.s3Uri} label={t('s3.object.copyS3Uri')} />
              <DownloadButton bucket={bucket} objectKey={key} label={t('s3.object.download')} variant="primary" />
            </>
          }
        >
          <span className="break-all">{object.name}</span>
        </Header>
      }
    >
      <Container header={<Header headingId="object-overview">{t('s3.object.properties')}</Header>} labelledBy="object-overview">
        <KeyValuePairs items={propertyItems(object, t, lang)} />
      </Container>
      <Suspense
        fallback={
          <Container header={<Header>{t('s3.object.content')}</Header>}>
            <span className="inline-flex items-center gap-2 text-ink-secondary">
              <Spinner /> {t('common.loading')}
            </span>
          </Container>
        }
      >
        <ObjectContent object={object} t={t} lang={lang} />
      </Suspense>
    </ContentLayout>
  );
}

function propertyItems(object: ObjectDetails, t: Translate, lang: Lang) {
  const withCopy = (value: string, label: string) => (
    <span className="inline-flex max-w-full items-start gap-1">
      <CopyToClipboard text={value} label={label} />
      <span className="min-w-0 break-all">{value}</span>
    </span>
  );
  return [
    { label: t('s3.object.key'), value: <span className="break-all">{object.key}</span> },
    { label: t('s3.object.region'), value: regionLabel(object.region, lang) },
    {
      label: t('s3.object.size'),
      value: `${formatBytes(object.size, lang)} (${t('common.bytes', { count: formatNumber(object.size, lang) })})`,
    },
    { label: t('s3.object.type'), value: object.type || '-' },
    { label: t('s3.object.contentType'), value: object.contentType ?? '-' },
    { label: t('s3.object.lastModified'), value: <DateTime iso={object.lastModified} /> },
    { label: t('s3.object.etag'), value: <span className="break-all">{object.etag ?? '-'}</span> },
    { label: t('s3.object.storageClass'), value: object.storageClass },
    { label: t('s3.object.s3Uri'), value: withCopy(object.s3Uri, t('s3.object.copyS3Uri')) },
    { label: t('s3.object.arn'), value: withCopy(object.arn, t('s3.object.arn')) },
    {
      label: t('s3.object.objectUrl'),
      value: (
        <span className="inline-flex max-w-full items-start gap-1">
          <CopyToClipboard text={object.objectUrl} label={t('s3.object.copyUrl')} />
          <a href={object.objectUrl} className="min-w-0 break-all" target="_blank" rel="noreferrer">
            {object.objectUrl}
          </a>
        </span>
      ),
    },
  ];
}

async function ObjectContent({ object, t, lang }: { object: ObjectDetails; t: Translate; lang: Lang }) {
  const preview = await getObjectPreview(object);
  const title = preview.ok && preview.data.kind === 'text' && preview.data.decompressed ? t('s3.object.contentDecompressed') : t('s3.object.content');
  return (
    <Container header={<Header headingId="object-content">{title}</Header>} labelledBy="object-content">
      {!preview.ok ? (
        <Alert type="error" header={t('s3.object.loadFailed')}>
          <AwsErrorText code={preview.error.code} message={preview.error.message} />
        </Alert>
      ) : preview.data.kind === 'empty' ? (
        <p className="text-ink-secondary">{t('s3.object.previewEmpty')}</p>
      ) : preview.data.kind === 'binary' ? (
        <p className="text-ink-secondary">{t('s3.object.previewBinary')}</p>
      ) : (
        <div className="flex flex-col gap-3">
          {preview.data.truncated && <Alert type="info">{t('s3.object.previewTruncated', { size: formatBytes(preview.data.shownBytes, lang) })}</Alert>}
          <CodeView content={preview.data.text} language={preview.data.language} ariaLabel={title} copyLabel={t('code.copy')} />
        </div>
      )}
    </Container>
  );
}
