import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPrivateBroker, type PrivateBroker } from '../private-broker.js';
import {
  assertExactlyOnce,
  closeFaultContext,
  committedOutputs,
  createTopics,
  isRunning,
  kill9,
  openFaultContext,
  randomBetween,
  scenario,
  sleep,
  stop,
  trickleWorkload,
  waitFor,
  type FaultContext,
} from './harness.js';

/**
 * Exactly-once under kill -9 and a broker restart: while a known workload is processed, the
 * topology process is killed at random moments and restarted, and the broker is restarted once
 * under it; the committed output must hold exactly one update per input record and the same
 * final counts as a straightforward computation. The file runs its own single-node broker, so
 * restarting it leaves the shared stack alone.
 */
let broker: PrivateBroker;
let ctx: FaultContext;

before(async () => {
  broker = await startPrivateBroker('streams-fault-broker');
  ctx = await openFaultContext('streams-fault', broker.brokers);
});

after(async () => {
  await closeFaultContext(ctx);
  if (process.env.FAULT_KEEP === '1')
    console.log(`kept broker ${broker?.brokers} in ${broker?.dir}`);
  else await broker?.stop();
});

test('kill -9 at random moments and a broker restart: output is exactly-once', async (t) => {
  const { topics, start, committedInput } = scenario(ctx, 'single');
  await createTopics(ctx, topics);
  // ~40 s of input: the broker restart and the first kills all land while it arrives.
  const { records, produced, sent } = trickleWorkload(ctx, topics.input, { chunkDelayMs: 1000 });
  const progressAtKills: number[] = [];
  for (let kill = 0; kill < 4; kill++) {
    const child = start(0);
    if (kill === 0) {
      // Once the topology commits, the broker goes away under it and under the producer; the
      // topology must carry on by itself (same process), the producer lose or repeat nothing.
      const started = await committedInput();
      await waitFor('the topology to commit', async () => (await committedInput()) > started);
      await sleep(randomBetween(0, 2000));
      const before = { committed: await committedInput(), sent: sent() };
      await broker.restart();
      t.diagnostic(
        `broker restarted at ${before.committed} committed / ${before.sent} sent input records`,
      );
      assert.ok(before.sent < records.length, 'the broker restarted while input was arriving');
      assert.ok(isRunning(child), 'the topology process lives through the broker restart');
      const restarted = Date.now();
      await waitFor(
        'the topology to commit again after the broker restart',
        async () => (await committedInput()) > before.committed,
        90_000,
      );
      assert.ok(isRunning(child), 'the topology process recovered without a restart');
      t.diagnostic(`first commit ${Date.now() - restarted} ms after the broker was back`);
    }
    // A restart takes ~6 s (the dead member's session timeout) before it processes again.
    await sleep(randomBetween(4000, 10_000));
    await kill9(child);
    progressAtKills.push(await committedOutputs(ctx, topics.output));
  }
  t.diagnostic(`committed output high watermarks at the kills: ${progressAtKills.join(', ')}`);
  // The kills must hit a running workload, or this test would prove nothing.
  assert.ok(
    progressAtKills.some((n) => n < records.length),
    `every kill came after the work was done: ${progressAtKills.join(', ')}`,
  );
  await produced;
  const last = start(0);
  try {
    await assertExactlyOnce(ctx, { topics, committedInput }, records);
  } finally {
    await stop(last);
  }
});

test('two instances share the partitions; one is killed mid-run and the other takes over', async () => {
  const { topics, start, committedInput } = scenario(ctx, 'pair');
  await createTopics(ctx, topics);
  const survivor = start(1);
  const victim = start(2);
  const { records, produced } = trickleWorkload(ctx, topics.input);
  await sleep(randomBetween(4000, 8000));
  await kill9(victim);
  assert.ok((await committedOutputs(ctx, topics.output)) < records.length, 'killed mid-run');
  await produced;
  try {
    await assertExactlyOnce(ctx, { topics, committedInput }, records);
  } finally {
    await stop(survivor);
  }
});
