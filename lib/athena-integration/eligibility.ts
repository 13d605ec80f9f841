/**
 * Which flow logs can be integrated with Athena: only those that publish to Amazon S3, and not those
 * of transit gateways or Cloud WAN (GetFlowLogsIntegrationTemplate's documented limits). The console
 * disables its action with this reason; local AWS answers the API with it.
 */
export function athenaIntegrationIneligibility(flowLog: {
  flowLogId: string;
  logDestinationType?: string;
  resourceId?: string;
}): string | undefined {
  const resource = flowLog.resourceId ?? '';
  if (resource.startsWith('tgw-')) {
    return `Flow log ${flowLog.flowLogId} is a Transit Gateway flow log. Athena integration supports VPC, subnet and network interface flow logs only.`;
  }
  if (/^(core-network|attachment)-/.test(resource)) {
    return `Flow log ${flowLog.flowLogId} is a Cloud WAN flow log. Athena integration supports VPC, subnet and network interface flow logs only.`;
  }
  if (flowLog.logDestinationType !== 's3') {
    return `Flow log ${flowLog.flowLogId} publishes to ${flowLog.logDestinationType ?? 'an unknown destination'}. Athena integration needs a flow log that publishes to Amazon S3.`;
  }
  return undefined;
}
