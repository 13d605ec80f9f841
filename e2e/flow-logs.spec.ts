import { expect, test, type Page } from '@playwright/test';

/**
 * The flow-logs journey of a new user: create a flow log with a custom format, find it in the list,
 * watch its files arrive in the S3 browser (creation backfills recent history), delete it.
 * Runs against the demo data local AWS seeds on a fresh data dir (bucket demo-flow-logs-<account>).
 */

const BUCKET = /^demo-flow-logs-\d{12}$/;

/** Opens the newest folder (year → month → day …) of a bucket listing until objects show up. */
async function openNewestFolderUntilFiles(page: Page, fileName: RegExp) {
  const objects = page.getByRole('table', { name: 'Objects' });
  for (let level = 0; level < 5; level += 1) {
    if (await objects.getByRole('link', { name: fileName }).count()) return;
    const folders = objects.getByRole('link', { name: /^[^.]+\/$/ });
    await expect(folders.first()).toBeVisible();
    const names = await folders.allInnerTexts();
    const newest = names.map((n) => n.trim()).sort().at(-1)!;
    await objects.getByRole('link', { name: newest, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: newest })).toBeVisible();
  }
  await expect(objects.getByRole('link', { name: fileName }).first()).toBeVisible();
}

test('create a custom-format flow log, see it listed, filtered and delivering files, then delete it', async ({ page }) => {
  const name = `e2e-custom-${Date.now().toString(36)}`;

  await page.goto('/vpc/flow-logs');
  await expect(page.getByRole('heading', { level: 1, name: 'Flow logs' })).toBeVisible();
  await page.getByRole('link', { name: 'Create flow log' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create flow log' })).toBeVisible();

  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await expect(page.getByRole('radio', { name: 'VPC', exact: true })).toBeChecked();
  await page.getByRole('table', { name: 'Resources to create flow logs for' }).getByRole('checkbox', { name: /demo-vpc/ }).check();
  await page.getByRole('radio', { name: 'Reject', exact: true }).check();
  await page.getByRole('radio', { name: '1 minute' }).check();
  const bucketSelect = page.getByRole('combobox', { name: 'S3 bucket' });
  const bucket = (await bucketSelect.locator('option').allInnerTexts()).find((text) => BUCKET.test(text.trim()))!.trim();
  await bucketSelect.selectOption(bucket);

  // The reserved folder name is refused before anything is sent.
  const folder = page.getByRole('textbox', { name: /^Folder/ });
  await folder.fill('AWSLogs');
  await page.getByRole('button', { name: 'Create flow log' }).click();
  await expect(page.getByText('AWSLogs is a reserved term and can’t be used as a folder name.')).toBeVisible();
  await folder.fill(`e2e/${name}`);
  await expect(page.getByText(`arn:aws:s3:::${bucket}/e2e/${name}/`)).toBeVisible();

  // Custom format: the picker starts from the default fields; change it and keep the order.
  await page.getByRole('radio', { name: 'Custom format' }).check();
  await page.getByRole('button', { name: 'Remove account-id' }).click();
  await page.getByRole('button', { name: 'Add vpc-id' }).click();
  await page.getByRole('button', { name: 'Add subnet-id' }).click();
  await page.getByRole('button', { name: 'Add tcp-flags' }).click();
  await page.getByRole('button', { name: 'Move subnet-id up' }).click();
  const fields = ['version', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status', 'subnet-id', 'vpc-id', 'tcp-flags'];
  const logFormat = fields.map((f) => `\${${f}}`).join(' ');
  await expect(page.getByRole('list', { name: 'Selected fields (16)' }).getByRole('listitem')).toHaveCount(16);
  await expect(page.getByText(logFormat, { exact: true })).toBeVisible();
  await expect(page.getByText('Records will be version 3.')).toBeVisible();

  await page.getByRole('button', { name: 'Create flow log' }).click();

  // Back on the list, with the new flow log selected and a success notice.
  await expect(page).toHaveURL(/\/vpc\/flow-logs\?selected=fl-/, { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: /Created flow log fl-[0-9a-f]+\./ })).toBeVisible();
  const flowLogId = new URL(page.url()).searchParams.get('selected')!;
  expect(flowLogId).toMatch(/^fl-[0-9a-f]+$/);
  const table = page.getByRole('table', { name: 'Flow logs' });
  const row = table.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(flowLogId);
  await expect(row).toContainText('Reject');
  await expect(row).toContainText('1 minute');
  // The Log line format column shows the format itself, as the AWS console does.
  await expect(row).toContainText(logFormat);
  await expect(row.getByRole('checkbox')).toBeChecked();

  // The text filter narrows the list and lives in the URL.
  await page.getByRole('searchbox', { name: 'Find flow logs' }).fill(name);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByText('1 match')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`filter=${name}`));
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Find flow logs' })).toHaveValue(name);
  await expect(table.getByRole('row')).toHaveCount(2);

  // The details say where the files land and link into the S3 browser.
  const details = page.getByRole('region', { name: flowLogId });
  await expect(details).toContainText(logFormat);
  await expect(details).toContainText(`e2e/${name}/AWSLogs/`);
  await details.getByRole('link', { name: 'Open log files' }).click();
  await expect(page).toHaveURL(new RegExp(`/s3/buckets/${bucket}\\?prefix=e2e%2F${name}%2FAWSLogs%2F`));

  // Delivery backfills recent history on creation; poll until the files are listed.
  const fileName = new RegExp(`_vpcflowlogs_us-east-1_${flowLogId}_\\d{8}T\\d{4}Z_[0-9a-f]{8}\\.log\\.gz$`);
  await expect(async () => {
    await page.reload();
    await openNewestFolderUntilFiles(page, fileName);
  }).toPass({ timeout: 60_000 });
  await page.getByRole('table', { name: 'Objects' }).getByRole('link', { name: fileName }).first().click();
  // The file is gzip text whose header line is the custom format's field names, in order.
  await expect(page.getByRole('region', { name: 'Content (decompressed from gzip)' }).last()).toContainText(fields.join(' '));

  // Delete it: the Delete button waits for the typed confirmation.
  await page.goto(`/vpc/flow-logs?selected=${flowLogId}`);
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete flow logs' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete flow logs' });
  await expect(dialog).toContainText(flowLogId);
  const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: /type "delete"/ }).fill('delete');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Deleted flow log ${flowLogId}.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Flow logs' }).getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
});

test('actions follow the selection and the Flow logs tab of a VPC lists its flow logs', async ({ page }) => {
  await page.goto('/vpc/flow-logs');
  await page.getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Generate Athena integration' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('menuitem', { name: 'Generate Athena integration' })).toHaveAccessibleDescription('Select exactly one flow log.');
  await expect(page.getByRole('menuitem', { name: 'Delete flow logs' })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();

  await page.goto('/vpc/vpcs');
  await page.getByRole('radio', { name: /demo-vpc/ }).check();
  await expect(page).toHaveURL(/selected=vpc-/);
  await page.getByRole('tab', { name: 'Flow logs' }).click();
  const tabTable = page.getByRole('table', { name: 'Flow logs' });
  await expect(tabTable.getByRole('row', { name: /demo-vpc-default-format/ })).toBeVisible();
  await expect(tabTable.getByRole('row', { name: /demo-vpc-all-fields-parquet/ })).toBeVisible();
  await page.getByRole('tabpanel').getByRole('link', { name: 'Create flow log' }).first().click();
  await expect(page).toHaveURL(/\/vpc\/flow-logs\/create\?resourceId=vpc-/);
  await expect(page.getByRole('table', { name: 'Resources to create flow logs for' }).getByRole('checkbox', { name: /demo-vpc/ })).toBeChecked();
});
