const UNITS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A cutoff instant from the command line: a duration back from `now` (`90m`, `12h`, `7d`) or
 * an ISO-8601 instant (`2024-05-01T00:00:00Z`). Returns epoch ms, or undefined if unreadable.
 */
export function parseCutoff(text: string, now: number): number | undefined {
  const duration = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (duration !== null) {
    const [, amount, unit] = duration;
    return now - Number(amount) * (UNITS[unit ?? ''] ?? Number.NaN);
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : instant;
}

/** A byte size: a plain number or one with a binary suffix (`512KiB`, `64MiB`, `1GiB`). */
export function parseBytes(text: string): number | undefined {
  const match = /^(\d+)\s*(B|KiB|MiB|GiB)?$/.exec(text.trim());
  if (match === null) return undefined;
  const factor = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[match[2] ?? 'B'] ?? 1;
  return Number(match[1]) * factor;
}
