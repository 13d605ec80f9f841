import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { EDITOR_VIEWS, WORKGROUP_COOKIE, type EditorView } from '@/components/athena/links';
import { QueryEditor } from '@/components/athena/query-editor';
import { WorkGroupSwitcher } from '@/components/athena/workgroup-switcher';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import {
  DEFAULT_CATALOG,
  listDatabases,
  listDataCatalogs,
  listSavedQueries,
  listTables,
  listWorkGroups,
  PRIMARY_WORKGROUP,
} from '@/server/data/athena';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const one = (value: string | string[] | undefined) => (typeof value === 'string' && value !== '' ? value : null);

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('athena.editor.title') };
}

/**
 * The Athena query editor. The URL carries the workgroup, catalog, database and view
 * (`?workgroup=…&database=…&tab=saved`); without a workgroup the one last switched to (cookie) opens.
 */
export default async function QueryEditorPage({ searchParams }: Props) {
  const params = await searchParams;
  const [t, region, cookieStore] = await Promise.all([getT(), currentRegion(), cookies()]);
  const [workGroups, catalogs] = await Promise.all([listWorkGroups(region), listDataCatalogs(region)]);

  const known = workGroups.ok ? workGroups.data : [];
  const remembered = cookieStore.get(WORKGROUP_COOKIE)?.value;
  const fallback = remembered && known.some((group) => group.name === remembered) ? remembered : PRIMARY_WORKGROUP;
  const workGroup = one(params.workgroup) ?? fallback;
  const catalog = one(params.catalog) ?? DEFAULT_CATALOG;
  const requestedView = one(params.tab);
  const view: EditorView = EDITOR_VIEWS.includes(requestedView as EditorView) ? (requestedView as EditorView) : 'editor';

  const databases = await listDatabases(region, catalog);
  const databaseParam = one(params.database);
  const database =
    databaseParam ?? (databases.ok ? (databases.data.includes('default') ? 'default' : (databases.data[0] ?? null)) : null);
  const [tables, savedQueries] = await Promise.all([database ? listTables(region, catalog, database) : Promise.resolve(null), listSavedQueries(region, workGroup)]);
  const workGroupKnown = known.some((group) => group.name === workGroup);

  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: t('breadcrumbs.athena'), href: '/athena/query-editor' }, { text: t('athena.editor.title') }]} />}
      header={
        <Header
          variant="h1"
          description={t('athena.editor.description')}
          actions={workGroups.ok && <WorkGroupSwitcher region={region} workGroups={known} current={workGroup} fallback={fallback === workGroup ? PRIMARY_WORKGROUP : fallback} />}
        >
          {t('athena.editor.title')}
        </Header>
      }
    >
      {!workGroups.ok && (
        <Alert type="error" header={t('athena.workgroup.loadFailed')}>
          <AwsErrorText code={workGroups.error.code} message={workGroups.error.message} />
        </Alert>
      )}
      {workGroups.ok && !workGroupKnown && <Alert type="warning">{t('athena.workgroup.notFound', { name: workGroup })}</Alert>}
      <QueryEditor
        key={`${region}/${workGroup}`}
        region={region}
        workGroup={workGroup}
        needsResultLocation={workGroupKnown && !known.find((group) => group.name === workGroup)?.outputLocation}
        catalogs={catalogs}
        catalog={catalog}
        databases={databases}
        database={database}
        databaseFromUrl={databaseParam !== null}
        tables={tables}
        savedQueries={savedQueries}
        initialView={view}
      />
    </ContentLayout>
  );
}
