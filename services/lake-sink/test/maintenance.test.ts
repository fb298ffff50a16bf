/**
 * Schema evolution and table maintenance against the real readers: every step commits through
 * the SQL catalog in the stack's PostgreSQL and pyiceberg reads the result (through the catalog,
 * through the metadata path, and as of older snapshots). Expiry and orphan removal run through
 * the command-line entry point, as a user runs them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Logger } from '@fraud/common';
import {
  compactDataFiles,
  createTableWriter,
  dayPartitionSpec,
  defineSchema,
  expireSnapshots,
  readLiveEntries,
  readManifestList,
  snapshotById,
  toFileUri,
  toLocalPath,
  type FileIO,
  type SqlCatalog,
  type TableIdentifier,
  type TableWriter,
} from '../src/index.js';
import { runPython } from './readers/python-venv.js';
import { openScratchCatalog, type ScratchCatalog } from './support/scratch-catalog.js';

const COLUMNS = [
  { name: 'id', type: 'string', required: true },
  { name: 'event_time', type: 'timestamptz', required: true },
  { name: 'amount', type: 'long', required: true },
] as const;

interface Row {
  readonly id: string;
  readonly event_time: Date;
  readonly amount: number;
  readonly country?: string | null;
}

/** What pyiceberg returns for a row, the added column null where it was not written. */
const expected = (row: Row) => ({
  id: row.id,
  event_time: row.event_time.getTime() * 1000,
  amount: row.amount,
  country: row.country ?? null,
});

const DAY = 86_400_000;
const START = Date.UTC(2024, 4, 1);
const BATCH = 10;

/** One commit's rows, half on each of two days: every append adds one small file per day. */
function batch(n: number, country?: string): Row[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    id: `p-${String(n * 100 + i).padStart(5, '0')}`,
    event_time: new Date(START + (i % 2) * DAY + n * 60_000 + i),
    amount: 100 * n + i,
    ...(country === undefined ? {} : { country }),
  }));
}

interface PyicebergSnapshotsView {
  rows: ReturnType<typeof expected>[];
  static_rows: ReturnType<typeof expected>[];
  as_of: Record<string, ReturnType<typeof expected>[]>;
  schema_id: number;
  schema_fields: [number, string, string, boolean][];
  last_column_id: number;
  snapshot_ids: number[];
  history: number[];
  operation: string;
  summary: Record<string, string>;
  planned_files: number;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cli = fileURLToPath(new URL('../src/maintenance/cli.ts', import.meta.url));

describe('schema evolution and maintenance with real readers', () => {
  const catalogName = `lake_mt_${randomBytes(4).toString('hex')}`;
  const identifier: TableIdentifier = { namespace: catalogName, name: 'payments' };
  let scratch: ScratchCatalog;
  let catalog: SqlCatalog;
  let io: FileIO;
  let logger: Logger;
  let databaseUrl = '';
  let warehouseDir = '';
  let location = '';
  let writer: TableWriter<Row>;
  const written: Row[] = [];
  const appendIds: number[] = [];
  let compactionId = 0;
  let lostRaceFiles: string[] = [];

  function read(snapshotIds: readonly number[] = []): PyicebergSnapshotsView {
    return runPython<PyicebergSnapshotsView>('pyiceberg_snapshots.py', {
      catalog_uri: databaseUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
      catalog_name: catalogName,
      warehouse: toFileUri(warehouseDir),
      identifier: `${identifier.namespace}.${identifier.name}`,
      table_location: location,
      snapshot_ids: snapshotIds,
    });
  }

  function maintain(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', cli, ...args, '--table', `${identifier.namespace}.${identifier.name}`],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          LAKE_CATALOG: catalogName,
          LAKE_WAREHOUSE: toFileUri(warehouseDir),
        },
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const dataFiles = async () =>
    (await io.list(`${location}/data`)).map((f) => toLocalPath(f.uri)).sort();

  async function append(rows: Row[], offset: number) {
    const snapshot = await writer.append(rows, {
      summary: { 'kafka.offsets': JSON.stringify({ 'payments.scored': { 0: offset } }) },
    });
    written.push(...rows);
    appendIds.push(snapshot['snapshot-id']);
  }

  before(async () => {
    scratch = await openScratchCatalog(catalogName);
    ({ catalog, io, logger, databaseUrl, warehouseDir } = scratch);
    await catalog.createNamespace(identifier.namespace);
    const schema = defineSchema(COLUMNS);
    const created = await catalog.createTable(identifier, {
      schema,
      spec: dayPartitionSpec(schema, 'event_time'),
    });
    location = created.metadata.location;
    writer = await createTableWriter<Row>({ catalog, io, logger, identifier });
  });

  after(() => scratch.drop());

  it('adds an optional column without rewriting old files; new appends carry it', async () => {
    for (let n = 0; n < 6; n++) await append(batch(n), (n + 1) * 10);
    const before = await dataFiles();
    assert.equal(before.length, 12);

    const schema = await writer.addColumns([{ name: 'country', type: 'string' }]);
    assert.deepEqual(
      schema.fields.map((f) => [f.id, f.name, f.required]),
      [
        [1, 'id', true],
        [2, 'event_time', true],
        [3, 'amount', true],
        [4, 'country', false],
      ],
    );
    // Adding it again (a second sink instance seeing the same Avro field) changes nothing.
    const metadataLocation = writer.table().metadataLocation;
    await writer.addColumns([{ name: 'country', type: 'string' }]);
    assert.equal((await catalog.loadTable(identifier)).metadataLocation, metadataLocation);
    assert.deepEqual(await dataFiles(), before, 'no data file written or rewritten');

    await append(batch(6, 'NL'), 70);
    await append(batch(7, 'DE'), 80);

    const view = read([appendIds[0] ?? 0]);
    assert.equal(view.schema_id, 1);
    assert.equal(view.last_column_id, 4);
    assert.deepEqual(view.schema_fields.at(-1), [4, 'country', 'string', false]);
    const want = written.map(expected).sort(byId);
    assert.deepEqual(view.rows, want);
    assert.equal(view.rows.filter((r) => r.country === null).length, 60);
    assert.deepEqual(view.static_rows, want);
    // An old snapshot reads with its own schema: without the column.
    assert.deepEqual(Object.keys(view.as_of[String(appendIds[0])]?.[0] ?? {}).sort(), [
      'amount',
      'event_time',
      'id',
    ]);
  });

  it('compacts small files into a replace snapshot; rows and time travel unchanged', async () => {
    const preCompaction = appendIds.at(-1) ?? 0;
    const dry = await compactDataFiles({
      catalog,
      io,
      logger,
      identifier,
      targetFileSizeBytes: 1024 * 1024,
      minInputFiles: 2,
      dryRun: true,
    });
    assert.deepEqual(
      dry.partitions.map((p) => [p.partition, p.inputFiles, p.outputFiles, p.records]),
      [
        ['event_time_day=2024-05-01', 8, 1, 40],
        ['event_time_day=2024-05-02', 8, 1, 40],
      ],
    );
    assert.equal(dry.snapshotId, undefined);
    assert.equal((await dataFiles()).length, 16, 'a dry run writes nothing');

    const result = await compactDataFiles({
      catalog,
      io,
      logger,
      identifier,
      targetFileSizeBytes: 1024 * 1024,
      minInputFiles: 2,
    });
    assert.ok(result.snapshotId !== undefined);
    compactionId = result.snapshotId;

    const view = read([preCompaction, appendIds[0] ?? 0]);
    assert.equal(view.operation, 'replace');
    assert.equal(view.summary['added-data-files'], '2');
    assert.equal(view.summary['deleted-data-files'], '16');
    assert.equal(view.summary['added-records'], '80');
    assert.equal(view.summary['deleted-records'], '80');
    assert.equal(view.summary['total-records'], '80');
    assert.equal(view.summary['total-data-files'], '2');
    assert.equal(view.summary['changed-partition-count'], '2');
    // The sink resumes from the current snapshot's offsets: compaction must carry them.
    assert.equal(view.summary['kafka.offsets'], '{"payments.scored":{"0":80}}');
    assert.equal(view.planned_files, 2);
    const want = written.map(expected).sort(byId);
    assert.deepEqual(view.rows, want);
    assert.deepEqual(view.static_rows, want);
    assert.deepEqual(view.as_of[String(preCompaction)], want);
    assert.equal(view.as_of[String(appendIds[0])]?.length, BATCH);

    // The sink's writer still holds the pre-compaction base: its commit loses the race and
    // retries on top of the compaction. The lost attempt's manifest and manifest list are
    // referenced by nothing; the orphan sweep below must find exactly those.
    const metadataBefore = new Set((await io.list(`${location}/metadata`)).map((f) => f.uri));
    await append(batch(8, 'FR'), 90);
    const table = await catalog.loadTable(identifier);
    const current = snapshotById(table.metadata, appendIds.at(-1) ?? 0);
    const referenced = new Set([
      current?.['manifest-list'],
      ...(await readManifestList(io, current)).map((m) => m.manifestPath),
    ]);
    lostRaceFiles = (await io.list(`${location}/metadata`))
      .map((f) => f.uri)
      .filter((uri) => !metadataBefore.has(uri) && !uri.endsWith('.metadata.json'))
      .filter((uri) => !uri.endsWith('version-hint.text') && !referenced.has(uri))
      .map(toLocalPath);
    assert.equal(lostRaceFiles.length, 2);

    // Through the CLI: each day now holds the compacted file plus one new small one.
    const plan = maintain(
      'compact',
      '--target-file-size',
      '1MiB',
      '--min-input-files',
      '2',
      '--dry-run',
    );
    assert.equal(plan.status, 0, plan.stderr);
    assert.match(
      plan.stdout,
      /^\[dry run\] event_time_day=2024-05-01: 2 files \(.*\) -> 1 file\(s\), 45 rows$/m,
    );
    assert.match(plan.stdout, /^\[dry run\] .*: nothing committed$/m);
    const live = await readLiveEntries(
      io,
      table.metadata,
      snapshotById(table.metadata, appendIds.at(-1) ?? 0),
    );
    assert.equal(live.length, 4);
    assert.equal(
      live.reduce((acc, e) => acc + e.dataFile.recordCount, 0),
      90,
    );
  });

  it('expires snapshots by age, then by count through the CLI, deleting what only they reached', async () => {
    const table = await catalog.loadTable(identifier);
    const fourth = snapshotById(table.metadata, appendIds[3] ?? 0);
    assert.ok(fourth !== undefined);
    const byAge = await expireSnapshots({
      catalog,
      io,
      logger,
      identifier,
      olderThanMs: fourth['timestamp-ms'],
    });
    // Snapshots committed within one millisecond share the cutoff; expect at least the first.
    const expiredByAge = byAge.expiredSnapshotIds;
    assert.ok(expiredByAge.length >= 1 && expiredByAge.length <= 3);
    assert.deepEqual(expiredByAge, appendIds.slice(0, expiredByAge.length));
    // Every data file is still live in the pre-compaction snapshots that remain.
    assert.equal(byAge.deletedFiles.filter((f) => f.endsWith('.parquet')).length, 0);
    let view = read([appendIds[7] ?? 0]);
    assert.deepEqual(view.snapshot_ids, [
      ...appendIds.slice(expiredByAge.length, 8),
      compactionId,
      appendIds[8],
    ]);
    assert.deepEqual(view.history, view.snapshot_ids);
    assert.equal(view.as_of[String(appendIds[7])]?.length, 80);

    const dry = maintain('expire-snapshots', '--retain-last', '2', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /\[dry run\] .*would expire \d+ snapshot\(s\)/);
    assert.equal((await dataFiles()).length, 20, 'a dry run deletes nothing');

    const run = maintain('expire-snapshots', '--retain-last', '2');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /expired \d+ snapshot\(s\)/);
    // Left: the compaction and the append after it; the 16 small files went with the rest.
    assert.equal((await dataFiles()).length, 4);
    view = read([compactionId]);
    assert.deepEqual(view.snapshot_ids, [compactionId, appendIds[8]]);
    assert.deepEqual(view.history, [compactionId, appendIds[8]]);
    assert.equal(view.as_of[String(compactionId)]?.length, 80);
    const want = written.map(expected).sort(byId);
    assert.deepEqual(view.rows, want);
    assert.deepEqual(view.static_rows, want);
    const metadataFiles = (await io.list(`${location}/metadata`)).map((f) => f.uri);
    for (const gone of appendIds.slice(0, 8)) {
      assert.ok(
        !metadataFiles.some((uri) => uri.includes(`snap-${gone}-`)),
        `manifest list of ${gone}`,
      );
    }
  });

  it('removes only old unreferenced files, listing them first on a dry run', async () => {
    // Age the whole table, then plant orphans: old ones (a crashed commit) and a young one
    // (a commit in flight) that the safety age must protect. The lost race left two more.
    const old = new Date(Date.now() - 10 * DAY);
    for (const file of await io.list(location)) await utimes(toLocalPath(file.uri), old, old);
    const dir = toLocalPath(location);
    const planted = [
      join(dir, 'data/event_time_day=2024-05-01/crashed-writer.parquet'),
      join(dir, 'metadata/crashed-writer-m0.avro'),
    ];
    for (const path of planted) {
      await writeFile(path, 'orphan');
      await utimes(path, old, old);
    }
    const young = join(dir, 'data/event_time_day=2024-05-02/in-flight.parquet');
    await writeFile(young, 'in flight');

    const dry = maintain('remove-orphans', '--older-than', '1d', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /\[dry run\] .*would remove 4 orphan file\(s\)/);
    const listed = dry.stdout
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => toLocalPath(line.trim().split(/\s+/)[0] ?? ''));
    assert.deepEqual(listed.sort(), [...planted, ...lostRaceFiles].sort());

    const run = maintain('remove-orphans', '--older-than', '1d');
    assert.equal(run.status, 0, run.stderr);
    const remaining = (await io.list(location)).map((f) => toLocalPath(f.uri));
    for (const path of [...planted, ...lostRaceFiles]) assert.ok(!remaining.includes(path), path);
    assert.ok(remaining.includes(young), 'a young file survives');

    const view = read();
    assert.deepEqual(view.rows, written.map(expected).sort(byId));
    assert.deepEqual(view.static_rows, view.rows);
  });
});
