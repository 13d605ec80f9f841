import { AwsError } from '../../errors';
import type { QueryOperation } from '../../protocols/service-definition';
import type { FlowLogHooks } from './create-flow-logs';
import { checkDryRun } from './ec2-common';
import type { Ec2Store } from './ec2-store';

/** Deletes flow logs; unknown ids are reported one by one in Unsuccessful while the others go. */
export function deleteFlowLogs(store: Ec2Store, hooks: FlowLogHooks): QueryOperation {
  return (params, ctx) => {
    checkDryRun(params);
    const ids = params.list('FlowLogId');
    if (ids.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter FlowLogId');
    if (ids.length > 1000) throw new AwsError('InvalidParameterValue', 'You can specify at most 1000 flow log IDs.');
    const unsuccessful = [];
    let deleted = 0;
    for (const id of ids) {
      const flowLog = store.getFlowLog(id);
      if (flowLog && flowLog.region === ctx.region && store.deleteFlowLog(id)) {
        deleted += 1;
        continue;
      }
      unsuccessful.push({
        error: { code: 'InvalidFlowLogId.NotFound', message: `The flow log ID '${id}' does not exist` },
        resourceId: id,
      });
    }
    if (deleted > 0) hooks.changed();
    return { unsuccessful };
  };
}
