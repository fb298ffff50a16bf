import { LakeError } from '../errors.js';
import { carriedSummary, type SummaryBuilder } from '../table/index.js';

/** Next offset to consume, by partition. */
export type PartitionOffsets = ReadonlyMap<number, number>;

/**
 * The snapshot summary key holding a topic's consumed offsets, as JSON `{"<partition>": <next
 * offset>}`. One key per topic, so sinks of several topics could share a table.
 */
export const offsetsKey = (topic: string): string => `kafka.offsets.${topic}`;

/** The offsets a snapshot summary records for a topic; empty when it records none. */
export function readSnapshotOffsets(
  summary: Readonly<Record<string, string>> | undefined,
  topic: string,
): Map<number, number> {
  const text = summary?.[offsetsKey(topic)];
  const offsets = new Map<number, number>();
  if (text === undefined) return offsets;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new LakeError('INVALID_SUMMARY', `${offsetsKey(topic)} is not JSON: ${text}`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LakeError('INVALID_SUMMARY', `${offsetsKey(topic)} is not an object: ${text}`);
  }
  for (const [partition, offset] of Object.entries(parsed)) {
    if (!/^\d+$/.test(partition) || !Number.isSafeInteger(offset) || (offset as number) < 0) {
      throw new LakeError('INVALID_SUMMARY', `${offsetsKey(topic)} has a bad entry: ${text}`);
    }
    offsets.set(Number(partition), offset as number);
  }
  return offsets;
}

/**
 * The summary of a sink commit: whatever the parent snapshot carried (other topics, other
 * partitions of this topic) with `next` offsets for the partitions this commit covers. The
 * offsets double as a fence: when the parent's offset of a covered partition is not `expected`
 * (the one this sink's rows start from), another writer has committed that partition since,
 * and committing would duplicate or skip records, so the commit is refused with
 * OFFSETS_MOVED.
 */
export function offsetsSummary(
  topic: string,
  expected: PartitionOffsets,
  next: PartitionOffsets,
): SummaryBuilder {
  return (previous) => {
    const committed = readSnapshotOffsets(previous?.summary, topic);
    const moved = [...expected].filter(([p, offset]) => (committed.get(p) ?? null) !== offset);
    // A partition no snapshot mentions starts wherever the topic starts: "expected" holds the
    // start the sink seeked to, and no other writer can have covered it without recording it.
    const conflicts = moved.filter(([p]) => committed.has(p));
    if (conflicts.length > 0) {
      throw new LakeError(
        'OFFSETS_MOVED',
        `another writer committed partitions ${conflicts.map(([p]) => p).join(', ')} of ${topic}`,
      );
    }
    const merged: Record<string, number> = {};
    for (const [p, offset] of [...committed, ...next].sort(([a], [b]) => a - b)) {
      merged[String(p)] = offset;
    }
    return { ...carriedSummary(previous), [offsetsKey(topic)]: JSON.stringify(merged) };
  };
}
