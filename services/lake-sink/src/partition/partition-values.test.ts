import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineSchema } from '../schema/index.js';
import { dayPartitionSpec } from './day-partition-spec.js';
import { dayOf, partitionPath, partitionValues } from './partition-values.js';

const schema = defineSchema([{ name: 'event_time', type: 'timestamptz' }]);
const spec = dayPartitionSpec(schema, 'event_time');

describe('day partitioning', () => {
  it('floors to UTC days, also before 1970', () => {
    assert.equal(dayOf(new Date('1970-01-01T23:59:59Z')), 0);
    assert.equal(dayOf(new Date('1969-12-31T23:59:59Z')), -1);
  });

  it('computes values and Hive-style paths, nulls included', () => {
    const values = partitionValues(spec, schema, { event_time: new Date('2024-05-01T10:00:00Z') });
    assert.deepEqual(values, [19_844]);
    assert.equal(partitionPath(spec, values), 'event_time_day=2024-05-01');
    assert.equal(partitionPath(spec, partitionValues(spec, schema, {})), 'event_time_day=null');
  });

  it('needs a timestamp or date source column', () => {
    const bad = defineSchema([{ name: 'n', type: 'int' }]);
    assert.throws(() => dayPartitionSpec(bad, 'n'), { code: 'INVALID_SCHEMA' });
  });
});
