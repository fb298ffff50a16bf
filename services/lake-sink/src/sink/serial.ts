/**
 * Runs tasks one at a time, in call order. The sink's batch handling and its timed and final
 * commits all touch the same buffer; chaining them is simpler than reasoning about overlaps.
 */
export function createSerial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    // The chain goes on whether a task failed or not; the caller sees the failure.
    tail = run.catch(() => undefined);
    return run;
  };
}
