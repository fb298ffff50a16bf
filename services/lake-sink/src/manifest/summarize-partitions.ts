import { encodeSingleValue } from '../schema/index.js';
import type { PartitionSpec } from '../partition/index.js';
import type { ManifestEntry, PartitionFieldSummary } from './types.js';

/**
 * Per partition field, whether a manifest holds nulls and its min/max value. Readers skip whole
 * manifests with these, so a time-range query never opens manifests of other days.
 */
export function summarizePartitions(
  spec: PartitionSpec,
  entries: readonly ManifestEntry[],
): PartitionFieldSummary[] {
  return spec.fields.map((_field, i) => {
    let containsNull = false;
    let min: number | undefined;
    let max: number | undefined;
    for (const entry of entries) {
      const value = entry.dataFile.partition[i];
      if (value === null || value === undefined) {
        containsNull = true;
        continue;
      }
      min = min === undefined ? value : Math.min(min, value);
      max = max === undefined ? value : Math.max(max, value);
    }
    return {
      containsNull,
      lowerBound: min === undefined ? null : encodeSingleValue('date', min),
      upperBound: max === undefined ? null : encodeSingleValue('date', max),
    };
  });
}
