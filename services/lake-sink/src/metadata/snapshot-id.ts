import { randomInt } from 'node:crypto';

/** avsc's default long accepts |n| ≤ 2^53 - 2 (its isSafeLong), one less than MAX_SAFE_INTEGER. */
export const MAX_SNAPSHOT_ID = Number.MAX_SAFE_INTEGER - 1;

/**
 * A random positive snapshot id no larger than MAX_SNAPSHOT_ID. Iceberg ids are 64-bit,
 * but JSON.parse and avsc's default long both lose or refuse precision above 2^53; drawing from
 * 53 bits keeps every id exact in JavaScript while colliding about as rarely as it matters.
 */
export function newSnapshotId(): number {
  // randomInt takes at most 48 bits per call; combine two draws for 53.
  const high = randomInt(0, 2 ** 21);
  const low = randomInt(0, 2 ** 32);
  return Math.min(high * 2 ** 32 + low, MAX_SNAPSHOT_ID) || 1;
}
