import Link from 'next/link';
import type { FlashInput } from '@/components/shell/flash-provider';
import { objectHref } from '@/components/s3/links';
import { Button } from '@/components/ui/button';
import type { Translate } from '@/lib/i18n/core';
import type { GeneratedTemplate } from '@/server/actions/athena-integration';

/** The CloudFormation console's create-stack page with the template URL filled in. */
export function createStackHref(templateUrl: string): string {
  return `/cloudformation/stacks/create?templateURL=${encodeURIComponent(templateUrl)}`;
}

/**
 * The green notice after "Generate Athena integration": the template's name, a link to view it in
 * the S3 browser, and the button that starts creating the stack from it.
 */
export function integrationSuccessFlash(t: Translate, template: GeneratedTemplate): FlashInput {
  return {
    type: 'success',
    content: (
      <>
        {t('integration.success', { name: template.templateName })}{' '}
        {template.bucket && template.key && <Link href={objectHref(template.bucket, template.key)}>{t('integration.viewTemplate')}</Link>}
      </>
    ),
    // On the green bar the button is outlined in white, as the AWS console draws buttons in a flash.
    action: (
      <Button href={createStackHref(template.templateUrl)} className="border-white! bg-transparent! text-white! no-underline! hover:bg-white/15!">
        {t('integration.createStack')}
      </Button>
    ),
  };
}
