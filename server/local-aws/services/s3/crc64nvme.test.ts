import { describe, expect, it } from 'vitest';
import { Crc64Nvme } from './crc64nvme';

function crc(data: string | Buffer): string {
  const c = new Crc64Nvme();
  c.update(typeof data === 'string' ? Buffer.from(data) : data);
  return c.digest().toString('hex');
}

describe('Crc64Nvme', () => {
  it('gives the catalogue check value of CRC-64/NVME', () => {
    // reveng's CRC catalogue: CRC-64/NVME check("123456789") = 0xae8b14860a799888
    expect(crc('123456789')).toBe('ae8b14860a799888');
  });

  it('is the same fed in pieces as whole, and zero-length is all zeros after the xor', () => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) & 0xff));
    const pieces = new Crc64Nvme();
    for (let i = 0; i < data.length; i += 997) pieces.update(data.subarray(i, i + 997));
    expect(pieces.digest().toString('hex')).toBe(crc(data));
    expect(crc('')).toBe('0000000000000000');
  });
});
