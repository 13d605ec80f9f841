import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { RecordTable } from '@/components/ui/record-table';
import { TableEmptyState } from '@/components/ui/table';
import { getT } from '@/server/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('flowLogs.title') };
}

export default async function FlowLogsPage() {
  const t = await getT();
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.vpc'), href: '/vpc/vpcs' }, { text: t('flowLogs.title') }]} />}
      header={<Header variant="h1" description={t('flowLogs.description')}>{t('flowLogs.title')}</Header>}
    >
      <RecordTable
        ariaLabel={t('flowLogs.tableLabel')}
        header={<Header counter="(0)">{t('flowLogs.title')}</Header>}
        filter={{ placeholder: t('flowLogs.filter') }}
        columns={[
          { id: 'name', header: t('flowLogs.colName'), isRowHeader: true },
          { id: 'id', header: t('flowLogs.colId') },
          { id: 'resource', header: t('flowLogs.colResource') },
          { id: 'destinationType', header: t('flowLogs.colDestinationType') },
          { id: 'destination', header: t('flowLogs.colDestination') },
          { id: 'status', header: t('flowLogs.colStatus') },
        ]}
        items={[]}
        empty={<TableEmptyState title={t('flowLogs.empty')} description={t('flowLogs.emptyDescription')} />}
      />
    </ContentLayout>
  );
}
