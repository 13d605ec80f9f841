import type { Metadata } from 'next';
import { StacksTable } from '@/components/cloudformation/stacks-table';
import { STACKS_HREF } from '@/components/cloudformation/links';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { parseStackStatusFilter } from '@/lib/cloudformation';
import { listStacks } from '@/server/data/cloudformation';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('cfn.stacks.title') };
}

export default async function StacksPage({ searchParams }: Props) {
  const statusFilter = parseStackStatusFilter((await searchParams).status);
  const [t, region] = await Promise.all([getT(), currentRegion()]);
  const result = await listStacks(region, statusFilter);
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.cloudformation'), href: STACKS_HREF }, { text: t('cfn.stacks.title') }]} />}
      header={<Header variant="h1">{t('cfn.stacks.title')}</Header>}
    >
      {result.ok ? (
        <StacksTable stacks={result.data} statusFilter={statusFilter} />
      ) : (
        <Alert type="error" header={t('cfn.stacks.loadFailed')}>
          <AwsErrorText code={result.error.code} message={result.error.message} />
        </Alert>
      )}
    </ContentLayout>
  );
}
