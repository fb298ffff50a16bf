import { StreamsError } from '../errors/index.js';
import type { Window } from './window.js';

/**
 * Fixed-size windows aligned to the epoch. Tumbling windows are hopping windows whose advance
 * equals their size. Grace is always explicit: how long after a window ends it still accepts
 * out-of-order records. Retention (how long the store keeps a window) is at least size + grace.
 */
export interface TimeWindows {
  readonly kind: 'time';
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly graceMs: number;
  readonly retentionMs: number;
}

export interface TumblingOptions {
  sizeMs: number;
  graceMs: number;
  retentionMs?: number;
}

export interface HoppingOptions extends TumblingOptions {
  advanceMs: number;
}

export function tumblingWindows(options: TumblingOptions): TimeWindows {
  return hoppingWindows({ ...options, advanceMs: options.sizeMs });
}

export function hoppingWindows({
  sizeMs,
  advanceMs,
  graceMs,
  retentionMs,
}: HoppingOptions): TimeWindows {
  const valid =
    Number.isSafeInteger(sizeMs) &&
    sizeMs > 0 &&
    Number.isSafeInteger(advanceMs) &&
    advanceMs > 0 &&
    advanceMs <= sizeMs &&
    Number.isSafeInteger(graceMs) &&
    graceMs >= 0;
  if (!valid)
    throw new StreamsError(
      'STREAMS_TOPOLOGY_INVALID',
      `windows need 0 < advance <= size and grace >= 0 (size ${sizeMs}, advance ${advanceMs}, grace ${graceMs})`,
    );
  const minimum = sizeMs + graceMs;
  if (retentionMs !== undefined && retentionMs < minimum)
    throw new StreamsError(
      'STREAMS_TOPOLOGY_INVALID',
      `retention ${retentionMs} ms is shorter than size + grace (${minimum} ms)`,
    );
  return { kind: 'time', sizeMs, advanceMs, graceMs, retentionMs: retentionMs ?? minimum };
}

/** Every window that contains `timestamp`, oldest first. */
export function windowsFor(windows: TimeWindows, timestamp: number): Window[] {
  const { sizeMs, advanceMs } = windows;
  const earliest = Math.max(0, timestamp - sizeMs + advanceMs);
  const out: Window[] = [];
  for (let start = earliest - (earliest % advanceMs); start <= timestamp; start += advanceMs)
    out.push({ start, end: start + sizeMs });
  return out;
}
