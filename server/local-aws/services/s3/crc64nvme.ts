/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), the checksum S3
 * and recent SDKs call CRC64NVME. JavaScript has no fast 64-bit integers, so the register is kept as
 * two 32-bit halves and the byte table as two Uint32Arrays.
 */
const POLY_HI = 0x9a6c9329;
const POLY_LO = 0xac4bc9b5;

const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let k = 0; k < 8; k++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  TABLE_HI[n] = hi;
  TABLE_LO[n] = lo;
}

/** A running CRC64NVME: feed chunks with update, read the 8 big-endian bytes with digest. */
export class Crc64Nvme {
  // The register after init (all ones); the final xor is applied in digest.
  private hi = 0xffffffff;
  private lo = 0xffffffff;

  update(data: Uint8Array) {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < data.length; i++) {
      const index = (lo ^ data[i]) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ TABLE_LO[index]) >>> 0;
      hi = ((hi >>> 8) ^ TABLE_HI[index]) >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
  }

  digest(): Buffer {
    const out = Buffer.alloc(8);
    out.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}
