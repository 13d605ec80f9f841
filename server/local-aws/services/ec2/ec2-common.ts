import { AwsError } from '../../errors';
import type { QueryParams } from '../../protocols/query-params';
import type { XmlTree } from '../../protocols/xml-writer';
import type { Tag } from './ec2-store';

/** `DryRun=true`: EC2 answers DryRunOperation (HTTP 412) when the request would have succeeded. */
export function checkDryRun(params: QueryParams) {
  if (params.bool('DryRun')) {
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
}

/**
 * MaxResults (5–1000) / NextToken paging over a list in a stable order. The token names the last
 * item of the previous page, so deleting items between pages neither skips nor repeats any.
 */
export function paginate<T>(unsorted: T[], idOf: (item: T) => string, params: QueryParams): { page: T[]; nextToken?: string } {
  // Pages walk the items in id order; the token is the last id served.
  const items = [...unsorted].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  const maxResults = params.int('MaxResults');
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  }
  let start = 0;
  const token = params.get('NextToken');
  if (token) {
    const after = decodeToken(token);
    const index = items.findIndex((item) => idOf(item) > after);
    start = index < 0 ? items.length : index;
  }
  if (maxResults === undefined) return { page: items.slice(start) };
  const page = items.slice(start, start + maxResults);
  const more = start + maxResults < items.length;
  return { page, nextToken: more ? encodeToken(idOf(page[page.length - 1])) : undefined };
}

function encodeToken(lastId: string) {
  return Buffer.from(JSON.stringify({ v: 1, after: lastId })).toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: number; after?: unknown };
    if (parsed.v === 1 && typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through
  }
  throw new AwsError('InvalidPaginationToken', `The specified pagination token is not valid: ${token}`);
}

export function tagSet(tags: Tag[]): XmlTree[] {
  return tags.map((tag) => ({ key: tag.key, value: tag.value }));
}

/** Values for the generic `tag:<key>` and `tag-key` filters. */
export function tagFilterValue(tags: Tag[], filterName: string): string | string[] | undefined {
  if (filterName === 'tag-key') return tags.map((tag) => tag.key);
  if (filterName.startsWith('tag:')) {
    const key = filterName.slice(4);
    return tags.find((tag) => tag.key === key)?.value;
  }
  return undefined;
}

/** `Tag.N.Key` / `Tag.N.Value` as CreateTags and TagSpecification.N.Tag.N send them. */
export function readTags(params: QueryParams, listName = 'Tag'): Tag[] {
  const tags = params.structs(listName).map((tag) => ({ key: tag.get('Key') ?? '', value: tag.get('Value') ?? '' }));
  for (const tag of tags) validateTag(tag);
  return tags;
}

export function validateTag(tag: Tag) {
  if (tag.key === '' || tag.key.length > 128) {
    throw new AwsError('InvalidParameterValue', `Tag key must be between 1 and 128 characters: '${tag.key}'`);
  }
  if (tag.value.length > 256) {
    throw new AwsError('InvalidParameterValue', `Tag value for key '${tag.key}' must be at most 256 characters.`);
  }
  if (tag.key.toLowerCase().startsWith('aws:')) {
    throw new AwsError('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use: '${tag.key}'`);
  }
}

/** The not-found errors EC2 answers for each id type. */
export function notFound(kind: 'vpc' | 'subnet' | 'network-interface' | 'instance' | 'flow-log', ids: string[]): AwsError {
  const quoted = ids.join(', ');
  const plural = ids.length > 1;
  switch (kind) {
    case 'vpc':
      return new AwsError('InvalidVpcID.NotFound', `The vpc ID${plural ? 's' : ''} '${quoted}' ${plural ? 'do' : 'does'} not exist`);
    case 'subnet':
      return new AwsError('InvalidSubnetID.NotFound', `The subnet ID${plural ? 's' : ''} '${quoted}' ${plural ? 'do' : 'does'} not exist`);
    case 'network-interface':
      return new AwsError(
        'InvalidNetworkInterfaceID.NotFound',
        `The networkInterface ID${plural ? 's' : ''} '${quoted}' ${plural ? 'do' : 'does'} not exist`,
      );
    case 'instance':
      return new AwsError('InvalidInstanceID.NotFound', `The instance ID${plural ? 's' : ''} '${quoted}' ${plural ? 'do' : 'does'} not exist`);
    case 'flow-log':
      return new AwsError('InvalidFlowLogId.NotFound', `The flow log ID${plural ? 's' : ''} '${quoted}' ${plural ? 'do' : 'does'} not exist`);
  }
}
