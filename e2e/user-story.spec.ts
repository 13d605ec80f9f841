import { readFile } from 'node:fs/promises';
import { expect as baseExpect, test } from '@playwright/test';

/**
 * The product story end to end, as a new user walks it in the browser only: the demo flow log in
 * the AWS default format → Actions → Generate Athena integration → Create CloudFormation stack →
 * CREATE_COMPLETE → the stack's workgroup in the Athena query editor, acknowledged → Saved queries
 * (the six of the default format) → VpcFlowLogsSshRdpTraffic → Run → rows → Download results.
 */
const expect = baseExpect.configure({ timeout: 30_000 });
const STACK_TIMEOUT = 120_000;
const QUERY_TIMEOUT = 90_000;

test('flow log → Generate Athena integration → stack → query editor → VpcFlowLogsSshRdpTraffic', async ({ page }) => {
  test.setTimeout(420_000);
  const stackName = `flow-logs-athena-${Date.now().toString(36)}`;

  // 1. The flow log that publishes the default format to S3.
  await page.goto('/vpc/flow-logs');
  await page.getByRole('table', { name: 'Flow logs' }).getByRole('checkbox', { name: /demo-vpc-default-format/ }).check();

  // 2. Actions → Generate Athena integration, with both S3 locations in the demo results bucket.
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Generate Athena integration' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate Athena integration' });
  await dialog.getByRole('combobox', { name: 'Partition load frequency' }).selectOption('daily');
  await dialog.getByRole('button', { name: 'Browse S3 for S3 location for the CloudFormation template' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose an S3 location' });
  const resultsBucket = picker.getByRole('button', { name: /^demo-athena-results-\d{12}$/ });
  const bucket = (await resultsBucket.innerText()).trim();
  await picker.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('textbox', { name: 'S3 location for the CloudFormation template' }).fill(`s3://${bucket}/story-templates/`);
  await dialog.getByRole('textbox', { name: 'S3 location for the query results' }).fill(`s3://${bucket}/story-results/`);
  await dialog.getByRole('button', { name: 'Generate Athena integration' }).click();
  await expect(dialog).toBeHidden();

  // 3–4. The success notice's button opens Create stack with the template; create it.
  await page.getByRole('link', { name: 'Create CloudFormation stack' }).click();
  await expect(page).toHaveURL(/\/cloudformation\/stacks\/create\?templateURL=/);
  await expect(page.getByText(/^Template loaded/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Stack name' }).fill(stackName);
  await page.getByRole('checkbox', { name: 'I acknowledge that AWS CloudFormation might create IAM resources.' }).check();
  await page.getByRole('button', { name: 'Create stack' }).click();
  await expect(page).toHaveURL(new RegExp(`/cloudformation/stacks/${stackName}`));
  await expect(page.locator('main h1').locator('..').getByText('CREATE_COMPLETE')).toBeVisible({ timeout: STACK_TIMEOUT });

  // 5. The stack's workgroup opens the query editor; its settings are acknowledged.
  await page.getByRole('tab', { name: 'Resources' }).click();
  const workgroupLink = page.getByRole('table', { name: 'Stack resources' }).getByRole('row').filter({ hasText: 'AWS::Athena::WorkGroup' }).getByRole('link');
  const workGroup = (await workgroupLink.innerText()).trim();
  await workgroupLink.click();
  await expect(page).toHaveURL(/\/athena\/query-editor\?workgroup=/);
  const ack = page.getByRole('dialog', { name: `Workgroup ${workGroup} settings` });
  await expect(ack).toContainText(`s3://${bucket}/story-results/`);
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(ack).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Workgroup' })).toHaveValue(workGroup);

  // 6. Saved queries: the six the default format gets.
  await page.getByRole('tab', { name: 'Saved queries' }).click();
  const saved = page.getByRole('table', { name: 'Saved queries' });
  for (const name of [
    'VpcFlowLogsAdminPortTraffic',
    'VpcFlowLogsRejectedTraffic',
    'VpcFlowLogsSshRdpTraffic',
    'VpcFlowLogsTopTalkers',
    'VpcFlowLogsTotalBytesTransferred',
    'VpcFlowLogsTrafficFrmSrcAddr',
  ]) {
    await expect(saved.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: /^Saved queries/ })).toContainText('(6)');

  // 7. Run VpcFlowLogsSshRdpTraffic and read who reaches ports 22 and 3389.
  await saved.getByRole('button', { name: 'VpcFlowLogsSshRdpTraffic', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Query status' }).getByRole('status')).toHaveText('Completed', { timeout: QUERY_TIMEOUT });
  const results = page.getByRole('table', { name: 'Query results' });
  const headers = await results.getByRole('columnheader').allInnerTexts();
  const srcport = headers.indexOf('srcport');
  const dstport = headers.indexOf('dstport');
  const first = await results.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
  expect(['22', '3389']).toContain(first[dstport] === '22' || first[dstport] === '3389' ? first[dstport] : first[srcport]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('"srcaddr","dstaddr","srcport","dstport"');
});
