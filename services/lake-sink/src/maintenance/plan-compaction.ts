import type { DataFile } from '../manifest/index.js';
import type { PartitionValues } from '../partition/index.js';

export interface CompactionPlanOptions {
  /** Size compacted files aim at; files under 3/4 of it count as small (Iceberg's bin-pack ratio). */
  readonly targetFileSizeBytes: number;
  /** A partition is rewritten only when it has at least this many small files. */
  readonly minInputFiles: number;
}

export interface CompactionGroup {
  readonly partition: PartitionValues;
  readonly inputs: readonly DataFile[];
  readonly outputFileCount: number;
}

const SMALL_FILE_RATIO = 0.75;

/**
 * Picks, per partition, the small files worth rewriting and how many files replace them.
 * Files already near the target stay put: rewriting them would cost I/O and gain nothing.
 */
export function planCompaction(
  files: readonly DataFile[],
  options: CompactionPlanOptions,
): CompactionGroup[] {
  const small = new Map<string, DataFile[]>();
  for (const file of files) {
    if (file.fileSizeInBytes >= options.targetFileSizeBytes * SMALL_FILE_RATIO) continue;
    const key = JSON.stringify(file.partition);
    small.set(key, [...(small.get(key) ?? []), file]);
  }
  const groups: CompactionGroup[] = [];
  for (const inputs of small.values()) {
    if (inputs.length < Math.max(2, options.minInputFiles)) continue;
    const bytes = inputs.reduce((acc, f) => acc + f.fileSizeInBytes, 0);
    const outputFileCount = Math.max(1, Math.ceil(bytes / options.targetFileSizeBytes));
    // Rewriting n files into n helps nobody.
    if (outputFileCount >= inputs.length) continue;
    groups.push({ partition: inputs[0]?.partition ?? [], inputs, outputFileCount });
  }
  return groups;
}
