import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { Crc64Nvme } from './crc64nvme';

/** The flexible checksums S3 accepts (`x-amz-checksum-<algorithm>`), computed as bytes stream by. */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

export class ChecksumTap extends Transform {
  private crc32 = 0;
  private crc32c = 0;
  private hash?: Hash;
  private crc64?: Crc64Nvme;

  constructor(readonly algorithm: ChecksumAlgorithm) {
    super();
    if (algorithm === 'SHA1') this.hash = createHash('sha1');
    if (algorithm === 'SHA256') this.hash = createHash('sha256');
    if (algorithm === 'CRC64NVME') this.crc64 = new Crc64Nvme();
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.update(chunk);
    callback(null, chunk);
  }

  update(chunk: Buffer) {
    if (this.algorithm === 'CRC32') this.crc32 = zlib.crc32(chunk, this.crc32);
    else if (this.algorithm === 'CRC32C') this.crc32c = crc32c(chunk, this.crc32c);
    else if (this.crc64) this.crc64.update(chunk);
    else this.hash!.update(chunk);
  }

  /** Base64 of the digest, as S3 writes checksum headers. */
  digestBase64(): string {
    if (this.hash) return this.hash.digest('base64');
    if (this.crc64) return this.crc64.digest().toString('base64');
    const value = this.algorithm === 'CRC32' ? this.crc32 : this.crc32c;
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value >>> 0);
    return bytes.toString('base64');
  }
}

/** The base64 checksum of a whole buffer (composite multipart checksums hash the parts' checksums). */
export function checksumBase64(algorithm: ChecksumAlgorithm, data: Buffer): string {
  const tap = new ChecksumTap(algorithm);
  tap.update(data);
  return tap.digestBase64();
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli); Node's zlib only has the IEEE polynomial. */
export function crc32c(data: Buffer, previous = 0): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
