'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { Icon } from '@/components/ui/icon';
import { ActionFormModal } from '@/components/ui/action-form-modal';
import { deleteObjects, type DeleteObjectsResult } from '@/server/actions/s3';
import type { BrowserEntry } from './objects-table';

interface Props {
  visible: boolean;
  bucket: string;
  entries: BrowserEntry[];
  onDismiss: () => void;
  onDone: (result: DeleteObjectsResult) => void;
}

export function DeleteObjectsModal(props: Props) {
  return props.visible && props.entries.length > 0 ? <DeleteObjectsDialog {...props} /> : null;
}

function DeleteObjectsDialog({ bucket, entries, onDismiss, onDone }: Props) {
  const t = useT();
  return (
    <ActionFormModal header={t('s3.objects.deleteTitle')} submitLabel={t('s3.objects.deleteSubmit')} action={deleteObjects} onDismiss={onDismiss} onDone={onDone}>
      <input type="hidden" name="bucket" value={bucket} />
      {entries.map((entry) =>
        entry.kind === 'folder' ? (
          <input key={entry.id} type="hidden" name="folder" value={entry.id} />
        ) : (
          <input key={entry.id} type="hidden" name="key" value={entry.id} />
        ),
      )}
      <p>{entries.length === 1 ? t('s3.objects.deleteBodyOne') : t('s3.objects.deleteBody', { count: entries.length })}</p>
      <ul className="max-h-60 overflow-y-auto rounded-lg border border-line px-3 py-2">
        {entries.map((entry) => (
          <li key={entry.id} className="flex items-center gap-1.5 py-0.5 break-all">
            <Icon name={entry.kind === 'folder' ? 'folder' : 'file'} className="text-ink-secondary" />
            {entry.id}
          </li>
        ))}
      </ul>
    </ActionFormModal>
  );
}
