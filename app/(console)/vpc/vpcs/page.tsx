import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { RecordTable } from '@/components/ui/record-table';
import { TableEmptyState } from '@/components/ui/table';
import { getT } from '@/server/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('vpcs.title') };
}

export default async function VpcsPage() {
  const t = await getT();
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.vpc'), href: '/vpc/vpcs' }, { text: t('vpcs.title') }]} />}
      header={<Header variant="h1" description={t('vpcs.description')}>{t('vpcs.title')}</Header>}
    >
      <RecordTable
        ariaLabel={t('vpcs.tableLabel')}
        header={<Header counter="(0)">{t('vpcs.title')}</Header>}
        filter={{ placeholder: t('vpcs.filter') }}
        columns={[
          { id: 'name', header: t('vpcs.colName'), isRowHeader: true },
          { id: 'id', header: t('vpcs.colId') },
          { id: 'state', header: t('vpcs.colState') },
          { id: 'cidr', header: t('vpcs.colCidr') },
        ]}
        items={[]}
        empty={<TableEmptyState title={t('vpcs.empty')} description={t('vpcs.emptyDescription')} />}
      />
    </ContentLayout>
  );
}
