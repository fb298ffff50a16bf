/** pino's numeric levels: 40 warn, 50 error, 60 fatal. */
const PROBLEM = /"level":(40|50|60)[,}]/;

/**
 * Warnings and errors in a service's pino log (JSON lines), counted by message, so a run's
 * summary shows retries and failures that the latency alone does not explain.
 */
export function logProblems(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!PROBLEM.test(line)) continue;
    let message = 'unparsable log line';
    try {
      const entry = JSON.parse(line) as { msg?: unknown; error?: unknown };
      const msg = typeof entry.msg === 'string' ? entry.msg : '(no message)';
      // kafkajs puts the broker's error beside a generic message; the error says more.
      message = typeof entry.error === 'string' ? `${msg}: ${entry.error}` : msg;
    } catch {
      // Counted as unparsable.
    }
    counts[message.slice(0, 160)] = (counts[message.slice(0, 160)] ?? 0) + 1;
  }
  return counts;
}
