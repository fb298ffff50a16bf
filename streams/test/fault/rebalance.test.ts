import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureStack } from '@fraud/stack';
import {
  assertExactlyOnce,
  closeFaultContext,
  createTopics,
  openFaultContext,
  scenario,
  stop,
  stopAll,
  trickleWorkload,
  waitFor,
  type FaultContext,
} from './harness.js';

/**
 * A live rebalance: one instance processes; a second joins mid-run and takes over some
 * partitions with their state (restored from the changelog); later the first leaves cleanly
 * and the second takes everything. Runs on the shared broker with topics of its own.
 */
let ctx: FaultContext;

before(async () => {
  await ensureStack();
  ctx = await openFaultContext('streams-rebalance');
});

after(() => closeFaultContext(ctx));

test('a second instance joins mid-run, then the first leaves: output is exactly-once', async (t) => {
  const { topics, start, committedInput, committedOffsets, assignment } = scenario(
    ctx,
    'rebalance',
  );
  await createTopics(ctx, topics);
  const first = start(1);
  let second: ReturnType<typeof start> | undefined;
  const { records, produced, sent } = trickleWorkload(ctx, topics.input, { chunkDelayMs: 600 });
  /** Some partition of `partitions` has a higher committed offset than in `since`. */
  const advanced = async (partitions: number[], since: Map<number, number>) => {
    const now = await committedOffsets();
    return partitions.some((p) => (now.get(p) ?? 0) > (since.get(p) ?? 0));
  };
  try {
    let members = new Map<string, number[]>();
    await waitFor('the first instance to own every partition', async () => {
      members = await assignment();
      return members.size === 1 && [...members.values()][0]?.length === 4;
    });
    const firstId = [...members.keys()][0] ?? assert.fail('no member');
    await waitFor('the first instance to commit', async () => (await committedInput()) > 0);

    // Join: partitions move to the newcomer, which restores their state and carries on.
    const atJoin = { committed: await committedOffsets(), sent: sent() };
    second = start(2);
    await waitFor('a rebalance over two instances', async () => {
      members = await assignment();
      return members.size === 2 && [...members.values()].every((ps) => ps.length > 0);
    });
    const moved = [...members].find(([id]) => id !== firstId)?.[1] ?? assert.fail('no newcomer');
    const kept = members.get(firstId) ?? assert.fail('the first instance left the group');
    await waitFor('the newcomer to commit on its partitions', () =>
      advanced(moved, atJoin.committed),
    );
    const atLeave = { committed: await committedOffsets(), sent: sent() };
    assert.ok(atLeave.sent < records.length, 'the second instance joined while input was arriving');

    // Leave: a clean stop checkpoints and leaves the group; the survivor takes everything.
    await stop(first);
    await waitFor('the survivor to own every partition', async () => {
      members = await assignment();
      return members.size === 1 && [...members.values()][0]?.length === 4;
    });
    await waitFor('the survivor to commit on the partitions it took over', () =>
      advanced(kept, atLeave.committed),
    );
    t.diagnostic(
      `joined at ${atJoin.sent} sent, moved partitions ${moved.join(',')}; ` +
        `first left at ${atLeave.sent} sent, ${[...atLeave.committed.values()].reduce((a, b) => a + b, 0)} committed`,
    );
    await produced;
    await assertExactlyOnce(ctx, { topics, committedInput }, records);
  } finally {
    await stopAll([first, second]);
  }
});
