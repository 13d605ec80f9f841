import type { QueryOperation } from '../../protocols/service-definition';
import type { S3Store } from '../s3/s3-store';
import { createFlowLogs, type FlowLogHooks } from './create-flow-logs';
import { deleteFlowLogs } from './delete-flow-logs';
import { describeFlowLogs } from './describe-flow-logs';
import { describeNetworkInterfaces } from './describe-network-interfaces';
import { describeSubnets } from './describe-subnets';
import { describeVpcs } from './describe-vpcs';
import type { Ec2Store } from './ec2-store';
import { createTags, deleteTags, describeTags } from './tag-operations';

/** The VPC and flow-log operations, for `createEc2Service(extraOperations)`. */
export function vpcAndFlowLogOperations(store: Ec2Store, s3: S3Store, hooks: FlowLogHooks): Record<string, QueryOperation> {
  return {
    DescribeVpcs: describeVpcs(store),
    DescribeSubnets: describeSubnets(store),
    DescribeNetworkInterfaces: describeNetworkInterfaces(store),
    CreateFlowLogs: createFlowLogs(store, s3, hooks),
    DescribeFlowLogs: describeFlowLogs(store),
    DeleteFlowLogs: deleteFlowLogs(store, hooks),
    CreateTags: createTags(store),
    DescribeTags: describeTags(store),
    DeleteTags: deleteTags(store),
  };
}
