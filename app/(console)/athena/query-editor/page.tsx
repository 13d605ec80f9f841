import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { RecordTable } from '@/components/ui/record-table';
import { TableEmptyState } from '@/components/ui/table';
import { getT } from '@/server/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('queryEditor.title') };
}

export default async function QueryEditorPage() {
  const t = await getT();
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.athena'), href: '/athena/query-editor' }, { text: t('queryEditor.title') }]} />}
      header={<Header variant="h1" description={t('queryEditor.description')}>{t('queryEditor.title')}</Header>}
    >
      <RecordTable
        ariaLabel={t('queryEditor.savedQueriesLabel')}
        header={<Header counter="(0)">{t('queryEditor.savedQueries')}</Header>}
        filter={{ placeholder: t('queryEditor.filter') }}
        columns={[
          { id: 'name', header: t('queryEditor.colName'), isRowHeader: true },
          { id: 'description', header: t('queryEditor.colDescription') },
          { id: 'database', header: t('queryEditor.colDatabase') },
        ]}
        items={[]}
        empty={<TableEmptyState title={t('queryEditor.empty')} description={t('queryEditor.emptyDescription')} />}
      />
    </ContentLayout>
  );
}
