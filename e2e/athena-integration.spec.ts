import { expect, test } from '@playwright/test';

/**
 * Generate Athena integration for the demo flow log in the AWS default format: the dialog's
 * checks, the saved-query preview, the S3 location browser, the success notice, and the template
 * itself in the S3 browser.
 */

function isoDate(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

test('generate an Athena integration for a demo flow log and open the template', async ({ page }) => {
  await page.goto('/vpc/flow-logs');
  const table = page.getByRole('table', { name: 'Flow logs' });
  await table.getByRole('checkbox', { name: /demo-vpc-default-format/ }).check();
  const flowLogId = new URL(page.url()).searchParams.get('selected')!;
  expect(flowLogId).toMatch(/^fl-[0-9a-f]+$/);

  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Generate Athena integration' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate Athena integration' });
  await expect(dialog).toContainText(flowLogId);

  // The default format gets six of the sixteen saved queries.
  await expect(dialog.getByRole('heading', { name: 'Saved queries (6 of 16)' })).toBeVisible();
  const included = dialog.getByRole('list', { name: 'Saved queries the template will create' });
  await expect(included.getByRole('listitem')).toHaveCount(6);
  await expect(included).toContainText('VpcFlowLogsSshRdpTraffic');
  await expect(included).not.toContainText('VpcFlowLogsIPv6Traffic');

  // None needs both dates, in the past, the end not before the start; both locations are required.
  await dialog.getByRole('combobox', { name: 'Partition load frequency' }).selectOption('none');
  await dialog.getByRole('button', { name: 'Generate Athena integration' }).click();
  await expect(dialog.getByText('Required when the partition load frequency is None.')).toHaveCount(2);
  await expect(dialog.getByText('Enter an S3 location, for example s3://bucket/prefix/.')).toHaveCount(2);
  const start = dialog.getByLabel('Partition start date');
  const end = dialog.getByLabel('Partition end date');
  await start.fill(isoDate(3));
  await end.fill(isoDate(5));
  await expect(dialog.getByText('The end date must be on or after the start date.')).toBeVisible();
  await end.fill(isoDate(1));
  await expect(dialog.getByText('The end date must be on or after the start date.')).toBeHidden();
  await expect(dialog.getByText('Required when the partition load frequency is None.')).toHaveCount(0);

  const templateLocation = dialog.getByRole('textbox', { name: 'S3 location for the CloudFormation template' });
  await templateLocation.fill('demo-athena-results/templates');
  await expect(dialog.getByText('Enter a valid S3 URI, for example s3://bucket/prefix/.')).toBeVisible();

  // Pick the template location with the S3 browser: a bucket, then Choose.
  await dialog.getByRole('button', { name: 'Browse S3 for S3 location for the CloudFormation template' }).click();
  const browser = page.getByRole('dialog', { name: 'Choose an S3 location' });
  const resultsBucket = browser.getByRole('button', { name: /^demo-athena-results-\d{12}$/ });
  const bucket = (await resultsBucket.innerText()).trim();
  await resultsBucket.click();
  await expect(browser).toContainText(`s3://${bucket}/`);
  await browser.getByRole('button', { name: `Choose s3://${bucket}/` }).click();
  await expect(browser).toBeHidden();
  await expect(templateLocation).toHaveValue(`s3://${bucket}/`);
  await templateLocation.fill(`s3://${bucket}/templates/`);
  await dialog.getByRole('textbox', { name: 'S3 location for the query results' }).fill(`s3://${bucket}/results/`);

  await dialog.getByRole('button', { name: 'Generate Athena integration' }).click();
  await expect(dialog).toBeHidden();

  // A green notice names the template, links to it and offers to create the stack.
  const notice = page.getByRole('status').filter({ hasText: 'Generated the Athena integration template' });
  await expect(notice).toContainText(`VPCFlowLogsIntegrationTemplate_${flowLogId}_`);
  await expect(notice.getByRole('link', { name: 'Create CloudFormation stack' })).toHaveAttribute(
    'href',
    new RegExp(`^/cloudformation/stacks/create\\?templateURL=https%3A%2F%2F${bucket}\\.s3\\.us-east-1\\.amazonaws\\.com%2Ftemplates%2FVPCFlowLogsIntegrationTemplate_${flowLogId}_`),
  );
  await notice.getByRole('link', { name: 'View template' }).click();

  // The template is YAML in the S3 browser.
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^VPCFlowLogsIntegrationTemplate_${flowLogId}_.+\\.yml$`) })).toBeVisible();
  const content = page.getByRole('region', { name: 'Content' }).last();
  await expect(content).toContainText('AWSTemplateFormatVersion');
  await expect(content).toContainText('AWS::Glue::Table');
  await expect(content).toContainText('VpcFlowLogsSshRdpTraffic');
});

test('an API error shows as a red notice with the code and message', async ({ page }) => {
  await page.goto('/vpc/flow-logs');
  await page.getByRole('table', { name: 'Flow logs' }).getByRole('checkbox', { name: /demo-vpc-all-fields-parquet/ }).check();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Generate Athena integration' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate Athena integration' });
  // Every field of the format: all sixteen saved queries.
  await expect(dialog.getByRole('heading', { name: 'Saved queries (16 of 16)' })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'S3 location for the CloudFormation template' }).fill('s3://no-such-bucket-for-e2e/templates/');
  await dialog.getByRole('textbox', { name: 'S3 location for the query results' }).fill('s3://no-such-bucket-for-e2e/results/');
  await dialog.getByRole('button', { name: 'Generate Athena integration' }).click();
  const error = dialog.getByRole('alert').filter({ hasText: 'Failed to generate Athena integration' });
  await expect(error).toContainText(/[A-Za-z.]+: .*no-such-bucket-for-e2e/);
  await expect(dialog).toBeVisible();
});
