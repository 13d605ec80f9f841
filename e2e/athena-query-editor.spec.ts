import { readFile } from 'node:fs/promises';
import {
  AthenaClient,
  CreateNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListQueryExecutionsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateFlowLogsCommand, DescribeVpcsCommand, EC2Client, GetFlowLogsIntegrationTemplateCommand } from '@aws-sdk/client-ec2';
import { GetTablesCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { expect as baseExpect, test, type Page } from '@playwright/test';

/**
 * The Athena query editor as a user meets it after deploying an integration. The setup goes
 * through the SDK, as the story's earlier steps would leave it: a flow log of its own on the demo
 * VPC (its files delivered to S3), its integration template deployed as a stack (Glue database and
 * table, an enforced workgroup, the saved queries), plus one saved query with `?` parameters.
 */
const expect = baseExpect.configure({ timeout: 30_000 });

const LOCAL_AWS = `http://127.0.0.1:${process.env.E2E_LOCAL_AWS_PORT ?? 4610}`;
const credentials = { accessKeyId: 'LOCALAWSACCESSKEY', secretAccessKey: 'local-aws-secret-key' };
const config = { region: 'us-east-1', endpoint: LOCAL_AWS, credentials };
const s3 = new S3Client({ ...config, forcePathStyle: true });
const ec2 = new EC2Client(config);
const cfn = new CloudFormationClient(config);
const glue = new GlueClient(config);
const athena = new AthenaClient(config);

const RUN = Date.now().toString(36);
const BUCKET = `e2e-query-editor-${RUN}`;
const STACK = `e2e-query-editor-${RUN}`;
const PARAMETERIZED = 'E2eTrafficFromSourceToPort';
/** A query goes QUEUED → RUNNING → SUCCEEDED, and a page may still be compiling on a busy machine. */
const QUERY_TIMEOUT = 90_000;

let workGroup = '';
let database = '';
let table = '';
/** A source address that is in the delivered flow log records. */
let knownSource = '';

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function firstRow(sql: string): Promise<(string | undefined)[] | undefined> {
  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: workGroup, QueryExecutionContext: { Database: database } }));
  const state = await until('the setup query', async () => {
    const status = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution?.Status;
    return status?.State === 'QUEUED' || status?.State === 'RUNNING' ? undefined : status;
  });
  if (state.State !== 'SUCCEEDED') throw new Error(`setup query ${state.State}: ${state.StateChangeReason}`);
  const rows = (await athena.send(new GetQueryResultsCommand({ QueryExecutionId }))).ResultSet?.Rows ?? [];
  return rows[1]?.Data?.map((datum) => datum.VarCharValue);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['demo-vpc'] }] }));
  const created = await ec2.send(
    new CreateFlowLogsCommand({
      ResourceIds: [vpcs.Vpcs![0].VpcId!],
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: `arn:aws:s3:::${BUCKET}/flow-logs/`,
    }),
  );
  const flowLogId = created.FlowLogIds![0];
  await until('delivered flow log files', async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'flow-logs/AWSLogs/', MaxKeys: 1 }));
    return listed.KeyCount ? true : undefined;
  });
  const template = await ec2.send(
    new GetFlowLogsIntegrationTemplateCommand({
      FlowLogId: flowLogId,
      ConfigDeliveryS3DestinationArn: `arn:aws:s3:::${BUCKET}/templates/`,
      IntegrateServices: { AthenaIntegrations: [{ IntegrationResultS3DestinationArn: `arn:aws:s3:::${BUCKET}/results/`, PartitionLoadFrequency: 'daily' }] },
    }),
  );
  await cfn.send(new CreateStackCommand({ StackName: STACK, TemplateURL: template.Result, Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] }));
  const status = await until('the integration stack', async () => {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0];
    return stack?.StackStatus?.endsWith('IN_PROGRESS') ? undefined : stack?.StackStatus;
  });
  expect(status).toBe('CREATE_COMPLETE');
  const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }))).StackResources ?? [];
  workGroup = resources.find((resource) => resource.ResourceType === 'AWS::Athena::WorkGroup')!.PhysicalResourceId!;
  database = resources.find((resource) => resource.ResourceType === 'AWS::Glue::Database')!.PhysicalResourceId!;
  table = (await glue.send(new GetTablesCommand({ DatabaseName: database }))).TableList![0].Name!;

  // Wait until the records can be queried (the partition loader has run), and pick a real source
  // address: the one that reached the most destinations, so the parameterised query's result has
  // several destination addresses for the chart to label its bars with.
  knownSource = (await until(
    'queryable flow log records',
    async () => (await firstRow(`SELECT srcaddr FROM ${table} WHERE dstport = 22 GROUP BY srcaddr ORDER BY count(DISTINCT dstaddr) DESC, srcaddr LIMIT 1`))?.[0],
  ))!;
  await athena.send(
    new CreateNamedQueryCommand({
      Name: PARAMETERIZED,
      Description: 'Bytes from one source address to destination ports from a number up',
      Database: database,
      WorkGroup: workGroup,
      QueryString: `SELECT srcaddr, dstaddr, dstport, SUM(bytes) AS total_bytes\nFROM ${table}\nWHERE srcaddr = ? AND dstport >= ?\nGROUP BY 1, 2, 3\nORDER BY total_bytes DESC\nLIMIT 20`,
    }),
  );
});

/** Opens the editor and switches to the integration's workgroup, acknowledging its settings. */
async function openWorkGroup(page: Page) {
  await page.goto('/athena/query-editor');
  await expect(page.getByRole('heading', { level: 1, name: 'Query editor' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Workgroup' }).selectOption(workGroup);
  const dialog = page.getByRole('dialog', { name: `Workgroup ${workGroup} settings` });
  await expect(dialog).toContainText('Query result location');
  await expect(dialog).toContainText(`s3://${BUCKET}/results/`);
  await expect(dialog).toContainText('Override client-side settings');
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`workgroup=${workGroup}`));
  await expect(page.getByRole('combobox', { name: 'Workgroup' })).toHaveValue(workGroup);
}

function resultsTable(page: Page) {
  return page.getByRole('table', { name: 'Query results' });
}

/** The cells of the results header row, by name, so a test can read a column of a row. */
async function columnIndex(page: Page, name: string): Promise<number> {
  const headers = await resultsTable(page).getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((header) => header.trim() === name);
  expect(index, `column ${name} in ${headers.join(', ')}`).toBeGreaterThan(0);
  return index;
}

test('switch to the integration workgroup, open a saved query, run it, read the rows and download the CSV', async ({ page }) => {
  test.setTimeout(240_000);
  await openWorkGroup(page);

  // The acknowledgement is remembered: switching away and back does not ask again.
  await page.getByRole('combobox', { name: 'Workgroup' }).selectOption('primary');
  await expect(page).toHaveURL(/workgroup=primary/);
  await page.getByRole('combobox', { name: 'Workgroup' }).selectOption(workGroup);
  await expect(page).toHaveURL(new RegExp(`workgroup=${workGroup}`));
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The data panel lists the integration's table with its columns and partition keys.
  await page.getByRole('combobox', { name: 'Database' }).selectOption(database);
  await expect(page).toHaveURL(new RegExp(`database=${database}`));
  await page.getByRole('button', { name: table, exact: true }).click();
  const columns = page.getByRole('list', { name: `Columns of ${table}` });
  await expect(columns).toContainText('srcaddr');
  await expect(columns).toContainText('bigint');
  await expect(columns).toContainText('(Partitioned)');

  await page.getByRole('tab', { name: 'Saved queries' }).click();
  const saved = page.getByRole('table', { name: 'Saved queries' });
  for (const name of ['VpcFlowLogsSshRdpTraffic', 'VpcFlowLogsTopTalkers', PARAMETERIZED]) await expect(saved.getByRole('button', { name, exact: true })).toBeVisible();
  await saved.getByRole('button', { name: 'VpcFlowLogsSshRdpTraffic', exact: true }).click();

  // It opens in a new editor tab named after it, with its database.
  await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'VpcFlowLogsSshRdpTraffic' })).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByRole('textbox', { name: 'SQL of VpcFlowLogsSshRdpTraffic' });
  await expect(editor).toHaveValue(/srcport in \(22,3389\)/);
  await expect(page.getByText(`Database: ${database}`)).toBeVisible();

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByRole('group', { name: 'Query status' });
  await expect(status.getByRole('status')).toHaveText('Completed', { timeout: QUERY_TIMEOUT });
  await expect(status).toContainText(/Run time: [\d.]+ (ms|sec)/);
  await expect(status).toContainText(/Data scanned: [\d.]+ (B|KB|MB)/);

  // Rows on screen: every one is SSH or RDP traffic.
  const table_ = resultsTable(page);
  await expect(table_.getByRole('row').nth(1)).toBeVisible();
  const srcport = await columnIndex(page, 'srcport');
  const dstport = await columnIndex(page, 'dstport');
  const rows = table_.getByRole('row');
  const shown = Math.min(await rows.count(), 8);
  expect(shown).toBeGreaterThan(1);
  for (let i = 1; i < shown; i += 1) {
    const cells = await rows.nth(i).getByRole('cell').allInnerTexts();
    expect([cells[srcport], cells[dstport]].some((port) => port === '22' || port === '3389'), cells.join(' ')).toBe(true);
  }

  // Download results: the CSV result file Athena wrote, as an attachment.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^[0-9a-f-]{36}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\n');
  expect(lines[0]).toBe(
    '"version","account_id","interface_id","srcaddr","dstaddr","srcport","dstport","protocol","packets","bytes","start","end","action","log_status","year","month","day"',
  );
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.length).toBeLessThanOrEqual(51);

  // The tab, its SQL and its last results come back after a reload.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'VpcFlowLogsSshRdpTraffic' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'SQL of VpcFlowLogsSshRdpTraffic' })).toHaveValue(/srcport in \(22,3389\)/);
  await expect(resultsTable(page).getByRole('row').nth(1)).toBeVisible({ timeout: QUERY_TIMEOUT });

  // Recent queries lists the run; its execution ID opens it in a new editor tab.
  await page.getByRole('tab', { name: 'Recent queries' }).click();
  const recent = page.getByRole('table', { name: 'Recent queries' });
  const latest = recent.getByRole('row').filter({ hasText: 'srcport in (22,3389)' }).first();
  await expect(latest).toContainText('Completed');
  await latest.getByRole('button').first().click();
  await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /^Query \d+$/ }).last()).toHaveAttribute('aria-selected', 'true');
});

test('a saved query with ? parameters asks for them, rejects an invalid address and sends them as ExecutionParameters', async ({ page }) => {
  test.setTimeout(240_000);
  await openWorkGroup(page);
  await page.getByRole('tab', { name: 'Saved queries' }).click();
  await page.getByRole('table', { name: 'Saved queries' }).getByRole('button', { name: PARAMETERIZED, exact: true }).click();
  const editor = page.getByRole('textbox', { name: `SQL of ${PARAMETERIZED}` });
  await expect(editor).toHaveValue(/srcaddr = \? AND dstport >= \?/);

  // Ctrl+Enter runs, and a query with placeholders first asks for their values.
  await editor.press('Control+Enter');
  const dialog = page.getByRole('dialog', { name: 'Enter parameters' });
  const address = dialog.getByRole('textbox', { name: 'Parameter 1' });
  const port = dialog.getByRole('textbox', { name: 'Parameter 2' });
  await expect(dialog.getByText('Compared with srcaddr: an IPv4 or IPv6 address, such as 10.0.0.1')).toBeVisible();
  await expect(dialog.getByText('Compared with dstport: a port number from 0 to 65535')).toBeVisible();

  await address.fill('10.0.0.999');
  await port.fill('22 OR 1=1');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog.getByText('Enter a valid IPv4 or IPv6 address, such as 10.0.0.1.')).toBeVisible();
  await expect(dialog.getByText('Enter a port number from 0 to 65535.')).toBeVisible();
  await expect(dialog).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');

  await address.fill(`'${knownSource}' OR '1'='1`);
  await expect(dialog.getByText('Enter a valid IPv4 or IPv6 address, such as 10.0.0.1.')).toBeVisible();
  await address.fill(knownSource);
  await port.fill('0');
  await expect(dialog.getByText('Enter a valid IPv4 or IPv6 address, such as 10.0.0.1.')).toBeHidden();
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog).toBeHidden();

  const status = page.getByRole('group', { name: 'Query status' });
  await expect(status.getByRole('status')).toHaveText('Completed', { timeout: QUERY_TIMEOUT });
  const srcaddr = await columnIndex(page, 'srcaddr');
  const first = await resultsTable(page).getByRole('row').nth(1).getByRole('cell').allInnerTexts();
  expect(first[srcaddr]).toBe(knownSource);

  // The values travelled as ExecutionParameters; the query text still has its placeholders.
  const ids = (await athena.send(new ListQueryExecutionsCommand({ WorkGroup: workGroup, MaxResults: 10 }))).QueryExecutionIds ?? [];
  const executions = await Promise.all(ids.map(async (id) => (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!));
  const sent = executions.find((execution) => execution.Query?.includes('srcaddr = ? AND dstport >= ?'));
  expect(sent?.ExecutionParameters).toEqual([`'${knownSource}'`, '0']);

  // The chart picks the byte sum for values, and for labels the column with the most distinct
  // values (the destination address, unless the source reached a single destination).
  const destinations = new Set(await resultsTable(page).getByRole('row').locator(`[role="cell"]:nth-child(${(await columnIndex(page, 'dstaddr')) + 1})`).allInnerTexts());
  await page.getByRole('tab', { name: 'Chart' }).click();
  await expect(page.getByRole('combobox', { name: 'Value column' })).toHaveValue('3');
  await expect(page.getByRole('img', { name: destinations.size > 1 ? /^total_bytes by dstaddr/ : /^total_bytes by srcaddr/ })).toBeVisible();

  // The dialog remembers this tab's values.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Parameter 1' })).toHaveValue(knownSource);
  await expect(dialog.getByRole('textbox', { name: 'Parameter 2' })).toHaveValue('0');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('results page past 1,000 rows as the table scrolls', async ({ page }) => {
  test.setTimeout(240_000);
  await openWorkGroup(page);
  await page.getByRole('button', { name: 'Add query tab' }).click();
  const editor = page.getByRole('textbox', { name: /^SQL of Query \d+$/ });
  await editor.fill("SELECT x, 'row ' || CAST(x AS varchar) AS label, CASE WHEN x % 2 = 0 THEN NULL ELSE x END AS odd FROM UNNEST(sequence(1, 2500)) AS t(x) ORDER BY x");
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Query status' }).getByRole('status')).toHaveText('Completed', { timeout: QUERY_TIMEOUT });

  const table_ = resultsTable(page);
  await expect(table_.getByRole('cell', { name: 'row 1', exact: true })).toBeVisible();
  // NULL reads as NULL, set apart from values.
  await expect(table_.getByRole('row').nth(2).getByRole('cell').last()).toHaveText('NULL');
  await expect(page.getByText('999 rows loaded. Scroll down to load more.')).toBeVisible();
  // Only the rows in view are in the DOM.
  expect(await table_.getByRole('row').count()).toBeLessThan(80);

  const scroller = page.getByTestId('results-scroller');
  await expect(async () => {
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(page.getByText('2,500 rows', { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(table_.getByRole('cell', { name: 'row 2500', exact: true })).toBeVisible();
  expect(await table_.getByRole('row').count()).toBeLessThan(80);
  await expect(page.getByRole('heading', { name: /^Query results/ })).toContainText('(2,500)');
});

test('a running query can be cancelled, and a failing one shows Athena’s reason', async ({ page }) => {
  test.setTimeout(240_000);
  await openWorkGroup(page);
  await page.getByRole('button', { name: 'Add query tab' }).click();
  const editor = page.getByRole('textbox', { name: /^SQL of Query \d+$/ });
  const status = page.getByRole('group', { name: 'Query status' });

  // Far too much work to finish: it runs until cancelled.
  await editor.fill(`SELECT count(*) FROM ${database}.${table} a CROSS JOIN ${database}.${table} b CROSS JOIN ${database}.${table} c WHERE a.bytes + b.bytes + c.bytes = 7`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status.getByRole('status')).toHaveText('Running', { timeout: QUERY_TIMEOUT });
  await expect(status).toContainText(/Elapsed time: \d+\.\d sec/);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(status.getByRole('status')).toHaveText('Cancelled', { timeout: QUERY_TIMEOUT });
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();

  await page.getByRole('tab', { name: 'Recent queries' }).click();
  await expect(page.getByRole('table', { name: 'Recent queries' }).getByRole('row').filter({ hasText: 'SELECT count(*) FROM' }).first()).toContainText('Cancelled');
  await page.getByRole('tab', { name: 'Editor' }).click();

  await editor.fill(`SELECT no_such_column FROM ${database}.${table}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status.getByRole('status')).toHaveText('Failed', { timeout: QUERY_TIMEOUT });
  const alert = page.getByRole('alert').filter({ hasText: 'Query failed' });
  await expect(alert).toContainText("COLUMN_NOT_FOUND: line 1:8: Column 'no_such_column' cannot be resolved");
});

test('a workgroup without a result location (primary) asks for one, then runs queries there', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/athena/query-editor?workgroup=primary');
  const setting = page.getByRole('status').filter({ hasText: 'Set a query result location' });
  await expect(setting).toContainText('Workgroup primary has no query result location.');
  const location = setting.getByRole('textbox', { name: 'Query result location' });
  await location.fill(`${BUCKET}/primary`);
  await setting.getByRole('button', { name: 'Save' }).click();
  await expect(setting.getByText('Enter an S3 location such as s3://bucket/prefix/.')).toBeVisible();
  await location.fill(`s3://${BUCKET}/primary`);
  await setting.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Query result location: s3://${BUCKET}/primary/`)).toBeVisible();

  await page.getByRole('textbox', { name: /^SQL of Query \d+$/ }).fill("SELECT 'primary works' AS answer");
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Query status' }).getByRole('status')).toHaveText('Completed', { timeout: QUERY_TIMEOUT });
  await expect(resultsTable(page).getByRole('cell', { name: 'primary works' })).toBeVisible();
  await page.getByRole('tab', { name: 'Query stats' }).click();
  await expect(page.getByText(new RegExp(`^s3://${BUCKET}/primary/[0-9a-f-]{36}\\.csv$`))).toBeVisible();
});

test('a view tab clicked while a workgroup switch is loading does not undo the switch', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/athena/query-editor?workgroup=primary');
  await expect(page.getByRole('heading', { level: 1, name: 'Query editor' })).toBeVisible();
  // Hold the switched-to workgroup's page for a moment, as a slow network would.
  await page.route(
    (url) => url.searchParams.get('workgroup') === workGroup,
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    },
  );
  await page.getByRole('combobox', { name: 'Workgroup' }).selectOption(workGroup);
  await page.getByRole('dialog', { name: `Workgroup ${workGroup} settings` }).getByRole('button', { name: 'Acknowledge' }).click();
  await page.getByRole('tab', { name: 'Saved queries' }).click();

  await expect(page).toHaveURL(new RegExp(`workgroup=${workGroup}`));
  await expect(page.getByRole('combobox', { name: 'Workgroup' })).toHaveValue(workGroup);
  await page.getByRole('tab', { name: 'Saved queries' }).click();
  await expect(page.getByRole('table', { name: 'Saved queries' }).getByRole('button', { name: 'VpcFlowLogsTopTalkers', exact: true })).toBeVisible();
});

test('a saved query can be deleted from Saved queries', async ({ page }) => {
  const name = `E2eDeleteMe${RUN}`;
  await athena.send(new CreateNamedQueryCommand({ Name: name, Database: database, WorkGroup: workGroup, QueryString: `SELECT 1` }));
  await openWorkGroup(page);
  await page.getByRole('tab', { name: 'Saved queries' }).click();
  const saved = page.getByRole('table', { name: 'Saved queries' });
  await saved.getByRole('checkbox', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete saved queries' });
  await expect(dialog).toContainText(name);
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('Deleted 1 saved query(s).')).toBeVisible();
  await expect(saved.getByRole('button', { name, exact: true })).toBeHidden();
  await expect(saved.getByRole('button', { name: 'VpcFlowLogsTopTalkers', exact: true })).toBeVisible();
});
