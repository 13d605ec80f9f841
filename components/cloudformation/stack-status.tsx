import { StatusIndicator } from '@/components/ui/status-indicator';
import { cfnStatusKind } from '@/lib/cloudformation';

/** A stack or resource status as the CloudFormation console shows it: the status code with its indicator. */
export function CfnStatus({ status }: { status: string | null | undefined }) {
  if (!status) return <span>-</span>;
  return (
    <StatusIndicator type={cfnStatusKind(status)} className="whitespace-nowrap">
      {status}
    </StatusIndicator>
  );
}
