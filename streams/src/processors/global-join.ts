import type { Serde } from '../serdes/index.js';
import type { AnyRecord, NodeContext, Process } from '../topology/graph.js';

/**
 * Stream–global-table join: looks the table row up by a key taken from the stream record.
 * The table is read as it stands when the record is processed (as in Kafka Streams' global
 * tables, lookups are not synchronised on event time).
 */
export const globalJoinProcessor =
  <TK, TV>(
    storeName: string,
    tableKeySerde: Serde<TK>,
    tableValueSerde: Serde<TV>,
    lookupKey: (record: AnyRecord) => TK,
    join: (record: AnyRecord, row: TV | undefined) => unknown,
    inner: boolean,
  ) =>
  (ctx: NodeContext): Process => {
    const table = ctx.globalStore(storeName);
    return (record) => {
      const bytes = table.get(tableKeySerde.serialize(lookupKey(record)) ?? Buffer.alloc(0));
      const row = bytes === undefined ? undefined : tableValueSerde.deserialize(bytes);
      if (row === undefined && inner) return;
      ctx.forward({ ...record, value: join(record, row) });
    };
  };
