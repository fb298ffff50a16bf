import type { AnyRecord, NodeContext, Process } from '../topology/graph.js';

/**
 * Maps values in batches with an asynchronous function: records wait until the end of the
 * cycle and then go through `map` together, at most `maxBatch` per call, so costly per-call
 * work such as model inference is paid once per batch, not once per record. Results are
 * forwarded in input order, before the cycle commits.
 */
export const batchMapProcessor =
  (map: (records: readonly AnyRecord[]) => Promise<readonly unknown[]>, maxBatch: number) =>
  (ctx: NodeContext): Process => {
    let waiting: AnyRecord[] = [];
    const flushSome = async () => {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        const values = await map(batch);
        if (values.length !== batch.length)
          throw new RangeError(`batch map returned ${values.length} values for ${batch.length}`);
        batch.forEach((record, i) => ctx.forward({ ...record, value: values[i] }));
      }
    };
    ctx.addBatch({
      pending: () => waiting.length > 0,
      flush: flushSome,
      discard: () => {
        waiting = [];
      },
    });
    return (record) => {
      waiting.push(record);
    };
  };
