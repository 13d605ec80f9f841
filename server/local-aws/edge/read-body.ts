import type { IncomingMessage } from 'node:http';
import { AwsError } from '../errors';

/**
 * Reads a request body into memory with a hard limit, so an oversized body is refused with 413
 * before it can exhaust memory. Memoised: routing and the handler may both ask for it.
 */
export function bodyReader(message: IncomingMessage): (limitBytes?: number) => Promise<Buffer> {
  let pending: Promise<Buffer> | undefined;
  return (limitBytes = 16 * 1024 * 1024) => {
    pending ??= new Promise<Buffer>((resolve, reject) => {
      const declared = Number(message.headers['content-length']);
      if (Number.isFinite(declared) && declared > limitBytes) {
        message.resume();
        reject(tooLarge(limitBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      message.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limitBytes) {
          message.removeAllListeners('data');
          message.resume();
          reject(tooLarge(limitBytes));
          return;
        }
        chunks.push(chunk);
      });
      message.on('end', () => resolve(Buffer.concat(chunks)));
      message.on('error', reject);
    });
    return pending;
  };
}

function tooLarge(limit: number) {
  return new AwsError('RequestEntityTooLarge', `The request body is larger than the ${limit} bytes this operation accepts.`, 413);
}
