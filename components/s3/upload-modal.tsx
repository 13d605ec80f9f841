'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { Button } from '@/components/ui/button';
import { Flashbar } from '@/components/ui/flashbar';
import { FormField, useFormFieldControl } from '@/components/ui/form-field';
import { Icon } from '@/components/ui/icon';
import { Modal } from '@/components/ui/modal';
import { formatBytes } from '@/lib/format';
import { CONSOLE_UPLOAD_HEADER, s3Uri } from '@/lib/s3-keys';
import type { ActionResult } from '@/server/actions/result';

interface Props {
  visible: boolean;
  bucket: string;
  prefix: string;
  onDismiss: () => void;
  onUploaded: (names: string[]) => void;
}

interface Progress {
  index: number;
  name: string;
  percent: number;
}

interface Failure {
  name: string;
  code?: string;
  message: string;
}

/**
 * Sends one file as the raw body of a POST to the upload route, reporting progress. XHR rather
 * than fetch because only XHR reports upload progress.
 */
function uploadFile(bucket: string, key: string, file: File, onProgress: (percent: number) => void, signal: AbortSignal): Promise<ActionResult<{ key: string }>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/s3/upload?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`);
    xhr.setRequestHeader(CONSOLE_UPLOAD_HEADER, '1');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as ActionResult<{ key: string }>);
      } catch {
        resolve({ ok: false, code: `HTTP ${xhr.status}`, message: xhr.statusText || 'Unexpected response' });
      }
    };
    xhr.onerror = () => resolve({ ok: false, code: 'NetworkError', message: '' });
    xhr.onabort = () => resolve({ ok: false, code: 'Aborted', message: '' });
    signal.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export function UploadModal(props: Props) {
  return props.visible ? <UploadDialog {...props} /> : null;
}

function UploadDialog({ bucket, prefix, onDismiss, onUploaded }: Props) {
  const t = useT();
  const lang = useLang();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [missing, setMissing] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const router = useRouter();

  // Closing the dialog mid-upload stops the transfer.
  useEffect(() => () => abort.current?.abort(), []);

  const totalSize = files.reduce((sum, file) => sum + file.size, 0);
  const uploading = progress !== null;

  const start = async () => {
    if (files.length === 0) {
      setMissing(true);
      return;
    }
    setFailure(null);
    const controller = new AbortController();
    abort.current = controller;
    const done: string[] = [];
    for (const [index, file] of files.entries()) {
      setProgress({ index, name: file.name, percent: 0 });
      const result = await uploadFile(bucket, `${prefix}${file.name}`, file, (percent) => setProgress({ index, name: file.name, percent }), controller.signal);
      if (controller.signal.aborted) return;
      if (!result.ok) {
        setProgress(null);
        // Keep what is left to upload, so "Upload" again continues where it failed.
        setFiles(files.slice(index));
        setFailure({ name: file.name, code: result.code, message: result.code === 'NetworkError' ? t('s3.upload.networkError') : result.message });
        // Files that made it before the failure are in the bucket: show them in the listing behind.
        if (done.length > 0) router.refresh();
        return;
      }
      done.push(file.name);
    }
    setProgress(null);
    onUploaded(done);
  };

  const progressText = progress
    ? t('s3.upload.progress', { current: progress.index + 1, total: files.length, name: progress.name, percent: progress.percent })
    : '';
  const overall = progress ? Math.round(((progress.index + progress.percent / 100) / files.length) * 100) : 0;

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('s3.upload.title')}
      size="large"
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" loading={uploading} onClick={start}>
            {t('s3.upload.submit')}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {failure && (
          <Flashbar items={[{ id: 'upload-error', type: 'error', header: t('s3.upload.failed', { name: failure.name }), code: failure.code, content: failure.message, dismissible: false }]} />
        )}
        <p className="break-all text-ink-secondary">{t('s3.upload.destination', { uri: s3Uri(bucket, prefix) })}</p>
        <FormField label={t('s3.upload.filesLabel')} description={t('s3.upload.filesDescription')} errorText={missing && files.length === 0 ? t('s3.upload.none') : undefined}>
          <FileInput
            disabled={uploading}
            onChange={(chosen) => {
              setFiles(chosen);
              setMissing(false);
              setFailure(null);
            }}
          />
        </FormField>
        {files.length > 0 && (
          <div>
            <p className="mb-1 font-bold">
              {files.length === 1 ? t('s3.upload.selectedOne', { size: formatBytes(totalSize, lang) }) : t('s3.upload.selected', { count: files.length, size: formatBytes(totalSize, lang) })}
            </p>
            <ul className="max-h-48 overflow-y-auto rounded-lg border border-line">
              {files.map((file, index) => (
                <li key={`${index}-${file.name}`} className="flex items-center justify-between gap-4 border-b border-line px-3 py-1.5 last:border-b-0">
                  <span className="flex min-w-0 items-center gap-1.5 break-all">
                    <Icon name="file" className="text-ink-secondary" />
                    {file.name}
                  </span>
                  <span className="whitespace-nowrap text-ink-secondary">{formatBytes(file.size, lang)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {progress && (
          <div>
            <div className="mb-1 text-ink-secondary" id="upload-progress-label">
              {progressText}
            </div>
            <div
              role="progressbar"
              aria-labelledby="upload-progress-label"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={overall}
              className="h-1.5 overflow-hidden rounded-full bg-line"
            >
              <div className="h-full rounded-full bg-link transition-[width]" style={{ width: `${overall}%` }} />
            </div>
          </div>
        )}
      </div>
    </Modal>
  );
}

function FileInput({ disabled, onChange }: { disabled: boolean; onChange: (files: File[]) => void }) {
  const field = useFormFieldControl();
  return (
    <input
      id={field?.controlId}
      aria-describedby={field?.describedBy}
      aria-invalid={field?.invalid || undefined}
      type="file"
      multiple
      disabled={disabled}
      onChange={(event) => onChange(Array.from(event.target.files ?? []))}
      className="block w-full cursor-pointer text-ink-secondary file:mr-3 file:cursor-pointer file:rounded-full file:border-2 file:border-link file:bg-white file:px-4 file:py-1 file:font-bold file:text-link hover:file:bg-selected"
    />
  );
}
