/**
 * The partition loader: the inline (`Code.ZipFile`) source of the template's Lambda function.
 *
 * Plain CommonJS for the Lambda Node.js runtime, which bundles `@aws-sdk/client-glue`; it uses only
 * that and node's `http`/`https`, so local AWS can run the very same text with node. It is invoked
 *  - as the stack's custom resource (Create/Update load the whole range, Delete does nothing) and
 *    answers CloudFormation itself by PUTting to `event.ResponseURL` (http:// locally, https:// on AWS);
 *  - by the EventBridge schedule, with the same properties as its input and no dates, to add the
 *    current day's, week's or month's partitions.
 * The granularity and layout come from the table's own partition keys, so one function serves every
 * table of the template. Partitions are created in batches; existing ones are left alone.
 *
 * Event properties (names as in the AWS-derived port, team reference §2.6): dbName, account_id,
 * service, region, athenaIntegrations[{partitionTableName, partitionLoadFrequency,
 * partitionStartDate?, partitionEndDate?}].
 */
export const PARTITION_LOADER_SOURCE = String.raw`'use strict';
const { GlueClient, GetTableCommand, BatchCreatePartitionCommand } = require('@aws-sdk/client-glue');
const glue = new GlueClient({});
const DAY = 864e5;
const pad = (n) => String(n).padStart(2, '0');

// UTC start of the period holding t, or of the next one when next is set.
function floor(t, unit, next) {
  const y = t.getUTCFullYear(), m = t.getUTCMonth(), d = t.getUTCDate(), n = next ? 1 : 0;
  return unit === 'month' ? new Date(Date.UTC(y, m + n, 1)) : new Date(Date.UTC(y, m, d + n));
}

// Whole days (or months) from start through end; no end date: the current day, week or month.
function periods(cfg, unit, now) {
  const start = cfg.partitionStartDate ? new Date(cfg.partitionStartDate) : now;
  let end = cfg.partitionEndDate ? new Date(cfg.partitionEndDate) : now;
  if (!cfg.partitionEndDate && cfg.partitionLoadFrequency === 'weekly') end = new Date(now.getTime() + 6 * DAY);
  const out = [];
  const until = floor(end, unit === 'month' ? 'month' : 'day', true);
  for (let t = floor(start, unit === 'month' ? 'month' : 'day'); t < until; ) {
    out.push(t);
    t = new Date(unit === 'month' ? Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) : t.getTime() + (unit === 'hour' ? 36e5 : DAY));
  }
  return out;
}

async function loadTable(p, cfg, now) {
  const { Table } = await glue.send(new GetTableCommand({ DatabaseName: p.dbName, Name: cfg.partitionTableName }));
  const sd = Table.StorageDescriptor;
  const keys = Table.PartitionKeys.map((k) => k.Name);
  const hive = keys.includes('aws-account-id');
  const unit = keys.includes('hour') ? 'hour' : keys.includes('day') ? 'day' : 'month';
  const inputs = periods(cfg, unit, now).map((t) => {
    const part = { 'aws-account-id': p.account_id, 'aws-service': p.service, 'aws-region': p.region,
      year: String(t.getUTCFullYear()), month: pad(t.getUTCMonth() + 1), day: pad(t.getUTCDate()), hour: pad(t.getUTCHours()) };
    const Values = keys.map((k) => part[k]);
    const path = keys.map((k, i) => (hive ? k + '=' : '') + Values[i]).join('/');
    return { Values, StorageDescriptor: { ...sd, Location: sd.Location + path + '/' } };
  });
  for (let i = 0; i < inputs.length; i += 100) {
    const res = await glue.send(new BatchCreatePartitionCommand({
      DatabaseName: p.dbName, TableName: cfg.partitionTableName, PartitionInputList: inputs.slice(i, i + 100) }));
    const failed = (res.Errors || []).filter((e) => e.ErrorDetail && e.ErrorDetail.ErrorCode !== 'AlreadyExistsException');
    if (failed.length) throw new Error(cfg.partitionTableName + ': ' + failed[0].ErrorDetail.ErrorCode + ' ' + failed[0].ErrorDetail.ErrorMessage);
  }
  console.log(cfg.partitionTableName, inputs.length, 'partitions');
}

async function load(p) {
  const now = new Date();
  for (const cfg of p.athenaIntegrations || []) await loadTable(p, cfg, now);
}

function respond(event, status, reason) {
  const body = JSON.stringify({
    Status: status, Reason: reason,
    PhysicalResourceId: event.PhysicalResourceId || event.LogicalResourceId + '-' + event.ResourceProperties.dbName,
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: {} });
  const url = new URL(event.ResponseURL);
  const client = require(url.protocol === 'http:' ? 'http' : 'https');
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.end(body);
  });
}

exports.handler = async (event, context) => {
  if (!event.RequestType) return load(event);
  let status = 'SUCCESS', reason = '';
  try {
    if (event.RequestType !== 'Delete') await load(event.ResourceProperties);
  } catch (err) {
    console.error(err);
    status = 'FAILED';
    reason = String((err && err.message) || err) + (context && context.logStreamName ? ' (log stream ' + context.logStreamName + ')' : '');
  }
  await respond(event, status, reason);
};
`;
