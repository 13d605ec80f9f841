import 'server-only';

/** What the console shows for a failed AWS call: the AWS error code and message, never a stack trace. */
export interface AwsErrorInfo {
  code: string;
  message: string;
}

export function describeAwsError(error: unknown): AwsErrorInfo {
  if (error && typeof error === 'object') {
    const e = error as { name?: string; Code?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String(e.message))) {
      return { code: 'EndpointUnreachable', message: 'The AWS endpoint is not reachable. Is local AWS running?' };
    }
    const code = e.Code ?? e.name ?? 'UnknownError';
    const message = e.message && e.message !== 'UnknownError' ? e.message : `Request failed (HTTP ${e.$metadata?.httpStatusCode ?? '?'})`;
    return { code, message };
  }
  return { code: 'UnknownError', message: String(error) };
}
