import type { Metadata } from 'next';
import { LiveStackStatus } from '@/components/cloudformation/live-stack-status';
import { STACKS_HREF, stackFromParam } from '@/components/cloudformation/links';
import { PollError } from '@/components/cloudformation/poll-error';
import { StackActions } from '@/components/cloudformation/stack-actions';
import { StackEventsTable } from '@/components/cloudformation/stack-events-table';
import { StackInfo } from '@/components/cloudformation/stack-info';
import { StackLiveProvider } from '@/components/cloudformation/stack-live';
import { StackOutputsTable } from '@/components/cloudformation/stack-outputs-table';
import { StackParametersTable } from '@/components/cloudformation/stack-parameters-table';
import { StackProblem } from '@/components/cloudformation/stack-problem';
import { StackResourcesTable } from '@/components/cloudformation/stack-resources-table';
import { Alert, AwsErrorText } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Button } from '@/components/ui/button';
import { CodeView } from '@/components/ui/code-view';
import { Container } from '@/components/ui/container';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { Tabs } from '@/components/ui/tabs';
import { isStackId } from '@/lib/cloudformation';
import { getStackActivity, getStackTemplate } from '@/server/data/cloudformation';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  params: Promise<{ name: string }>;
}

/** "arn:aws:cloudformation:…:stack/<name>/<uuid>" → "<name>", for titles and breadcrumbs. */
function displayName(nameOrId: string): string {
  if (!isStackId(nameOrId)) return nameOrId;
  return /:stack\/([^/]+)\//.exec(nameOrId)?.[1] ?? nameOrId;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: displayName(stackFromParam((await params).name)) };
}

export default async function StackPage({ params }: Props) {
  const nameOrId = stackFromParam((await params).name);
  const [t, region] = await Promise.all([getT(), currentRegion()]);
  const crumbs = (name: string) => (
    <Breadcrumbs
      items={[
        { text: t('breadcrumbs.cloudformation'), href: STACKS_HREF },
        { text: t('cfn.stacks.title'), href: STACKS_HREF },
        { text: name },
      ]}
    />
  );

  const activity = await getStackActivity(region, nameOrId);
  if (!activity.ok) {
    const missing = activity.error.code === 'ValidationError' && /does not exist/.test(activity.error.message);
    return (
      <ContentLayout breadcrumbs={crumbs(displayName(nameOrId))} header={<Header variant="h1">{displayName(nameOrId)}</Header>}>
        <Alert
          type="error"
          header={missing ? t('cfn.stack.notFound', { name: displayName(nameOrId) }) : t('cfn.stack.loadFailed')}
          action={<Button href={STACKS_HREF}>{t('cfn.stack.backToStacks')}</Button>}
        >
          <AwsErrorText code={activity.error.code} message={activity.error.message} />
        </Alert>
      </ContentLayout>
    );
  }
  const { stack } = activity.data;
  const template = await getStackTemplate(region, stack.id);

  return (
    <StackLiveProvider initial={activity.data}>
      <ContentLayout
        breadcrumbs={crumbs(stack.name)}
        header={
          <Header variant="h1" description={<LiveStackStatus />} actions={<StackActions />}>
            <span className="break-all">{stack.name}</span>
          </Header>
        }
      >
        <PollError />
        <StackProblem />
        <Tabs
          ariaLabel={t('cfn.stack.tabsLabel')}
          urlParam="tab"
          tabs={[
            { id: 'info', label: t('cfn.stack.tabInfo'), content: <StackInfo /> },
            { id: 'events', label: t('cfn.stack.tabEvents'), content: <StackEventsTable /> },
            { id: 'resources', label: t('cfn.stack.tabResources'), content: <StackResourcesTable /> },
            { id: 'outputs', label: t('cfn.stack.tabOutputs'), content: <StackOutputsTable /> },
            { id: 'parameters', label: t('cfn.stack.tabParameters'), content: <StackParametersTable /> },
            {
              id: 'template',
              label: t('cfn.stack.tabTemplate'),
              content: (
                <Container header={<Header headingId="stack-template">{t('cfn.template.title')}</Header>} labelledBy="stack-template">
                  {template.ok ? (
                    <CodeView content={template.data.body} language={template.data.language} ariaLabel={t('cfn.template.codeLabel')} copyLabel={t('code.copy')} />
                  ) : (
                    <Alert type="error" header={t('cfn.template.loadFailed')}>
                      <AwsErrorText code={template.error.code} message={template.error.message} />
                    </Alert>
                  )}
                </Container>
              ),
            },
          ]}
        />
      </ContentLayout>
    </StackLiveProvider>
  );
}
