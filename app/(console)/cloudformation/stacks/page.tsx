import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { RecordTable } from '@/components/ui/record-table';
import { TableEmptyState } from '@/components/ui/table';
import { getT } from '@/server/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('stacks.title') };
}

export default async function StacksPage() {
  const t = await getT();
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.cloudformation'), href: '/cloudformation/stacks' }, { text: t('stacks.title') }]} />}
      header={<Header variant="h1" description={t('stacks.description')}>{t('stacks.title')}</Header>}
    >
      <RecordTable
        ariaLabel={t('stacks.tableLabel')}
        header={<Header counter="(0)">{t('stacks.title')}</Header>}
        filter={{ placeholder: t('stacks.filter') }}
        columns={[
          { id: 'name', header: t('stacks.colName'), isRowHeader: true },
          { id: 'status', header: t('stacks.colStatus') },
          { id: 'created', header: t('stacks.colCreated') },
          { id: 'description', header: t('stacks.colDescription') },
        ]}
        items={[]}
        empty={<TableEmptyState title={t('stacks.empty')} description={t('stacks.emptyDescription')} />}
      />
    </ContentLayout>
  );
}
