/**
 * The writer against the real readers: commits go through the SQL catalog in the stack's
 * PostgreSQL, then pyiceberg (SqlCatalog and the metadata path) and DuckDB read the result.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Logger } from '@fraud/common';
import {
  createTableWriter,
  dayPartitionSpec,
  defineSchema,
  toFileUri,
  toLocalPath,
  type RowOf,
  type FileIO,
  type SqlCatalog,
  type TableIdentifier,
} from '../src/index.js';
import { runPython } from './readers/python-venv.js';
import { openScratchCatalog, type ScratchCatalog } from './support/scratch-catalog.js';

const COLUMNS = [
  { name: 'payment_id', type: 'string', required: true },
  { name: 'card_id', type: 'string', required: true },
  { name: 'account_id', type: 'string', required: true },
  { name: 'merchant_id', type: 'string', required: true },
  { name: 'amount_minor', type: 'long', required: true },
  { name: 'currency', type: 'string', required: true },
  { name: 'features', type: { list: 'float' } },
  { name: 'model_version', type: 'string' },
  { name: 'score', type: 'float', required: true },
  { name: 'decision', type: 'string', required: true },
  { name: 'event_time', type: 'timestamptz', required: true },
  { name: 'processing_time', type: 'timestamptz', required: true },
  { name: 'merchant_country', type: 'string' },
] as const;
type ScoredRow = RowOf<typeof COLUMNS>;

const DAY = 86_400_000;
const START = Date.UTC(2024, 4, 1);

/** Deterministic rows spread over three days, with nulls and empty feature vectors. */
function rows(batch: number, count: number): ScoredRow[] {
  return Array.from({ length: count }, (_, i): ScoredRow => {
    const n = batch * 1000 + i;
    const eventTime = new Date(START + (i % 3) * DAY + n * 1_234 + 7);
    return {
      payment_id: `p-${String(n).padStart(6, '0')}`,
      card_id: `card-${n % 17}`,
      account_id: `acct-${n % 11}`,
      merchant_id: `m-${n % 5}`,
      amount_minor: 1_000 + n * 37,
      currency: i % 4 === 0 ? 'EUR' : 'USD',
      features: i % 7 === 0 ? null : i % 5 === 0 ? [] : [n / 10, 0.1, -3.25, n % 2],
      model_version: i % 6 === 0 ? null : 'gbm-2024-05',
      score: (n % 100) / 100,
      decision: n % 100 > 90 ? 'block' : 'approve',
      event_time: eventTime,
      processing_time: new Date(eventTime.getTime() + 250),
      ...(i % 3 === 0 ? {} : { merchant_country: 'NL' }),
    };
  });
}

/** What pyiceberg must return for a row: float32 rounding and µs timestamps made explicit. */
function expected(row: ScoredRow) {
  return {
    payment_id: row.payment_id,
    card_id: row.card_id,
    account_id: row.account_id,
    merchant_id: row.merchant_id,
    amount_minor: Number(row.amount_minor),
    currency: row.currency,
    features:
      row.features === null || row.features === undefined ? null : row.features.map(Math.fround),
    model_version: row.model_version ?? null,
    score: Math.fround(row.score),
    decision: row.decision,
    event_time: row.event_time.getTime() * 1000,
    processing_time: row.processing_time.getTime() * 1000,
    merchant_country: row.merchant_country ?? null,
  };
}

interface PyicebergView {
  format_version: number;
  snapshot_ids: number[];
  current_summary: Record<string, string>;
  operation: string;
  arrow_types: Record<string, string>;
  catalog_rows: ReturnType<typeof expected>[];
  static_rows: ReturnType<typeof expected>[];
  static_metadata_location: string;
  older_count: number;
  day_filter_files: number;
  partition_spec: string;
}

const byId = (a: { payment_id: string }, b: { payment_id: string }) =>
  a.payment_id < b.payment_id ? -1 : a.payment_id > b.payment_id ? 1 : 0;

describe('Iceberg table writer with real readers', () => {
  const catalogName = `lake_it_${randomBytes(4).toString('hex')}`;
  const identifier: TableIdentifier = { namespace: catalogName, name: 'payments_scored' };
  let scratch: ScratchCatalog;
  let catalog: SqlCatalog;
  let io: FileIO;
  let logger: Logger;
  let databaseUrl = '';
  let warehouseDir = '';

  before(async () => {
    scratch = await openScratchCatalog(catalogName);
    ({ catalog, io, logger, databaseUrl, warehouseDir } = scratch);
    await catalog.createNamespace(identifier.namespace);
    const schema = defineSchema(COLUMNS);
    await catalog.createTable(identifier, { schema, spec: dayPartitionSpec(schema, 'event_time') });
  });

  after(() => scratch.drop());

  it('appends commits that pyiceberg and DuckDB read back exactly', async () => {
    const writer = await createTableWriter<ScoredRow>({ catalog, io, logger, identifier });
    const batches = [rows(0, 40), rows(1, 25), rows(2, 60)];
    const snapshotIds: number[] = [];
    for (const [i, batch] of batches.entries()) {
      const snapshot = await writer.append(batch, {
        summary: { 'kafka.offsets': JSON.stringify({ 'payments.scored': { 0: (i + 1) * 100 } }) },
      });
      snapshotIds.push(snapshot['snapshot-id']);
    }
    const all = batches.flat();

    // Exactly-once hook: a fresh writer (a restarted sink) finds the offsets of the last commit.
    const restarted = await createTableWriter<ScoredRow>({ catalog, io, logger, identifier });
    assert.deepEqual(JSON.parse(restarted.currentSummary()?.['kafka.offsets'] ?? 'null'), {
      'payments.scored': { 0: 300 },
    });

    const location = restarted.table().metadata.location;
    const view = runPython<PyicebergView>('pyiceberg_read.py', {
      catalog_uri: databaseUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
      catalog_name: catalogName,
      warehouse: toFileUri(warehouseDir),
      identifier: `${identifier.namespace}.${identifier.name}`,
      table_location: location,
      older_snapshot_id: snapshotIds[0],
      day_filter:
        "event_time >= '2024-05-02T00:00:00+00:00' and event_time < '2024-05-03T00:00:00+00:00'",
    });

    assert.equal(view.format_version, 2);
    assert.deepEqual(view.snapshot_ids, snapshotIds);
    assert.equal(view.operation, 'append');
    assert.equal(view.current_summary['total-records'], String(all.length));
    assert.equal(view.current_summary['kafka.offsets'], '{"payments.scored":{"0":300}}');
    assert.deepEqual(view.arrow_types, {
      payment_id: 'string',
      card_id: 'string',
      account_id: 'string',
      merchant_id: 'string',
      amount_minor: 'int64',
      currency: 'string',
      features: 'list<element: float not null>',
      model_version: 'string',
      score: 'float',
      decision: 'string',
      event_time: 'timestamp[us, tz=UTC]',
      processing_time: 'timestamp[us, tz=UTC]',
      merchant_country: 'string',
    });
    const want = all.map(expected).sort(byId);
    assert.equal(view.catalog_rows.length, all.length);
    assert.deepEqual(view.catalog_rows, want);
    assert.deepEqual(view.static_rows, want);
    assert.equal(view.static_metadata_location, restarted.table().metadataLocation);
    // Time travel: the first snapshot still shows only the first commit.
    assert.equal(view.older_count, batches[0]?.length);
    // Partition pruning: one day's scan plans one file per commit, not all nine.
    assert.equal(view.day_filter_files, 3);
    assert.match(view.partition_spec, /event_time_day: day\(11\)/);

    // DuckDB reads the data files directly, field ids included.
    const duck = await (await DuckDBInstance.create()).connect();
    const glob = `${toLocalPath(location)}/data/**/*.parquet`;
    const totals = await duck.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, sum(amount_minor)::BIGINT AS amount,
              count(DISTINCT payment_id)::INTEGER AS ids FROM read_parquet('${glob}')`,
    );
    const wantAmount = all.reduce((acc, r) => acc + BigInt(r.amount_minor), 0n);
    assert.deepEqual(totals.getRowObjects(), [
      { n: all.length, amount: wantAmount, ids: all.length },
    ]);
    const ids = await duck.runAndReadAll(
      `SELECT DISTINCT name, field_id FROM parquet_schema('${glob}') WHERE field_id IS NOT NULL ORDER BY field_id`,
    );
    assert.deepEqual(
      ids.getRowObjects().map((r) => [r.name, Number(r.field_id)]),
      [...COLUMNS.map((c, i) => [c.name, i + 1]), ['element', COLUMNS.length + 1]],
    );
    const codecs = await duck.runAndReadAll(
      `SELECT DISTINCT compression FROM parquet_metadata('${glob}')`,
    );
    assert.deepEqual(codecs.getRowObjects(), [{ compression: 'SNAPPY' }]);
  });

  it('retries a commit that lost the compare-and-swap on the new base', async () => {
    const a = await createTableWriter<ScoredRow>({ catalog, io, logger, identifier });
    const b = await createTableWriter<ScoredRow>({ catalog, io, logger, identifier });
    const before = Number(a.currentSummary()?.['total-records'] ?? 0);
    await a.append(rows(10, 5), { summary: { writer: 'a' } });
    // b still holds the pre-`a` base: its first swap must fail, its retry must keep a's rows.
    await b.append(rows(11, 7), { summary: { writer: 'b' } });
    const reloaded = await catalog.loadTable(identifier);
    const current = reloaded.metadata.snapshots.at(-1);
    assert.equal(current?.summary['writer'], 'b');
    assert.equal(current?.summary['total-records'], String(before + 12));
    assert.equal(current?.['parent-snapshot-id'], a.table().metadata['current-snapshot-id']);
  });
});
