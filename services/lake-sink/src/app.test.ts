import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '@fraud/common';
import { buildApp } from './app.js';
import { createSinkMetrics } from './sink/index.js';

const logger = createLogger({ name: 'lake-sink-app-test', level: 'silent' });

describe('lake-sink app', () => {
  it('reports status, readiness and the sink metrics', async () => {
    let joined = false;
    const app = await buildApp({
      logger,
      readiness: {
        consumer: async () => {
          if (!joined) throw new Error('not consuming');
        },
      },
      status: () => ({
        running: true,
        joined,
        partitions: { 0: { committed: 10, position: 12 } },
        bufferedRecords: 2,
      }),
    });
    const metrics = createSinkMetrics(app.metrics);
    metrics.rowsAppended(5);
    metrics.commit('committed', 0.2);
    metrics.deadLettered('deserialization', 1);
    metrics.lag(0, 3);

    assert.equal((await app.inject('/readyz')).statusCode, 503);
    joined = true;
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    const status = await app.inject('/status');
    assert.deepEqual(status.json(), {
      running: true,
      joined: true,
      partitions: { 0: { committed: 10, position: 12 } },
      bufferedRecords: 2,
    });
    const text = (await app.inject('/metrics')).body;
    assert.match(text, /lake_sink_rows_appended_total\{service="lake-sink"\} 5/);
    assert.match(text, /lake_sink_commits_total\{result="committed",service="lake-sink"\} 1/);
    assert.match(
      text,
      /lake_sink_dead_letters_total\{reason="deserialization",service="lake-sink"\} 1/,
    );
    assert.match(text, /lake_sink_lag_records\{partition="0",service="lake-sink"\} 3/);
    assert.match(text, /lake_sink_commit_duration_seconds_count\{service="lake-sink"\} 1/);
    await app.close();
  });
});
