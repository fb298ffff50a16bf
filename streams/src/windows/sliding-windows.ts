import { StreamsError } from '../errors/index.js';

/**
 * Sliding windows as in Kafka Streams' SlidingWindows: a window is defined by the records
 * themselves. Each record at time t has the window [t - timeDifference, t] (both ends
 * included), written here as the half-open [t - timeDifference, t + 1). A late record within
 * grace also updates the later windows that contain it.
 */
export interface SlidingWindows {
  readonly kind: 'sliding';
  readonly timeDifferenceMs: number;
  readonly graceMs: number;
}

export interface SlidingOptions {
  timeDifferenceMs: number;
  graceMs: number;
}

export function slidingWindows({ timeDifferenceMs, graceMs }: SlidingOptions): SlidingWindows {
  if (
    !Number.isSafeInteger(timeDifferenceMs) ||
    timeDifferenceMs <= 0 ||
    !Number.isSafeInteger(graceMs) ||
    graceMs < 0
  )
    throw new StreamsError(
      'STREAMS_TOPOLOGY_INVALID',
      `sliding windows need timeDifference > 0 and grace >= 0 (got ${timeDifferenceMs}, ${graceMs})`,
    );
  return { kind: 'sliding', timeDifferenceMs, graceMs };
}
