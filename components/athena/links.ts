/** Where the query editor lives, and its URL state: `?workgroup=`, `?database=`, `?tab=`. */
export const QUERY_EDITOR_PATH = '/athena/query-editor';

/** The workgroup last switched to; the server opens it when the URL names none. */
export const WORKGROUP_COOKIE = 'athena_workgroup';

export type EditorView = 'editor' | 'recent' | 'saved';
export const EDITOR_VIEWS: readonly EditorView[] = ['editor', 'recent', 'saved'];

/** The editor URL with some parameters changed (null removes one), keeping the others. */
export function editorHref(current: URLSearchParams | string, changes: Partial<Record<'workgroup' | 'database' | 'tab' | 'catalog', string | null>>): string {
  const params = new URLSearchParams(current);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return `${QUERY_EDITOR_PATH}${query ? `?${query}` : ''}`;
}

/** The download route for a query's result file. */
export function resultsDownloadHref(queryExecutionId: string): string {
  return `/api/athena/queries/${encodeURIComponent(queryExecutionId)}/download`;
}
