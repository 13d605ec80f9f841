import { AthenaClient, DeleteWorkGroupCommand, GetQueryExecutionCommand, GetWorkGroupCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateFlowLogsCommand, DeleteFlowLogsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expect as baseExpect, test, type Page } from '@playwright/test';

/**
 * The Stacks console against the product's own local AWS (playwright.config.ts starts both on a
 * fresh data dir). Templates are put into S3 through the SDK, the way a user would have them there.
 *
 * The main template holds a custom resource whose function waits for a "release" object in S3
 * before answering, on create and again on delete. That keeps the stack in CREATE_IN_PROGRESS /
 * DELETE_IN_PROGRESS until the test lets it go, so the test can see the page move on by itself
 * (no reload) — it fails if events only show up after a reload.
 */
/** Navigations render server pages that call AWS; give them room on a busy machine. */
const expect = baseExpect.configure({ timeout: 30_000 });

const LOCAL_AWS = `http://127.0.0.1:${process.env.E2E_LOCAL_AWS_PORT ?? 4610}`;
const credentials = { accessKeyId: 'LOCALAWSACCESSKEY', secretAccessKey: 'local-aws-secret-key' };
const s3 = new S3Client({ region: 'us-east-1', endpoint: LOCAL_AWS, credentials, forcePathStyle: true });
const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint: LOCAL_AWS, credentials });
const athena = new AthenaClient({ region: 'us-east-1', endpoint: LOCAL_AWS, credentials });
const ec2 = new EC2Client({ region: 'us-east-1', endpoint: LOCAL_AWS, credentials });

const RUN = Date.now().toString(36);
const TEMPLATES_BUCKET = `e2e-cfn-templates-${RUN}`;
const STACK = `e2e-gated-${RUN}`;
const DATABASE = `e2e_cfn_db_${RUN}`;
const DATA_BUCKET = `e2e-cfn-data-${RUN}`;
const TEMPLATE_KEY = 'templates/gated stack.yaml';
/** How long a stack may take to move on once released (a function invocation, then the page's next poll). */
const LIVE_TIMEOUT = 90_000;

const GATE_CODE = `
const { S3Client, HeadObjectCommand } = require('@aws-sdk/client-s3');
const response = require('cfn-response');
exports.handler = async (event, context) => {
  const key = event.RequestType === 'Delete' ? 'release-delete' : 'release-create';
  const s3 = new S3Client({ forcePathStyle: true });
  const deadline = Date.now() + 240000;
  while (Date.now() < deadline) {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: event.ResourceProperties.GateBucket, Key: key }));
      break;
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await response.send(event, context, response.SUCCESS, {}, 'gate');
};`;

const GATED_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: E2E Glue database and S3 bucket behind a gate
Parameters:
  DatabaseName:
    Type: String
    Description: Name of the Glue database
  Environment:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Resources:
  Database:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput:
        Name: !Ref DatabaseName
  FlowsTable:
    Type: AWS::Glue::Table
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref Database
      TableInput:
        Name: flows
        TableType: EXTERNAL_TABLE
        StorageDescriptor:
          Columns: [{ Name: srcaddr, Type: string }]
          Location: !Sub 's3://\${DataBucket}/flows/'
  DataBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: ${DATA_BUCKET}
  GateRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: 'sts:AssumeRole' }]
  GateFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Timeout: 300
      Role: !GetAtt GateRole.Arn
      Code:
        ZipFile: |
${GATE_CODE.split('\n').map((line) => `          ${line}`).join('\n')}
  Gate:
    Type: Custom::Gate
    DependsOn: [FlowsTable, DataBucket]
    Properties:
      ServiceToken: !GetAtt GateFunction.Arn
      GateBucket: ${TEMPLATES_BUCKET}
Outputs:
  DatabaseName:
    Description: The Glue database
    Value: !Ref Database
  Environment:
    Value: !Ref Environment
`;

const templateUrl = `${LOCAL_AWS}/${TEMPLATES_BUCKET}/${TEMPLATE_KEY.split('/').map(encodeURIComponent).join('/')}`;

async function release(which: 'create' | 'delete') {
  await s3.send(new PutObjectCommand({ Bucket: TEMPLATES_BUCKET, Key: `release-${which}`, Body: '' }));
}

/** A marker on window that a reload or a full navigation would wipe. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __e2eMarker: string }).__e2eMarker = 'still here'));
}
async function expectSamePage(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe('still here');
}

/**
 * Navigates and lets the page settle (scripts loaded, React hydrated), so typing and clicking reach
 * React state rather than the server-rendered HTML.
 */
async function open(page: Page, url: string) {
  await page.goto(url, { waitUntil: 'networkidle' });
}

/** The Create stack button stays disabled until the form is hydrated. */
async function openCreateStack(page: Page, url = '/cloudformation/stacks/create') {
  await open(page, url);
  await expect(page.getByRole('button', { name: 'Create stack' })).toBeEnabled();
}

test.describe.configure({ timeout: 480_000 });

test.beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: TEMPLATES_BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: TEMPLATES_BUCKET, Key: TEMPLATE_KEY, Body: GATED_TEMPLATE, ContentType: 'application/x-yaml' }));
});

test('create a stack from an S3 template, watch it complete without reloading, explore it, delete it', async ({ page }) => {
  // Stacks list → Create stack.
  await open(page, '/cloudformation/stacks');
  await expect(page.getByRole('heading', { level: 1, name: 'Stacks' })).toBeVisible();
  await page.getByRole('link', { name: 'Create stack' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create stack' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create stack' })).toBeEnabled();

  // Template from its Amazon S3 URL; loading it shows its parameters and the IAM acknowledgement.
  await expect(page.getByRole('radio', { name: 'Amazon S3 URL' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Amazon S3 URL' }).fill(templateUrl);
  const viewTemplate = page.getByRole('link', { name: 'View template' });
  await expect(viewTemplate).toHaveAttribute('href', `/s3/object/${TEMPLATES_BUCKET}?key=${encodeURIComponent(TEMPLATE_KEY)}`);
  await page.getByRole('button', { name: 'Load template' }).click();
  await expect(page.getByText('Template loaded: E2E Glue database and S3 bucket behind a gate')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'DatabaseName' })).toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('dev');
  const acknowledge = page.getByRole('checkbox', { name: 'I acknowledge that AWS CloudFormation might create IAM resources.' });
  await expect(acknowledge).not.toBeChecked();

  // The stack name is checked as typed; the acknowledgement is required.
  const stackName = page.getByRole('textbox', { name: 'Stack name' });
  await stackName.fill('1-not-a-name');
  await stackName.blur();
  await expect(page.getByText('Stack name must start with a letter.')).toBeVisible();
  await stackName.fill(STACK);
  await page.getByRole('textbox', { name: 'DatabaseName' }).fill(DATABASE);
  await page.getByRole('combobox', { name: 'Environment' }).selectOption('prod');
  await page.getByRole('button', { name: 'Add new tag' }).click();
  await page.getByRole('textbox', { name: 'Key of tag 1' }).fill('team');
  await page.getByRole('textbox', { name: 'Value of tag 1' }).fill('network');
  await page.getByRole('button', { name: 'Create stack' }).click();
  await expect(page.getByText('You must acknowledge that AWS CloudFormation might create IAM resources before you can create the stack.')).toBeVisible();
  await expect(page).toHaveURL(/\/cloudformation\/stacks\/create/);
  await acknowledge.check();
  await page.getByRole('button', { name: 'Create stack' }).click();

  // The stack's Events tab, with a flash; the stack works on the gate.
  await expect(page).toHaveURL(new RegExp(`/cloudformation/stacks/${STACK}\\?tab=events`));
  await expect(page.getByRole('status').filter({ hasText: `Stack creation for "${STACK}" has been initiated.` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: STACK })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  const events = page.getByRole('table', { name: 'Stack events' });
  await expect(events.getByRole('row').filter({ hasText: 'Gate' }).filter({ hasText: 'CREATE_IN_PROGRESS' }).first()).toBeVisible();
  const header = page.locator('main h1').locator('..');
  await expect(header.getByText('CREATE_IN_PROGRESS')).toBeVisible();
  await expect(events.getByRole('row').filter({ hasText: STACK }).filter({ hasText: 'CREATE_COMPLETE' })).toHaveCount(0);

  // Let the gate go: the completion shows up on the same page, newest event on top.
  await markPage(page);
  await release('create');
  await expect(events.getByRole('row').filter({ hasText: STACK }).filter({ hasText: 'CREATE_COMPLETE' })).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(events.getByRole('row').nth(1)).toContainText('CREATE_COMPLETE');
  await expect(events.getByRole('row').nth(1)).toContainText(STACK);
  await expect(header.getByText('CREATE_COMPLETE')).toBeVisible();
  await expectSamePage(page);

  // Resources link to the consoles that show them; the function is plain text.
  await page.getByRole('tab', { name: 'Resources' }).click();
  await expect(page).toHaveURL(/tab=resources/);
  const resources = page.getByRole('table', { name: 'Stack resources' });
  await expect(resources.getByRole('row')).toHaveCount(7);
  await expect(resources.getByRole('link', { name: DATA_BUCKET })).toHaveAttribute('href', `/s3/buckets/${DATA_BUCKET}`);
  await expect(resources.getByRole('link', { name: DATABASE })).toHaveAttribute('href', `/athena/query-editor?database=${DATABASE}`);
  await expect(resources.getByRole('link', { name: 'flows' })).toHaveAttribute('href', `/athena/query-editor?database=${DATABASE}`);
  const functionRow = resources.getByRole('row').filter({ hasText: 'AWS::Lambda::Function' });
  await expect(functionRow).toContainText('CREATE_COMPLETE');
  await expect(functionRow.getByRole('link')).toHaveCount(0);

  // Outputs, parameters, info and the template.
  await page.getByRole('tab', { name: 'Outputs' }).click();
  await expect(page.getByRole('table', { name: 'Stack outputs' }).getByRole('row').filter({ hasText: 'DatabaseName' })).toContainText(DATABASE);
  await page.getByRole('tab', { name: 'Parameters' }).click();
  await expect(page.getByRole('table', { name: 'Stack parameters' }).getByRole('row').filter({ hasText: 'Environment' })).toContainText('prod');
  await page.getByRole('tab', { name: 'Stack info' }).click();
  await expect(page.getByRole('region', { name: 'Overview' })).toContainText('E2E Glue database and S3 bucket behind a gate');
  await expect(page.getByRole('table', { name: 'Stack tags' }).getByRole('row').filter({ hasText: 'team' })).toContainText('network');
  await page.getByRole('tab', { name: 'Template' }).click();
  const template = page.getByRole('region', { name: 'Template body' });
  await expect(template).toContainText('Type: AWS::Glue::Database');
  await expect(template.locator('[data-language="yaml"]')).toBeVisible();
  // The tab is in the URL, so a reload lands on it again.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Template' })).toHaveAttribute('aria-selected', 'true');

  // In the list: status, filter by name and by status.
  await open(page, '/cloudformation/stacks');
  const stacks = page.getByRole('table', { name: 'Stacks' });
  await expect(stacks.getByRole('row').filter({ hasText: STACK })).toContainText('CREATE_COMPLETE');
  await page.getByRole('searchbox', { name: 'Filter by stack name' }).fill('no-such-stack');
  await expect(stacks.getByText('No matches')).toBeVisible();
  await expect(page).toHaveURL(/filter=no-such-stack/);
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(stacks.getByRole('link', { name: STACK })).toBeVisible();

  // Delete from the stack's page: DELETE_IN_PROGRESS, then DELETE_COMPLETE, still without a reload.
  await stacks.getByRole('link', { name: STACK }).click();
  await expect(page.getByRole('heading', { level: 1, name: STACK })).toBeVisible();
  await page.getByRole('tab', { name: 'Events' }).click();
  await markPage(page);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete stack?' });
  await expect(dialog).toContainText(`Stack: ${STACK}`);
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(header.getByText('DELETE_IN_PROGRESS')).toBeVisible();
  await expect(events.getByRole('row').filter({ hasText: 'Gate' }).filter({ hasText: 'DELETE_IN_PROGRESS' }).first()).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await release('delete');
  await expect(header.getByText('DELETE_COMPLETE')).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(events.getByRole('row').nth(1)).toContainText('DELETE_COMPLETE');
  await expectSamePage(page);

  // Gone from the active list; the Deleted filter still has it, and its page opens by stack ID.
  await open(page, '/cloudformation/stacks');
  await expect(stacks.getByRole('link', { name: STACK })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Filter status' }).selectOption('deleted');
  await expect(page).toHaveURL(/status=deleted/);
  await expect(stacks.getByRole('row').filter({ hasText: STACK })).toContainText('DELETE_COMPLETE');
  await stacks.getByRole('link', { name: STACK }).click();
  await expect(page).toHaveURL(/\/cloudformation\/stacks\/arn%3Aaws%3Acloudformation/);
  await expect(page.locator('main h1').locator('..').getByText('DELETE_COMPLETE')).toBeVisible();
});

test('create from an uploaded or pasted template; CloudFormation errors keep the form filled in', async ({ page }) => {
  const name = `e2e-upload-${RUN}`;
  const database = `e2e_upload_db_${RUN}`;
  const template = JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'E2E uploaded template',
      Parameters: { Secret: { Type: 'String', NoEcho: true, Default: 'not-shown' } },
      Resources: { Database: { Type: 'AWS::Glue::Database', Properties: { CatalogId: { Ref: 'AWS::AccountId' }, DatabaseInput: { Name: database } } } },
    },
    null,
    2,
  );

  await openCreateStack(page);
  await page.getByRole('radio', { name: 'Upload a template file' }).check();
  await page.locator('input[type="file"]').setInputFiles({ name: 'database.json', mimeType: 'application/json', buffer: Buffer.from(template) });
  await expect(page.getByText('Template loaded: E2E uploaded template')).toBeVisible();
  await expect(page.getByText('database.json')).toBeVisible();
  // NoEcho parameters are password fields.
  await expect(page.getByLabel('Secret')).toHaveAttribute('type', 'password');
  // No IAM resources, no acknowledgement.
  await expect(page.getByRole('checkbox', { name: /I acknowledge/ })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Stack name' }).fill(name);
  await page.getByRole('button', { name: 'Create stack' }).click();
  await expect(page).toHaveURL(new RegExp(`/cloudformation/stacks/${name}\\?tab=events`));
  await expect(page.locator('main h1').locator('..').getByText('CREATE_COMPLETE')).toBeVisible({ timeout: LIVE_TIMEOUT });
  const stack = await cfn.send(new DescribeStacksCommand({ StackName: name }));
  expect(stack.Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');

  // The same name again: AlreadyExistsException as a red flash, and the form keeps its values.
  await openCreateStack(page);
  await page.getByRole('radio', { name: 'Paste a template' }).check();
  await page.getByRole('textbox', { name: 'Template', exact: true }).fill('Resources:\n  Db:\n    Type: AWS::Glue::Database\n    Properties:\n      CatalogId: !Ref AWS::AccountId\n      DatabaseInput: { Name: never_created }\n');
  await page.getByRole('button', { name: 'Load template' }).click();
  await expect(page.getByText('Template loaded.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Stack name' }).fill(name);
  await page.getByRole('button', { name: 'Create stack' }).click();
  const error = page.getByRole('alert').filter({ hasText: `Failed to create stack "${name}"` });
  await expect(error).toContainText('AlreadyExistsException');
  await expect(error).toContainText(`Stack [${name}] already exists`);
  await expect(page).toHaveURL(/\/cloudformation\/stacks\/create/);
  await expect(page.getByRole('textbox', { name: 'Stack name' })).toHaveValue(name);
  await expect(page.getByRole('textbox', { name: 'Template', exact: true })).toHaveValue(/never_created/);

  // A template CloudFormation rejects: the ValidationError shows on the template field.
  await page.getByRole('textbox', { name: 'Template', exact: true }).fill('Resources:\n  Thing:\n    Type: AWS::Glue::Database\n    Properties: { DatabaseInput: { Name: !Ref Missing } }\n');
  await page.getByRole('button', { name: 'Load template' }).click();
  await expect(page.getByText(/ValidationError:/)).toBeVisible();

  // Clean up through the list's Delete.
  await open(page, '/cloudformation/stacks');
  await page.getByRole('radio', { name: `Select ${name}` }).check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete stack?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Deletion of stack "${name}" has been initiated.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Stacks' }).getByRole('link', { name })).toHaveCount(0, { timeout: LIVE_TIMEOUT });
});

test('from a flow log on the demo VPC: Generate Athena integration, Create CloudFormation stack, acknowledge IAM, watch CREATE_COMPLETE; a non-empty workgroup makes delete fail', async ({ page }) => {
  const name = `e2e-integration-${RUN}`;
  // A flow log of its own (on the seeded demo VPC, to S3): the integration's Glue database is named
  // after the flow log, so sharing the seeded flow logs with other specs would make the stacks collide.
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['demo-vpc'] }] }));
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  expect(vpcId).toBeTruthy();
  const created = await ec2.send(
    new CreateFlowLogsCommand({
      ResourceIds: [vpcId!],
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: `arn:aws:s3:::${TEMPLATES_BUCKET}/flow-logs/`,
      TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  const flowLogId = created.FlowLogIds?.[0];
  expect(flowLogId).toBeTruthy();

  await open(page, `/vpc/flow-logs?selected=${flowLogId}`);
  await expect(page.getByRole('checkbox', { name: new RegExp(flowLogId!) })).toBeChecked();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Generate Athena integration' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate Athena integration' });
  await dialog.getByRole('combobox', { name: 'Partition load frequency' }).selectOption('daily');
  await dialog.getByRole('textbox', { name: 'S3 location for the CloudFormation template' }).fill(`s3://${TEMPLATES_BUCKET}/integration/`);
  await dialog.getByRole('textbox', { name: 'S3 location for the query results' }).fill(`s3://${TEMPLATES_BUCKET}/athena-results/`);
  await dialog.getByRole('button', { name: 'Generate Athena integration' }).click();
  await expect(dialog).toBeHidden();

  // The success flash's button opens Create stack with the template's URL, already validated.
  await page.getByRole('link', { name: 'Create CloudFormation stack' }).click();
  await expect(page).toHaveURL(/\/cloudformation\/stacks\/create\?templateURL=/);
  await expect(page.getByRole('button', { name: 'Create stack' })).toBeEnabled();
  const url = await page.getByRole('textbox', { name: 'Amazon S3 URL' }).inputValue();
  expect(url).toContain(TEMPLATES_BUCKET);
  expect(url).toContain('VPCFlowLogsIntegrationTemplate_');
  await expect(page.getByRole('link', { name: 'View template' })).toHaveAttribute('href', new RegExp(`^/s3/object/${TEMPLATES_BUCKET}\\?key=integration%2FVPCFlowLogsIntegrationTemplate_`));
  await expect(page.getByText(/^Template loaded/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Stack name' }).fill(name);
  await page.getByRole('checkbox', { name: 'I acknowledge that AWS CloudFormation might create IAM resources.' }).check();
  await page.getByRole('button', { name: 'Create stack' }).click();

  await expect(page).toHaveURL(new RegExp(`/cloudformation/stacks/${name}\\?tab=events`));
  const header = page.locator('main h1').locator('..');
  await expect(header.getByText('CREATE_COMPLETE')).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(page.getByRole('table', { name: 'Stack events' }).getByRole('row').nth(1)).toContainText(name);

  // The workgroup and the Glue database lead to the Athena query editor.
  await page.getByRole('tab', { name: 'Resources' }).click();
  const resources = page.getByRole('table', { name: 'Stack resources' });
  const workgroupRow = resources.getByRole('row').filter({ hasText: 'AWS::Athena::WorkGroup' });
  await expect(workgroupRow.getByRole('link')).toHaveAttribute('href', /^\/athena\/query-editor\?workgroup=/);
  const databaseRow = resources.getByRole('row').filter({ hasText: 'AWS::Glue::Database' });
  await expect(databaseRow.getByRole('link')).toHaveAttribute('href', /^\/athena\/query-editor\?database=vpcflowlogsathenadatabase/);
  await expect(resources.getByRole('row').filter({ hasText: 'AWS::Lambda::Function' }).first().getByRole('link')).toHaveCount(0);

  // A workgroup that has run a query is not empty: deleting the stack fails as on AWS (it needs a
  // recursive delete), and the page says DELETE_FAILED with the workgroup's reason.
  const workgroup = await workgroupRow.getByRole('link').innerText();
  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: workgroup }));
  await baseExpect
    .poll(async () => (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution?.Status?.State, { timeout: 60_000 })
    .toBe('SUCCEEDED');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete stack?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Stack status: DELETE_FAILED' });
  await expect(problem).toContainText(`WorkGroup ${workgroup} is not empty`, { timeout: LIVE_TIMEOUT });
  await expect(problem).toContainText('The following resource(s) failed to delete');
  await expect(header.getByText('DELETE_FAILED')).toBeVisible();
  await expect(resources.getByRole('row').filter({ hasText: 'AWS::Athena::WorkGroup' })).toContainText('DELETE_FAILED');
  // The way out AWS offers, in the console: delete again, retaining the workgroup that failed (its
  // queries and history stay in the account).
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete stack?' });
  await expect(deleteDialog).toContainText('DELETE_FAILED state');
  await expect(deleteDialog.getByRole('radio', { name: 'Delete this stack but retain resources' })).toBeChecked();
  const retained = deleteDialog.getByRole('checkbox', { name: /AWS::Athena::WorkGroup/ });
  await expect(retained).toBeChecked();
  await expect(deleteDialog.getByRole('checkbox')).toHaveCount(1);
  await expect(deleteDialog).toContainText(`WorkGroup ${workgroup} is not empty`);
  await deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(header.getByText('DELETE_COMPLETE')).toBeVisible({ timeout: LIVE_TIMEOUT });
  await expect(problem).toBeHidden();
  await expect(resources.getByRole('row').filter({ hasText: 'AWS::Athena::WorkGroup' })).toContainText('DELETE_SKIPPED');
  const kept = await athena.send(new GetWorkGroupCommand({ WorkGroup: workgroup }));
  expect(kept.WorkGroup?.Name).toBe(workgroup);
  await athena.send(new DeleteWorkGroupCommand({ WorkGroup: workgroup, RecursiveDeleteOption: true }));
  await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [flowLogId!] }));
});

test('Japanese: the Stacks console speaks the AWS console’s Japanese', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'lang', value: 'ja', url: baseURL! }]);
  await open(page, '/cloudformation/stacks');
  await expect(page.getByRole('heading', { level: 1, name: 'スタック' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'スタックの作成' })).toBeVisible();
  await open(page, `/cloudformation/stacks/create?templateURL=${encodeURIComponent(templateUrl)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'スタックの作成' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Amazon S3 URL' })).toHaveValue(templateUrl);
  await expect(page.getByRole('checkbox', { name: 'AWS CloudFormation によって IAM リソースが作成される場合があることを承認します。' })).toBeVisible();
});
