import { Button } from '@/components/ui/button';

/**
 * A real button that downloads an object: it submits a GET form to the download route, which
 * answers with Content-Disposition: attachment, so the browser saves the file and stays on the page.
 */
export function DownloadButton({ bucket, objectKey, label, variant = 'normal' }: { bucket: string; objectKey: string | null; label: string; variant?: 'normal' | 'primary' }) {
  if (!objectKey) {
    return (
      <Button disabled iconName="download" variant={variant}>
        {label}
      </Button>
    );
  }
  return (
    <form method="get" action="/api/s3/download" className="contents">
      <input type="hidden" name="bucket" value={bucket} />
      <input type="hidden" name="key" value={objectKey} />
      <Button type="submit" iconName="download" variant={variant}>
        {label}
      </Button>
    </form>
  );
}
