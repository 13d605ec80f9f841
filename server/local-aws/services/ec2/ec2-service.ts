import type { Ec2QueryService, QueryOperation } from '../../protocols/service-definition';
import { describeAvailabilityZones, describeRegions } from './describe-regions';

/** EC2 on local AWS. Further operations register through `extraOperations` as features land. */
export function createEc2Service(extraOperations: Record<string, QueryOperation> = {}): Ec2QueryService {
  return {
    name: 'EC2',
    signingName: 'ec2',
    protocol: 'ec2-query',
    apiVersion: '2016-11-15',
    xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
    operations: {
      DescribeRegions: describeRegions,
      DescribeAvailabilityZones: describeAvailabilityZones,
      ...extraOperations,
    },
  };
}
