import type { AnyRecord, NodeContext, Process } from '../topology/graph.js';

/** The record-at-a-time operators: no state, forward zero or one record. */
export const filterProcessor =
  (keep: (record: AnyRecord) => boolean) =>
  (ctx: NodeContext): Process =>
  (record) => {
    if (keep(record)) ctx.forward(record);
  };

export const mapProcessor =
  (map: (record: AnyRecord) => AnyRecord) =>
  (ctx: NodeContext): Process =>
  (record) =>
    ctx.forward(map(record));

export const peekProcessor =
  (action: (record: AnyRecord) => void) =>
  (ctx: NodeContext): Process =>
  (record) => {
    action(record);
    ctx.forward(record);
  };
