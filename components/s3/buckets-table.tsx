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
import { Table, TableEmptyState, type TableColumn } from '@/components/ui/table';
import { regionName } from '@/lib/aws-regions';
import { s3Arn } from '@/lib/s3-keys';
import type { BucketSummary } from '@/server/data/s3';
import { CreateBucketModal } from './create-bucket-modal';
import { DeleteBucketModal } from './delete-bucket-modal';
import { bucketHref } from './links';

/** `loadFailed`: the list could not be read (the page shows why), so an empty table means nothing. */
export function BucketsTable({ buckets, region, loadFailed = false }: { buckets: BucketSummary[]; region: string; loadFailed?: boolean }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const flash = useFlash();
  const [selected, setSelected] = useState<BucketSummary[]>([]);
  const [dialog, setDialog] = useState<'create' | 'delete' | null>(null);
  const [refreshing, startRefresh] = useTransition();

  // Selection survives a refresh only while the bucket still exists.
  const selection = selected.filter((bucket) => buckets.some((b) => b.name === bucket.name));
  const one = selection.length === 1 ? selection[0] : null;

  const columns: TableColumn<BucketSummary>[] = [
    {
      id: 'name',
      header: t('s3.buckets.colName'),
      isRowHeader: true,
      sortValue: (b) => b.name,
      cell: (b) => (
        <Link href={bucketHref(b.name)} className="font-normal">
          {b.name}
        </Link>
      ),
    },
    {
      id: 'region',
      header: t('s3.buckets.colRegion'),
      sortValue: (b) => b.region,
      cell: (b) =>
        b.region ? (
          <span>
            {regionName(b.region, lang) ?? b.region} <span className="text-ink-secondary">{b.region}</span>
          </span>
        ) : (
          '-'
        ),
    },
    { id: 'created', header: t('s3.buckets.colCreated'), sortValue: (b) => b.creationDate, cell: (b) => <DateTime iso={b.creationDate} /> },
  ];

  return (
    <>
      <Table
        ariaLabel={t('s3.buckets.tableLabel')}
        items={buckets}
        columns={columns}
        trackBy={(b) => b.name}
        itemLabel={(b) => b.name}
        selectionType="single"
        selectedItems={selection}
        onSelectionChange={setSelected}
        filter={{ placeholder: t('s3.buckets.filter'), text: (b) => b.name }}
        defaultSort={{ columnId: 'name' }}
        urlState
        header={
          <Header
            counter={one ? `(1/${buckets.length})` : `(${buckets.length})`}
            description={t('s3.buckets.description')}
            actions={
              <>
                <Button variant="normal" iconName="refresh" ariaLabel={t('common.refresh')} loading={refreshing} onClick={() => startRefresh(() => router.refresh())} />
                {one ? <CopyToClipboard variant="button" text={s3Arn(one.name)} label={t('s3.buckets.copyArn')} /> : <Button disabled iconName="copy">{t('s3.buckets.copyArn')}</Button>}
                <Button disabled={!one} onClick={() => setDialog('delete')}>
                  {t('s3.buckets.delete')}
                </Button>
                <Button variant="primary" onClick={() => setDialog('create')}>
                  {t('s3.buckets.create')}
                </Button>
              </>
            }
          >
            {t('s3.buckets.title')}
          </Header>
        }
        empty={
          loadFailed ? (
            <TableEmptyState title={t('s3.buckets.loadFailed')} />
          ) : (
            // No second "Create bucket" button here: the header has one, and one name should mean one control.
            <TableEmptyState title={t('s3.buckets.empty')} description={t('s3.buckets.emptyDescription')} />
          )
        }
      />
      <CreateBucketModal
        visible={dialog === 'create'}
        region={region}
        onDismiss={() => setDialog(null)}
        onCreated={(name) => {
          setDialog(null);
          flash.push({ type: 'success', content: t('s3.create.success', { name }) });
        }}
      />
      {one && (
        <DeleteBucketModal
          visible={dialog === 'delete'}
          name={one.name}
          onDismiss={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            if (result.ok) {
              setSelected([]);
              flash.push({ type: 'success', content: t('s3.delete.success', { name: one.name }) });
            } else {
              flash.push({ type: 'error', header: t('s3.delete.failed', { name: one.name }), code: result.code, content: result.message });
            }
          }}
        />
      )}
    </>
  );
}
