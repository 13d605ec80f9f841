import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';

/** Polls DescribeStacks until the stack leaves *_IN_PROGRESS (no sleeps: a short fixed poll interval). */
export async function waitForStack(cfn: CloudFormationClient, stackName: string, timeoutMs = 60_000): Promise<Stack> {
  const deadline = Date.now() + timeoutMs;
  let last: Stack | undefined;
  while (Date.now() < deadline) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    last = Stacks?.[0];
    if (last && !last.StackStatus?.endsWith('_IN_PROGRESS')) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`stack ${stackName} still ${last?.StackStatus} after ${timeoutMs} ms`);
}

/** Every event of a stack, oldest first. */
export async function stackEvents(cfn: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken }));
    events.push(...(page.StackEvents ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return events.reverse();
}

/** "Logical STATUS" lines for resource events (not the stack's own), oldest first. */
export function resourceTimeline(events: StackEvent[]): string[] {
  return events
    .filter((e) => e.ResourceType !== 'AWS::CloudFormation::Stack')
    .filter((e) => e.ResourceStatusReason !== 'Resource creation Initiated')
    .map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`);
}
