'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { latestOperationFailures, needsExplanation } from '@/lib/cloudformation';
import { useStackLive } from './stack-live';

/**
 * What went wrong, above the tabs, while the stack is failed or rolled back: the stack's status
 * reason and each failed resource of the latest operation with CloudFormation's reason (e.g. an Athena
 * workgroup that still holds queries and so cannot be deleted).
 */
export function StackProblem() {
  const t = useT();
  const { stack, events } = useStackLive().activity;
  if (!needsExplanation(stack.status)) return null;
  const failures = latestOperationFailures(events, stack.name);
  const failed = stack.status.endsWith('_FAILED');
  return (
    <Alert type={failed ? 'error' : 'warning'} header={t('cfn.stack.problemHeader', { status: stack.status })}>
      {stack.statusReason && <p className="break-words">{stack.statusReason}</p>}
      {failures.length > 0 && (
        <div className="mt-2">
          <div className="font-bold">{t('cfn.stack.problemResources')}</div>
          <ul className="list-disc pl-5">
            {failures.map((event) => (
              <li key={event.id} className="break-words">
                <span className="font-bold">{event.logicalId}</span> ({event.resourceType}) {event.status}: {event.statusReason || '-'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Alert>
  );
}
