import type { QueryOperation } from '../../protocols/service-definition';
import { checkDryRun, paginate, tagFilterValue, tagSet } from './ec2-common';
import { matchesAll, readFilters } from './ec2-filters';
import type { Ec2Store } from './ec2-store';

const FLOW_LOG_FILTERS = ['deliver-log-status', 'log-destination-type', 'flow-log-id', 'log-group-name', 'resource-id', 'traffic-type', 'tag-key'];

export function describeFlowLogs(store: Ec2Store): QueryOperation {
  return (params, ctx) => {
    const ids = params.list('FlowLogId');
    const filters = readFilters(params, FLOW_LOG_FILTERS);
    checkDryRun(params);
    const flowLogs = store.listFlowLogs(ctx.region);
    const tags = store.tagsByResource(flowLogs.map((flowLog) => flowLog.flowLogId));
    const selected = flowLogs.filter(
      (flowLog) =>
        (ids.length === 0 || ids.includes(flowLog.flowLogId)) &&
        matchesAll(flowLog, filters, (fl, name) => {
          switch (name) {
            case 'deliver-log-status':
              return fl.deliverLogsStatus;
            case 'log-destination-type':
              return fl.logDestinationType;
            case 'flow-log-id':
              return fl.flowLogId;
            case 'log-group-name':
              return fl.logGroupName;
            case 'resource-id':
              return fl.resourceId;
            case 'traffic-type':
              return fl.trafficType;
            default:
              return tagFilterValue(tags.get(fl.flowLogId) ?? [], name);
          }
        }),
    );
    const { page, nextToken } = paginate(selected, (flowLog) => flowLog.flowLogId, params);
    return {
      flowLogSet: page.map((fl) => ({
        creationTime: fl.creationTime,
        deliverLogsErrorMessage: fl.deliverLogsErrorMessage,
        deliverLogsPermissionArn: fl.deliverLogsPermissionArn,
        deliverCrossAccountRole: fl.deliverCrossAccountRole,
        deliverLogsStatus: fl.deliverLogsStatus,
        flowLogId: fl.flowLogId,
        flowLogStatus: 'ACTIVE',
        logGroupName: fl.logGroupName,
        resourceId: fl.resourceId,
        trafficType: fl.trafficType,
        logDestinationType: fl.logDestinationType,
        logDestination: fl.logDestination,
        logFormat: fl.logFormat,
        tagSet: tagSet(tags.get(fl.flowLogId) ?? []),
        maxAggregationInterval: fl.maxAggregationInterval,
        destinationOptions: fl.destinationOptions,
      })),
      nextToken,
    };
  };
}
