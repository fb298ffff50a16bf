/** Text for HTML and SVG: the five characters that could end an element or attribute. */
export const escapeXml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface ChartSeries {
  label: string;
  color: string;
  /** [x, y]; a NaN y breaks the line (no data in that interval). */
  points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  title: string;
  yUnit: string;
  xLabel?: string;
  series: readonly ChartSeries[];
  width?: number;
  height?: number;
}

/** 1, 2 or 5 times a power of ten, at least `value`: readable axis steps. */
export function niceStep(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

const format = (n: number) =>
  Number.isInteger(n) ? String(n) : n.toPrecision(3).replace(/\.?0+$/, '');

/**
 * A line chart as a standalone SVG element: axes with ticks, one polyline per series and a
 * legend. No script, no external resources: it renders anywhere an HTML file is opened.
 */
export function lineChart({
  title,
  yUnit,
  xLabel = 'seconds since start',
  series,
  width = 880,
  height = 260,
}: LineChartOptions): string {
  const margin = { top: 48, right: 20, bottom: 40, left: 64 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const all = series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  const maxX = Math.max(1, ...all.map(([x]) => x));
  const yStep = niceStep(Math.max(...all.map(([, y]) => y), 0) / 5 || 1);
  const maxY = yStep * Math.max(1, Math.ceil(Math.max(...all.map(([, y]) => y), 0) / yStep));
  const xStep = niceStep(maxX / 8);
  const sx = (x: number) => margin.left + (x / maxX) * plotW;
  const sy = (y: number) => margin.top + plotH - (y / maxY) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<text x="${margin.left}" y="16" class="title">${escapeXml(title)}</text>`,
  ];
  for (let y = 0; y <= maxY + yStep / 2; y += yStep) {
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${sy(y)}" y2="${sy(y)}" class="grid"/>`,
      `<text x="${margin.left - 6}" y="${sy(y) + 4}" text-anchor="end" class="tick">${format(y)}</text>`,
    );
  }
  for (let x = 0; x <= maxX; x += xStep) {
    parts.push(
      `<text x="${sx(x)}" y="${margin.top + plotH + 16}" text-anchor="middle" class="tick">${format(x)}</text>`,
    );
  }
  parts.push(
    `<text x="${margin.left + plotW / 2}" y="${height - 6}" text-anchor="middle" class="axis">${escapeXml(xLabel)}</text>`,
    `<text x="14" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${margin.top + plotH / 2})" class="axis">${escapeXml(yUnit)}</text>`,
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" class="axisline"/>`,
    `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" class="axisline"/>`,
  );
  // The legend has its own line under the title, so a long title never runs into it.
  let legendX = margin.left;
  for (const s of series) {
    // Runs of finite points become separate polylines, so gaps in the data stay visible.
    const runs: string[][] = [[]];
    for (const [x, y] of s.points) {
      if (Number.isFinite(y))
        runs[runs.length - 1]?.push(`${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
      else if ((runs[runs.length - 1]?.length ?? 0) > 0) runs.push([]);
    }
    for (const run of runs.filter((r) => r.length > 0)) {
      parts.push(
        `<polyline fill="none" stroke="${escapeXml(s.color)}" stroke-width="1.5" points="${run.join(' ')}"/>`,
      );
    }
    parts.push(
      `<rect x="${legendX}" y="24" width="10" height="10" fill="${escapeXml(s.color)}"/>`,
      `<text x="${legendX + 14}" y="33" class="legend">${escapeXml(s.label)}</text>`,
    );
    legendX += 24 + s.label.length * 7;
  }
  parts.push('</svg>');
  return parts.join('\n');
}
