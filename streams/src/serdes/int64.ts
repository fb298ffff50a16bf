/**
 * 8-byte big-endian signed integers from and to JavaScript numbers, without a BigInt per call
 * (the hot path of every window key and count). Exact for safe integers; other values take the
 * BigInt path, which rejects fractions as before.
 */
const TWO_32 = 2 ** 32;

export function writeInt64BE(out: Buffer, value: number, offset = 0): void {
  if (!Number.isSafeInteger(value)) {
    out.writeBigInt64BE(BigInt(value), offset);
    return;
  }
  const high = Math.floor(value / TWO_32);
  out.writeInt32BE(high, offset);
  out.writeUInt32BE(value - high * TWO_32, offset + 4);
}

export function readInt64BE(bytes: Buffer, offset = 0): number {
  const high = bytes.readInt32BE(offset);
  // Beyond 2^53 a number cannot hold the value exactly; round as Number(bigint) does.
  if (high >= 0x200000 || high < -0x200000) return Number(bytes.readBigInt64BE(offset));
  return high * TWO_32 + bytes.readUInt32BE(offset + 4);
}
