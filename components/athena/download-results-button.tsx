import { Button } from '@/components/ui/button';
import { resultsDownloadHref } from './links';

/**
 * "Download results": a GET form to the download route, which answers with the query's CSV result
 * file as an attachment, so the browser saves it and stays on the editor.
 */
export function DownloadResultsButton({ queryExecutionId, label }: { queryExecutionId: string | null; label: string }) {
  if (!queryExecutionId) {
    return (
      <Button iconName="download" disabled>
        {label}
      </Button>
    );
  }
  return (
    <form method="get" action={resultsDownloadHref(queryExecutionId)} className="contents">
      <Button type="submit" iconName="download">
        {label}
      </Button>
    </form>
  );
}
