import { AwsError } from '../../errors';
import type { QueryOperation } from '../../protocols/service-definition';
import { topologyResourceKind } from './demo-topology';
import { checkDryRun, notFound, paginate, readTags, validateTag } from './ec2-common';
import { matchesAll, readFilters } from './ec2-filters';
import { idPrefix } from './ec2-ids';
import type { Ec2Store } from './ec2-store';

const MAX_TAGS = 50;

/** Every id must name something in the caller's region: a flow log or a seeded VPC/subnet/ENI/instance. */
function checkResources(store: Ec2Store, region: string, resourceIds: string[]) {
  if (resourceIds.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter ResourceId');
  const topology = store.topology(region);
  for (const id of resourceIds) {
    const prefix = idPrefix(id);
    if (prefix === 'fl') {
      const flowLog = store.getFlowLog(id);
      if (!flowLog || flowLog.region !== region) throw notFound('flow-log', [id]);
      continue;
    }
    if (topologyResourceKind(topology, id)) continue;
    switch (prefix) {
      case 'vpc':
        throw notFound('vpc', [id]);
      case 'subnet':
        throw notFound('subnet', [id]);
      case 'eni':
        throw notFound('network-interface', [id]);
      case 'i':
        throw notFound('instance', [id]);
      default:
        throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
    }
  }
}

export function createTags(store: Ec2Store): QueryOperation {
  return (params, ctx) => {
    checkDryRun(params);
    const resourceIds = params.list('ResourceId');
    const tags = readTags(params);
    if (tags.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter Tag');
    checkResources(store, ctx.region, resourceIds);
    for (const id of resourceIds) {
      const existing = new Set(store.tagsOf(id).map((tag) => tag.key));
      const total = existing.size + tags.filter((tag) => !existing.has(tag.key)).length;
      if (total > MAX_TAGS) throw new AwsError('TagLimitExceeded', `The maximum number of tags for a resource is ${MAX_TAGS}.`);
    }
    store.putTags(ctx.region, resourceIds, tags);
    return { return: true };
  };
}

export function deleteTags(store: Ec2Store): QueryOperation {
  return (params, ctx) => {
    checkDryRun(params);
    const resourceIds = params.list('ResourceId');
    checkResources(store, ctx.region, resourceIds);
    const entries = params.structs('Tag');
    const tags =
      entries.length === 0
        ? undefined
        : entries.map((entry) => {
            const tag = { key: entry.get('Key') ?? '', value: entry.get('Value') };
            validateTag({ key: tag.key, value: tag.value ?? '' });
            return tag;
          });
    store.deleteTags(resourceIds, tags);
    return { return: true };
  };
}

/** DescribeTags' resource types, by id prefix. */
const RESOURCE_TYPES: Record<string, string> = { fl: 'vpc-flow-log', vpc: 'vpc', subnet: 'subnet', eni: 'network-interface', i: 'instance' };

/**
 * DescribeTags: the tags of every resource in the region (flow logs and the demo network), one item
 * per tag, filtered by key, value, resource-id, resource-type or tag:<key>, a page at a time.
 */
export function describeTags(store: Ec2Store): QueryOperation {
  return (params, ctx) => {
    const filters = readFilters(params, ['key', 'value', 'resource-id', 'resource-type']);
    checkDryRun(params);
    store.topology(ctx.region); // the demo resources' Name tags exist once the region is used
    const all = store.tagsInRegion(ctx.region).map((tag) => ({ ...tag, resourceType: RESOURCE_TYPES[idPrefix(tag.resourceId) ?? ''] ?? 'unknown' }));
    const tagsOf = new Map<string, Map<string, string>>();
    for (const tag of all) (tagsOf.get(tag.resourceId) ?? tagsOf.set(tag.resourceId, new Map()).get(tag.resourceId)!).set(tag.key, tag.value);
    const items = all.filter((tag) =>
        matchesAll(tag, filters, (t, name) => {
          if (name === 'key') return t.key;
          if (name === 'value') return t.value;
          if (name === 'resource-id') return t.resourceId;
          if (name === 'resource-type') return t.resourceType;
          // tag:<key> selects the resources that carry that tag; every tag of those resources is listed.
          return tagsOf.get(t.resourceId)?.get(name.slice(4));
        }),
    );
    const { page, nextToken } = paginate(items, (tag) => `${tag.resourceId}\u0000${tag.key}`, params);
    return {
      tagSet: page.map((tag) => ({ resourceId: tag.resourceId, resourceType: tag.resourceType, key: tag.key, value: tag.value })),
      nextToken,
    };
  };
}
