import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessSampler, systemConstants } from './process-sampler.js';

test('the kernel’s clock tick and page size are read', () => {
  const { ticksPerSecond, pageSize } = systemConstants();
  assert.ok(ticksPerSecond >= 100, String(ticksPerSecond));
  assert.ok(pageSize >= 4096 && pageSize % 4096 === 0, String(pageSize));
});

test('sampling this very process from /proc sees its memory and the CPU it burns', async () => {
  const sampler = new ProcessSampler();
  sampler.watch({ name: 'self', pid: process.pid, group: 'driver', withDescendants: false });
  const [first] = await sampler.sample();
  assert.equal(first?.cpuPercent, null);
  const until = performance.now() + 300;
  while (performance.now() < until); // burn one core for 0.3 s
  const [second] = await sampler.sample();
  assert.ok(second !== undefined);
  // The machine is shared: expect a good part of a core, not all of it.
  assert.ok((second.cpuPercent ?? 0) > 20, `cpu ${second.cpuPercent}`);
  assert.ok(second.rssBytes > 10 * 1024 ** 2, `rss ${second.rssBytes}`);
  assert.ok(second.pssBytes > 0 && second.pssBytes <= second.rssBytes);
  assert.equal(second.processes, 1);
  assert.equal(second.tick, 1);
});

test('a process that is gone reads as no processes and no memory', async () => {
  const sampler = new ProcessSampler();
  sampler.watch({ name: 'gone', pid: 2 ** 22 + 1, group: 'stack', withDescendants: true });
  const [gone] = await sampler.sample();
  assert.deepEqual([gone?.processes, gone?.rssBytes, gone?.pssBytes], [0, 0, 0]);
});
