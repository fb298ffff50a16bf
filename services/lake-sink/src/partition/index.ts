export type { PartitionField, PartitionSpec, PartitionValues, Transform } from './types.js';
export { FIRST_PARTITION_FIELD_ID } from './types.js';
export { dayPartitionSpec, UNPARTITIONED } from './day-partition-spec.js';
export { dayOf, partitionPath, partitionValues } from './partition-values.js';
