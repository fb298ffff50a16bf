import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, lineChart, niceStep } from './svg-chart.js';

const polylines = (svg: string) =>
  [...svg.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) =>
    (m[1] ?? '').split(' ').map((pair) => pair.split(',').map(Number)),
  );

test('points are placed on the plot area: x from 0 to the last, y from 0 to a round top', () => {
  const svg = lineChart({
    title: 'latency',
    yUnit: 'ms',
    series: [
      {
        label: 'p99',
        color: '#c00',
        points: [
          [0, 0],
          [10, 80],
        ],
      },
    ],
  });
  const [line] = polylines(svg);
  // Default 880×260 with margins 48/20/40/64: x 64..860, y 220 (0) .. 48 (top = 80).
  assert.deepEqual(line, [
    [64, 220],
    [860, 48],
  ]);
  assert.match(svg, />80<\/text>/, 'a tick at the top value');
  assert.match(svg, /class="legend">p99</);
});

test('a gap in the data breaks the line instead of bridging it', () => {
  const svg = lineChart({
    title: 't',
    yUnit: 'ms',
    series: [
      {
        label: 's',
        color: '#000',
        points: [
          [0, 1],
          [1, 2],
          [2, NaN],
          [3, 2],
        ],
      },
    ],
  });
  assert.deepEqual(
    polylines(svg).map((l) => l.length),
    [2, 1],
  );
});

test('an empty series still draws the axes', () => {
  const svg = lineChart({ title: 'nothing yet', yUnit: 'ms', series: [] });
  assert.match(svg, /^<svg [^>]*viewBox="0 0 880 260"/);
  assert.equal(polylines(svg).length, 0);
});

test('text is escaped', () => {
  assert.equal(escapeXml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  const svg = lineChart({ title: '<b>', yUnit: 'ms', series: [] });
  assert.ok(svg.includes('&lt;b&gt;') && !svg.includes('<b>'));
});

test('axis steps are 1, 2 or 5 times a power of ten', () => {
  assert.deepEqual([0.3, 1, 3, 7, 12, 450].map(niceStep), [0.5, 1, 5, 10, 20, 500]);
});
