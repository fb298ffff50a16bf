/**
 * Record values packed into one buffer for a worker: transferring two ArrayBuffers costs
 * nothing, where cloning thousands of small Buffers costs a copy and an object each.
 */
export interface PackedValues {
  readonly data: ArrayBuffer;
  /** Byte length of each value; -1 for a null value. */
  readonly lengths: Int32Array;
}

export function packValues(values: readonly (Buffer | null)[]): PackedValues {
  const lengths = new Int32Array(values.length);
  let total = 0;
  values.forEach((value, i) => {
    lengths[i] = value === null ? -1 : value.length;
    total += value?.length ?? 0;
  });
  const data = new Uint8Array(total);
  let offset = 0;
  for (const value of values) {
    if (value === null) continue;
    data.set(value, offset);
    offset += value.length;
  }
  return { data: data.buffer, lengths };
}

/** Views into the packed buffer, no copies. */
export function unpackValues({ data, lengths }: PackedValues): (Buffer | null)[] {
  const values: (Buffer | null)[] = new Array(lengths.length);
  let offset = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] ?? -1;
    if (length < 0) {
      values[i] = null;
      continue;
    }
    values[i] = Buffer.from(data, offset, length);
    offset += length;
  }
  return values;
}
