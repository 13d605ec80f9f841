/**
 * S3 selects most operations by a query flag on the bucket or object URL (`?tagging`, `?acl`…).
 * Local AWS implements a few of them; every other flag the S3 API defines must answer 501 with the
 * operation's name. Falling through to the plain operation instead would be destructive: a PUT
 * `?legal-hold` would overwrite the object with the request's XML, a DELETE `?metadataTable` would
 * delete the bucket. The table follows the S3 API model (method, flag, bucket or object URL).
 */
type Scope = 'bucket' | 'object';

/** [flag, method, scope, operation]; GET of a configuration collection without `id` is its List operation. */
const SUBRESOURCES: readonly (readonly [string, string, Scope, string])[] = [
  ['abac', 'GET', 'bucket', 'GetBucketAbac'],
  ['abac', 'PUT', 'bucket', 'PutBucketAbac'],
  ['accelerate', 'GET', 'bucket', 'GetBucketAccelerateConfiguration'],
  ['accelerate', 'PUT', 'bucket', 'PutBucketAccelerateConfiguration'],
  ['acl', 'GET', 'bucket', 'GetBucketAcl'],
  ['acl', 'PUT', 'bucket', 'PutBucketAcl'],
  ['acl', 'GET', 'object', 'GetObjectAcl'],
  ['acl', 'PUT', 'object', 'PutObjectAcl'],
  ['analytics', 'DELETE', 'bucket', 'DeleteBucketAnalyticsConfiguration'],
  ['analytics', 'GET', 'bucket', 'GetBucketAnalyticsConfiguration'],
  ['analytics', 'PUT', 'bucket', 'PutBucketAnalyticsConfiguration'],
  ['attributes', 'GET', 'object', 'GetObjectAttributes'],
  ['cors', 'DELETE', 'bucket', 'DeleteBucketCors'],
  ['cors', 'GET', 'bucket', 'GetBucketCors'],
  ['cors', 'PUT', 'bucket', 'PutBucketCors'],
  ['encryption', 'DELETE', 'bucket', 'DeleteBucketEncryption'],
  ['encryption', 'GET', 'bucket', 'GetBucketEncryption'],
  ['encryption', 'PUT', 'bucket', 'PutBucketEncryption'],
  ['encryption', 'PUT', 'object', 'UpdateObjectEncryption'],
  ['intelligent-tiering', 'DELETE', 'bucket', 'DeleteBucketIntelligentTieringConfiguration'],
  ['intelligent-tiering', 'GET', 'bucket', 'GetBucketIntelligentTieringConfiguration'],
  ['intelligent-tiering', 'PUT', 'bucket', 'PutBucketIntelligentTieringConfiguration'],
  ['inventory', 'DELETE', 'bucket', 'DeleteBucketInventoryConfiguration'],
  ['inventory', 'GET', 'bucket', 'GetBucketInventoryConfiguration'],
  ['inventory', 'PUT', 'bucket', 'PutBucketInventoryConfiguration'],
  ['legal-hold', 'GET', 'object', 'GetObjectLegalHold'],
  ['legal-hold', 'PUT', 'object', 'PutObjectLegalHold'],
  ['lifecycle', 'DELETE', 'bucket', 'DeleteBucketLifecycle'],
  ['lifecycle', 'GET', 'bucket', 'GetBucketLifecycleConfiguration'],
  ['lifecycle', 'PUT', 'bucket', 'PutBucketLifecycleConfiguration'],
  ['logging', 'GET', 'bucket', 'GetBucketLogging'],
  ['logging', 'PUT', 'bucket', 'PutBucketLogging'],
  ['metadataConfiguration', 'DELETE', 'bucket', 'DeleteBucketMetadataConfiguration'],
  ['metadataConfiguration', 'GET', 'bucket', 'GetBucketMetadataConfiguration'],
  ['metadataConfiguration', 'POST', 'bucket', 'CreateBucketMetadataConfiguration'],
  ['metadataInventoryTable', 'PUT', 'bucket', 'UpdateBucketMetadataInventoryTableConfiguration'],
  ['metadataJournalTable', 'PUT', 'bucket', 'UpdateBucketMetadataJournalTableConfiguration'],
  ['metadataTable', 'DELETE', 'bucket', 'DeleteBucketMetadataTableConfiguration'],
  ['metadataTable', 'GET', 'bucket', 'GetBucketMetadataTableConfiguration'],
  ['metadataTable', 'POST', 'bucket', 'CreateBucketMetadataTableConfiguration'],
  ['metrics', 'DELETE', 'bucket', 'DeleteBucketMetricsConfiguration'],
  ['metrics', 'GET', 'bucket', 'GetBucketMetricsConfiguration'],
  ['metrics', 'PUT', 'bucket', 'PutBucketMetricsConfiguration'],
  ['notification', 'GET', 'bucket', 'GetBucketNotificationConfiguration'],
  ['notification', 'PUT', 'bucket', 'PutBucketNotificationConfiguration'],
  ['object-lock', 'GET', 'bucket', 'GetObjectLockConfiguration'],
  ['object-lock', 'PUT', 'bucket', 'PutObjectLockConfiguration'],
  ['ownershipControls', 'DELETE', 'bucket', 'DeleteBucketOwnershipControls'],
  ['ownershipControls', 'GET', 'bucket', 'GetBucketOwnershipControls'],
  ['ownershipControls', 'PUT', 'bucket', 'PutBucketOwnershipControls'],
  ['policy', 'DELETE', 'bucket', 'DeleteBucketPolicy'],
  ['policy', 'GET', 'bucket', 'GetBucketPolicy'],
  ['policy', 'PUT', 'bucket', 'PutBucketPolicy'],
  ['policyStatus', 'GET', 'bucket', 'GetBucketPolicyStatus'],
  ['publicAccessBlock', 'DELETE', 'bucket', 'DeletePublicAccessBlock'],
  ['publicAccessBlock', 'GET', 'bucket', 'GetPublicAccessBlock'],
  ['publicAccessBlock', 'PUT', 'bucket', 'PutPublicAccessBlock'],
  ['renameObject', 'PUT', 'object', 'RenameObject'],
  ['replication', 'DELETE', 'bucket', 'DeleteBucketReplication'],
  ['replication', 'GET', 'bucket', 'GetBucketReplication'],
  ['replication', 'PUT', 'bucket', 'PutBucketReplication'],
  ['requestPayment', 'GET', 'bucket', 'GetBucketRequestPayment'],
  ['requestPayment', 'PUT', 'bucket', 'PutBucketRequestPayment'],
  ['restore', 'POST', 'object', 'RestoreObject'],
  ['retention', 'GET', 'object', 'GetObjectRetention'],
  ['retention', 'PUT', 'object', 'PutObjectRetention'],
  ['select', 'POST', 'object', 'SelectObjectContent'],
  ['session', 'GET', 'bucket', 'CreateSession'],
  ['tagging', 'DELETE', 'bucket', 'DeleteBucketTagging'],
  ['tagging', 'GET', 'bucket', 'GetBucketTagging'],
  ['tagging', 'PUT', 'bucket', 'PutBucketTagging'],
  ['tagging', 'DELETE', 'object', 'DeleteObjectTagging'],
  ['tagging', 'GET', 'object', 'GetObjectTagging'],
  ['tagging', 'PUT', 'object', 'PutObjectTagging'],
  ['torrent', 'GET', 'object', 'GetObjectTorrent'],
  ['versioning', 'PUT', 'bucket', 'PutBucketVersioning'],
  ['versions', 'GET', 'bucket', 'ListObjectVersions'],
  ['website', 'DELETE', 'bucket', 'DeleteBucketWebsite'],
  ['website', 'GET', 'bucket', 'GetBucketWebsite'],
  ['website', 'PUT', 'bucket', 'PutBucketWebsite'],
];

/** Configuration collections whose GET without `?id=` lists every configuration. */
const LISTED_BY_ID: Record<string, string> = {
  analytics: 'ListBucketAnalyticsConfigurations',
  'intelligent-tiering': 'ListBucketIntelligentTieringConfigurations',
  inventory: 'ListBucketInventoryConfigurations',
  metrics: 'ListBucketMetricsConfigurations',
};

const FLAGS = new Set(SUBRESOURCES.map(([flag]) => flag));

/**
 * The S3 operation a sub-resource request names, when local AWS does not implement it; undefined for
 * a request without such a flag. A flag used with a method or URL the API does not define for it is
 * named `<METHOD> ?<flag>`, so it still cannot fall through to an ordinary operation.
 */
export function unsupportedSubresourceOperation(method: string, scope: Scope, query: URLSearchParams): string | undefined {
  for (const flag of query.keys()) {
    if (!FLAGS.has(flag)) continue;
    if (method === 'GET' && scope === 'bucket' && LISTED_BY_ID[flag] && !query.has('id')) return LISTED_BY_ID[flag];
    const entry = SUBRESOURCES.find(([f, m, s]) => f === flag && m === method && s === scope);
    return entry ? entry[3] : `${method} ?${flag}`;
  }
  return undefined;
}
