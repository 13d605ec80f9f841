import { expect, test } from '@playwright/test';

/**
 * The foundation as a new user meets it: the console opens with the "Local AWS" badge, and the S3
 * browser creates a bucket, uploads a file and shows it, highlighted, then downloads it.
 */
test('the console shows which backend it uses', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveText('Local AWS');
  const nav = page.getByRole('navigation', { name: 'Service navigation' });
  for (const item of ['Your VPCs', 'Flow logs', 'Stacks', 'Query editor', 'Buckets']) {
    await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible();
  }
});

test('create a bucket, upload an object with an awkward name, view and download it', async ({ page }) => {
  const bucket = `e2e-${Date.now().toString(36)}`;
  const fileName = 'report 2026: q3 ü.csv';
  const csv = 'srcaddr,dstaddr,bytes\n10.0.0.5,203.0.113.9,4249\n';

  await page.goto('/s3');
  await page.getByRole('button', { name: 'Create bucket' }).first().click();
  const createDialog = page.getByRole('dialog', { name: 'Create bucket' });
  await createDialog.getByRole('textbox', { name: 'Bucket name' }).fill('Not_Valid');
  await createDialog.getByRole('button', { name: 'Create bucket' }).click();
  await expect(createDialog.getByText('Bucket name can contain only lowercase letters')).toBeVisible();
  await createDialog.getByRole('textbox', { name: 'Bucket name' }).fill(bucket);
  await createDialog.getByRole('button', { name: 'Create bucket' }).click();
  await expect(page.getByText(`Successfully created bucket "${bucket}".`)).toBeVisible();

  await page.getByRole('link', { name: bucket, exact: true }).click();
  await expect(page.getByRole('heading', { name: bucket })).toBeVisible();
  await page.getByRole('button', { name: 'Upload' }).first().click();
  const uploadDialog = page.getByRole('dialog', { name: 'Upload' });
  await uploadDialog.getByLabel('Choose files').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await uploadDialog.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText(`Successfully uploaded "${fileName}".`)).toBeVisible();

  await page.getByRole('link', { name: fileName }).click();
  await expect(page.getByText('Object overview')).toBeVisible();
  await expect(page.getByText(`s3://${bucket}/${fileName}`).first()).toBeVisible();
  await expect(page.getByText('10.0.0.5')).toBeVisible();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download' }).or(page.getByRole('button', { name: 'Download' })).first().click();
  const download = await downloadPromise;
  // Chromium replaces ':' in a downloaded file's name (not allowed on every file system).
  expect(download.suggestedFilename()).toBe(fileName.replace(':', '_'));
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString('utf8')).toBe(csv);
});

test('the console speaks Japanese', async ({ page, context }) => {
  await context.addCookies([{ name: 'lang', value: 'ja', url: 'http://127.0.0.1' }]);
  await page.goto('/s3');
  await expect(page.getByRole('heading', { name: 'バケット' }).first()).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toBeVisible();
});

test('the language switch and the Region selector change the whole console and stick', async ({ page }) => {
  await page.goto('/s3');
  await expect(page.getByRole('heading', { level: 2, name: /^Buckets/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(page.getByRole('heading', { level: 2, name: /^バケット/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'サービスナビゲーション' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: /^バケット/ })).toBeVisible();
  await page.getByRole('combobox', { name: '言語' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 2, name: /^Buckets/ })).toBeVisible();

  // The demo flow logs live in us-east-1; another Region's Flow logs page is empty, and the choice
  // survives a reload.
  await page.goto('/vpc/flow-logs');
  const region = page.getByRole('combobox', { name: 'Region' });
  await expect(region).toHaveValue('us-east-1');
  await expect(page.getByRole('row').filter({ hasText: 'demo-vpc-default-format' })).toBeVisible();
  await region.selectOption('eu-west-1');
  await expect(page.getByText('No flow logs', { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Region' })).toHaveValue('eu-west-1');
  await expect(page.getByText('No flow logs', { exact: true })).toBeVisible();
  await page.getByRole('combobox', { name: 'Region' }).selectOption('us-east-1');
  await expect(page.getByRole('row').filter({ hasText: 'demo-vpc-default-format' })).toBeVisible();
});

test('delete an object, then its now empty bucket; a bucket with objects cannot be deleted', async ({ page }) => {
  const bucket = `e2e-delete-${Date.now().toString(36)}`;
  await page.goto('/s3');
  await page.getByRole('button', { name: 'Create bucket' }).first().click();
  const createDialog = page.getByRole('dialog', { name: 'Create bucket' });
  await createDialog.getByRole('textbox', { name: 'Bucket name' }).fill(bucket);
  await createDialog.getByRole('button', { name: 'Create bucket' }).click();
  await expect(page.getByText(`Successfully created bucket "${bucket}".`)).toBeVisible();
  await page.getByRole('link', { name: bucket, exact: true }).click();
  await page.getByRole('button', { name: 'Upload' }).first().click();
  const uploadDialog = page.getByRole('dialog', { name: 'Upload' });
  await uploadDialog.getByLabel('Choose files').setInputFiles({ name: 'gone.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await uploadDialog.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText('Successfully uploaded "gone.txt".')).toBeVisible();

  // Not empty: S3's BucketNotEmpty comes back as a red notice and the bucket stays.
  await page.goto('/s3');
  await page.getByPlaceholder('Find buckets by name').fill(bucket);
  await page.getByRole('radio', { name: new RegExp(bucket) }).check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete bucket' }).getByRole('button', { name: 'Delete bucket' }).click();
  await expect(page.getByText(`Failed to delete bucket "${bucket}"`)).toBeVisible();
  await expect(page.getByText('BucketNotEmpty')).toBeVisible();

  await page.getByRole('link', { name: bucket, exact: true }).click();
  await page.getByRole('checkbox', { name: /gone\.txt/ }).check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const deleteObjects = page.getByRole('dialog', { name: 'Delete objects' });
  await expect(deleteObjects).toContainText('gone.txt');
  await deleteObjects.getByRole('button', { name: 'Delete objects' }).click();
  await expect(page.getByText('Successfully deleted 1 object.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'gone.txt' })).toBeHidden();

  await page.goto('/s3');
  await page.getByPlaceholder('Find buckets by name').fill(bucket);
  await page.getByRole('radio', { name: new RegExp(bucket) }).check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete bucket' }).getByRole('button', { name: 'Delete bucket' }).click();
  await expect(page.getByText(`Successfully deleted bucket "${bucket}".`)).toBeVisible();
  await expect(page.getByRole('link', { name: bucket, exact: true })).toBeHidden();
});
