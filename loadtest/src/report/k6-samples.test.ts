import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readK6Samples, splitCsvLine } from './k6-samples.js';

// The header and rows as k6 v1.8 writes them (`--out csv=`, K6_CSV_TIME_FORMAT=unix_milli).
const CSV = `metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata
http_req_duration,1795439484781,6.512000,,,,true,,POST,POST /payments,HTTP/1.1,steady,,202,,,http://127.0.0.1:8080/payments,,
time_to_score,1795439484990,412.000000,,,,,,,,,steady,,,,,,,
http_req_failed,1795439485,1.000000,,"dial tcp: connection refused, again",1211,true,,POST,POST /payments,,steady,,0,,,http://127.0.0.1:8080/payments,,
`;

test('quoted fields keep their commas and quotes', () => {
  assert.deepEqual(splitCsvLine('a,"b, c","say ""hi""",'), ['a', 'b, c', 'say "hi"', '']);
});

test('samples are read by column name, plain or gzipped, timestamps in ms', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k6-csv-'));
  writeFileSync(join(dir, 'plain.csv'), CSV);
  writeFileSync(join(dir, 'samples.csv.gz'), gzipSync(CSV));
  for (const file of ['plain.csv', 'samples.csv.gz']) {
    const samples = [];
    for await (const sample of readK6Samples(join(dir, file))) samples.push(sample);
    assert.deepEqual(samples, [
      {
        metric: 'http_req_duration',
        timeMs: 1795439484781,
        value: 6.512,
        name: 'POST /payments',
        status: '202',
      },
      { metric: 'time_to_score', timeMs: 1795439484990, value: 412, name: '', status: '' },
      // Seconds (k6's default format) become milliseconds; the quoted error stays one field.
      {
        metric: 'http_req_failed',
        timeMs: 1795439485000,
        value: 1,
        name: 'POST /payments',
        status: '0',
      },
    ]);
  }
});

test('a file that is not k6 CSV is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k6-csv-'));
  writeFileSync(join(dir, 'x.csv'), 'a,b\n1,2\n');
  await assert.rejects(async () => {
    for await (const _ of readK6Samples(join(dir, 'x.csv'))) void _;
  }, /no metric_name column/);
});
