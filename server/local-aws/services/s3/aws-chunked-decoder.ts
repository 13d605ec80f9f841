import { Transform, type TransformCallback } from 'node:stream';
import { AwsError } from '../../errors';

/**
 * Decodes `Content-Encoding: aws-chunked` bodies (SigV4 streaming uploads): a sequence of
 * `<hex-size>[;chunk-signature=…]\r\n<bytes>\r\n`, a zero-size chunk, then optional trailing
 * headers such as `x-amz-checksum-crc32:<base64>` (SDK v3 ≥ 3.729 sends these for streams).
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers: Record<string, string> = {};
  private buffer: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private state: 'size' | 'data' | 'data-crlf' | 'trailer' | 'done' = 'size';

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      this.drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  _flush(callback: TransformCallback) {
    if (this.state === 'trailer' && this.buffer.length > 0) this.readTrailerLines(true);
    if (this.state !== 'done' && this.state !== 'trailer') {
      callback(new AwsError('IncompleteBody', 'The aws-chunked request body ended before its final chunk.', 400));
      return;
    }
    callback();
  }

  private drain() {
    for (;;) {
      if (this.state === 'size') {
        const eol = this.buffer.indexOf('\r\n');
        if (eol < 0) {
          if (this.buffer.length > 4096) throw malformed('chunk header too long');
          return;
        }
        const header = this.buffer.subarray(0, eol).toString('latin1');
        this.buffer = this.buffer.subarray(eol + 2);
        const sizeText = header.split(';')[0].trim();
        if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw malformed(`invalid chunk size "${sizeText.slice(0, 20)}"`);
        this.remaining = parseInt(sizeText, 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
      } else if (this.state === 'data') {
        if (this.buffer.length === 0) return;
        const take = Math.min(this.remaining, this.buffer.length);
        this.push(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-crlf';
      } else if (this.state === 'data-crlf') {
        if (this.buffer.length < 2) return;
        if (this.buffer[0] !== 13 || this.buffer[1] !== 10) throw malformed('chunk data not followed by CRLF');
        this.buffer = this.buffer.subarray(2);
        this.state = 'size';
      } else if (this.state === 'trailer') {
        if (!this.readTrailerLines(false)) return;
      } else {
        this.buffer = Buffer.alloc(0);
        return;
      }
    }
  }

  /** Returns true once the blank line that ends the trailer has been read. */
  private readTrailerLines(atEnd: boolean): boolean {
    for (;;) {
      let eol = this.buffer.indexOf('\r\n');
      if (eol < 0) {
        if (!atEnd) return false;
        eol = this.buffer.length;
      }
      const line = this.buffer.subarray(0, eol).toString('latin1');
      this.buffer = this.buffer.subarray(Math.min(eol + 2, this.buffer.length));
      if (line === '') {
        this.state = 'done';
        return true;
      }
      const colon = line.indexOf(':');
      if (colon > 0) this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      if (atEnd && this.buffer.length === 0) {
        this.state = 'done';
        return true;
      }
    }
  }
}

function malformed(detail: string) {
  return new AwsError('InvalidRequest', `The aws-chunked request body is malformed: ${detail}.`, 400);
}
