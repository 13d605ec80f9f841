import 'server-only';
import { describeAwsError, type AwsErrorInfo } from '@/server/aws/errors';

/**
 * What a read returns: the data, or the AWS error code and message for the page to show in place.
 * (A thrown error would reach error.tsx with its message stripped in production.)
 */
export type ReadResult<T> = { ok: true; data: T } | { ok: false; error: AwsErrorInfo };

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

/** describeAwsError, plus the network failures and time-outs that mean "the endpoint did not answer" (for reads, actions and routes alike). */
export function describeAwsCallError(error: unknown): AwsErrorInfo {
  if (error && typeof error === 'object') {
    const e = error as { name?: string; code?: string; cause?: { code?: string }; errors?: { code?: string }[]; $metadata?: unknown };
    const codes = [e.code, e.cause?.code, ...(e.errors ?? []).map((inner) => inner.code)];
    const network = codes.some((code) => code && UNREACHABLE_CODES.has(code));
    const timedOut = !e.$metadata && (e.name === 'TimeoutError' || e.name === 'AbortError');
    if (network || timedOut) {
      return { code: 'EndpointUnreachable', message: 'The AWS endpoint is not reachable. Is local AWS running?' };
    }
  }
  return describeAwsError(error);
}

export async function attempt<T>(read: () => Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (error) {
    return { ok: false, error: describeAwsCallError(error) };
  }
}

/** Reads that render the page frame (top bar) must not hang it when the endpoint is down. */
export function quickSignal(ms = 4000): AbortSignal {
  return AbortSignal.timeout(ms);
}
