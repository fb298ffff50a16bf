import type { PrimitiveTypeName } from './types.js';

/**
 * Iceberg's single-value binary serialisation (spec appendix D), used for column bounds in
 * manifests and partition bounds in manifest lists. Values arrive already in storage form:
 * days for date, microseconds (bigint) for timestamps, bigint for long.
 */
export function encodeSingleValue(
  type: PrimitiveTypeName,
  value: boolean | number | bigint | string | Uint8Array,
): Uint8Array {
  switch (type) {
    case 'boolean':
      return Uint8Array.of(value === true ? 1 : 0);
    case 'int':
    case 'date': {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setInt32(0, Number(value), true);
      return out;
    }
    case 'long':
    case 'timestamp':
    case 'timestamptz': {
      const out = new Uint8Array(8);
      new DataView(out.buffer).setBigInt64(0, BigInt(value as bigint | number), true);
      return out;
    }
    case 'float': {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setFloat32(0, Number(value), true);
      return out;
    }
    case 'double': {
      const out = new Uint8Array(8);
      new DataView(out.buffer).setFloat64(0, Number(value), true);
      return out;
    }
    case 'string':
      return new TextEncoder().encode(String(value));
    case 'binary':
      return value instanceof Uint8Array ? value : new Uint8Array();
  }
}
