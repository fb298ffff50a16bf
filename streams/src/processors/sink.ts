import type { Serde } from '../serdes/index.js';
import type { NodeContext, Process } from '../topology/graph.js';

/** Serialises records onto a topic; they leave in the task's current transaction. */
export const sinkProcessor =
  (topic: string, keySerde: Serde<unknown>, valueSerde: Serde<unknown>) =>
  (ctx: NodeContext): Process =>
  (record) =>
    ctx.emit({
      topic,
      key: keySerde.serialize(record.key),
      value: valueSerde.serialize(record.value),
      timestamp: record.timestamp,
      headers: record.headers,
    });
