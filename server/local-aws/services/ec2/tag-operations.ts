import { AwsError } from '../../errors';
import type { QueryOperation } from '../../protocols/service-definition';
import { topologyResourceKind } from './demo-topology';
import { checkDryRun, notFound, readTags, validateTag } from './ec2-common';
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
