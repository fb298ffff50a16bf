import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLakeSinkConfig } from './config.js';

describe('lake-sink configuration', () => {
  it('has a documented default for every variable', () => {
    const config = loadLakeSinkConfig({});
    assert.equal(config.PORT, 8082);
    assert.equal(config.LAKE_TOPIC, 'payments.scored');
    assert.equal(config.LAKE_DLQ_TOPIC, 'payments.dlq');
    assert.equal(config.LAKE_COMMIT_ROWS, 100_000);
    assert.equal(config.LAKE_COMMIT_INTERVAL_MS, 30_000);
    assert.equal(config.LAKE_PARQUET_CODEC, 'GZIP');
    assert.match(config.LAKE_WAREHOUSE, /^file:\/\/.*\.stack\/lake\/warehouse$/);
  });

  it('converts numbers and names every bad variable', () => {
    assert.equal(loadLakeSinkConfig({ LAKE_COMMIT_ROWS: '500' }).LAKE_COMMIT_ROWS, 500);
    assert.throws(
      () =>
        loadLakeSinkConfig({
          LAKE_COMMIT_ROWS: '0',
          LAKE_PARQUET_CODEC: 'ZSTD',
          LAKE_TABLE: 'bad name',
        }),
      (error: Error) =>
        ['LAKE_COMMIT_ROWS', 'LAKE_PARQUET_CODEC', 'LAKE_TABLE'].every((v) =>
          error.message.includes(v),
        ),
    );
  });
});
