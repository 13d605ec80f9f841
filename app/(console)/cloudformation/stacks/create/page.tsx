import type { Metadata } from 'next';
import { CreateStackForm, type InitialTemplate } from '@/components/cloudformation/create-stack-form';
import { STACKS_HREF } from '@/components/cloudformation/links';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ContentLayout } from '@/components/ui/content-layout';
import { Header } from '@/components/ui/header';
import { describeTemplate } from '@/server/data/cloudformation';
import { getT } from '@/server/i18n';
import { currentRegion } from '@/server/region';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('cfn.create.title') };
}

/**
 * Create stack. `?templateURL=` (the integration flash's "Create CloudFormation stack" button links
 * here with it) prefills the S3 URL, and the template is validated right away so its parameters and
 * IAM acknowledgement are on the first screen.
 */
export default async function CreateStackPage({ searchParams }: Props) {
  const raw = (await searchParams).templateURL;
  const templateURL = typeof raw === 'string' ? raw.trim() : '';
  const [t, region] = await Promise.all([getT(), currentRegion()]);
  let initial: InitialTemplate = { templateURL, result: null };
  if (/^https?:\/\//i.test(templateURL)) {
    const result = await describeTemplate(region, { templateURL });
    initial = { templateURL, result: result.ok ? { ok: true, data: result.data } : { ok: false, code: result.error.code, message: result.error.message } };
  }
  return (
    <ContentLayout
      breadcrumbs={
        <Breadcrumbs
          items={[
            { text: t('breadcrumbs.cloudformation'), href: STACKS_HREF },
            { text: t('cfn.stacks.title'), href: STACKS_HREF },
            { text: t('cfn.create.title') },
          ]}
        />
      }
      header={<Header variant="h1" description={t('cfn.create.description')}>{t('cfn.create.title')}</Header>}
    >
      <CreateStackForm initial={initial} />
    </ContentLayout>
  );
}
