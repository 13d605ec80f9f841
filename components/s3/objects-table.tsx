'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { useFlash } from '@/components/shell/flash-provider';
import { Button } from '@/components/ui/button';
import { CopyToClipboard } from '@/components/ui/copy-to-clipboard';
import { DateTime } from '@/components/ui/date-time';
import { Header } from '@/components/ui/header';
import { Icon } from '@/components/ui/icon';
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import { formatBytes } from '@/lib/format';
import { s3Uri } from '@/lib/s3-keys';
import type { ObjectListing } from '@/server/data/s3';
import { CreateFolderModal } from './create-folder-modal';
import { DeleteObjectsModal } from './delete-objects-modal';
import { DownloadButton } from './download-button';
import { bucketHref, objectHref } from './links';
import { UploadModal } from './upload-modal';

export interface BrowserEntry {
  kind: 'folder' | 'object';
  /** Full key, or full prefix ending in "/" for folders. */
  id: string;
  name: string;
  type: string;
  size: number | null;
  lastModified: string | null;
}

function toEntries(listing: ObjectListing): BrowserEntry[] {
  return [
    ...listing.folders.map((f): BrowserEntry => ({ kind: 'folder', id: f.prefix, name: `${f.name}/`, type: '', size: null, lastModified: null })),
    ...listing.objects.map((o): BrowserEntry => ({ kind: 'object', id: o.key, name: o.name, type: o.type, size: o.size, lastModified: o.lastModified })),
  ];
}

export function ObjectsTable({ listing }: { listing: ObjectListing }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const flash = useFlash();
  const { bucket, prefix } = listing;
  const entries = toEntries(listing);
  const [selected, setSelected] = useState<BrowserEntry[]>([]);
  const [dialog, setDialog] = useState<'upload' | 'folder' | 'delete' | null>(null);
  const [refreshing, startRefresh] = useTransition();

  const selection = selected.filter((entry) => entries.some((e) => e.id === entry.id));
  const single = selection.length === 1 ? selection[0] : null;
  const singleObject = single?.kind === 'object' ? single : null;

  const columns: TableColumn<BrowserEntry>[] = [
    {
      id: 'name',
      header: t('s3.bucket.colName'),
      isRowHeader: true,
      // Folders first, as the S3 console lists them.
      sortValue: (e) => `${e.kind === 'folder' ? 0 : 1}${e.name}`,
      cell: (e) =>
        e.kind === 'folder' ? (
          <Link href={bucketHref(bucket, e.id)} className="inline-flex items-center gap-1.5 font-normal">
            <Icon name="folder" className="text-ink-secondary" />
            {e.name}
          </Link>
        ) : (
          <Link href={objectHref(bucket, e.id)} className="inline-flex items-center gap-1.5 font-normal break-all">
            <Icon name="file" className="text-ink-secondary" />
            {e.name}
          </Link>
        ),
    },
    { id: 'type', header: t('s3.bucket.colType'), sortValue: (e) => (e.kind === 'folder' ? t('s3.bucket.typeFolder') : e.type), cell: (e) => (e.kind === 'folder' ? t('s3.bucket.typeFolder') : e.type || '-') },
    { id: 'lastModified', header: t('s3.bucket.colLastModified'), sortValue: (e) => e.lastModified, cell: (e) => (e.lastModified ? <DateTime iso={e.lastModified} /> : '-') },
    { id: 'size', header: t('s3.bucket.colSize'), sortValue: (e) => e.size, cell: (e) => (e.size === null ? '-' : formatBytes(e.size, lang)), align: 'end' },
  ];

  return (
    <>
      <Table
        key={prefix}
        ariaLabel={t('s3.bucket.tableLabel')}
        items={entries}
        columns={columns}
        trackBy={(e) => e.id}
        itemLabel={(e) => e.name}
        selectionType="multi"
        selectedItems={selection}
        onSelectionChange={setSelected}
        filter={{ placeholder: t('s3.bucket.filter'), text: (e) => e.name }}
        defaultSort={{ columnId: 'name' }}
        pageSize={50}
        urlState
        header={
          <Header
            counter={selection.length > 0 ? `(${selection.length}/${entries.length})` : `(${entries.length})`}
            description={t('s3.bucket.objectsDescription')}
            actions={
              <>
                <Button iconName="refresh" ariaLabel={t('common.refresh')} loading={refreshing} onClick={() => startRefresh(() => router.refresh())} />
                {single ? (
                  <CopyToClipboard variant="button" text={s3Uri(bucket, single.id)} label={t('s3.bucket.copyS3Uri')} />
                ) : (
                  <Button disabled iconName="copy">
                    {t('s3.bucket.copyS3Uri')}
                  </Button>
                )}
                <DownloadButton bucket={bucket} objectKey={singleObject?.id ?? null} label={t('s3.objects.download')} />
                <Button disabled={selection.length === 0} onClick={() => setDialog('delete')}>
                  {t('s3.objects.delete')}
                </Button>
                <Button onClick={() => setDialog('folder')}>{t('s3.folder.create')}</Button>
                <Button variant="primary" iconName="upload" onClick={() => setDialog('upload')}>
                  {t('s3.upload.open')}
                </Button>
              </>
            }
          >
            {t('s3.bucket.objects')}
          </Header>
        }
        empty={
          // The header's Upload button is the only one, so "Upload" always names exactly one control.
          <TableEmptyState title={t('s3.bucket.empty')} description={prefix ? t('s3.bucket.emptyPrefixDescription') : t('s3.bucket.emptyDescription')} />
        }
      />
      <UploadModal
        visible={dialog === 'upload'}
        bucket={bucket}
        prefix={prefix}
        onDismiss={() => setDialog(null)}
        onUploaded={(names) => {
          setDialog(null);
          flash.push({ type: 'success', content: names.length === 1 ? t('s3.upload.successOne', { name: names[0] }) : t('s3.upload.success', { count: names.length }) });
          router.refresh();
        }}
      />
      <CreateFolderModal
        visible={dialog === 'folder'}
        bucket={bucket}
        prefix={prefix}
        onDismiss={() => setDialog(null)}
        onCreated={(name) => {
          setDialog(null);
          flash.push({ type: 'success', content: t('s3.folder.success', { name }) });
        }}
      />
      <DeleteObjectsModal
        visible={dialog === 'delete'}
        bucket={bucket}
        entries={selection}
        onDismiss={() => setDialog(null)}
        onDone={(result) => {
          setDialog(null);
          if (result.ok) {
            setSelected([]);
            flash.push({ type: 'success', content: result.message });
          } else {
            flash.push({ type: 'error', header: t('s3.objects.deleteFailed'), code: result.code, content: result.message });
          }
        }}
      />
    </>
  );
}
