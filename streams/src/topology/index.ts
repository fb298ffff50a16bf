export {
  StreamsBuilder,
  type StreamsBuilderOptions,
  type StreamOptions,
  type GlobalTableOptions,
} from './streams-builder.js';
export {
  KStream,
  type JoinOptions,
  type LeftJoinOptions,
  type SinkOptions,
  type TransformValuesOptions,
} from './kstream.js';
export type { StatefulTransform } from '../processors/transform-values.js';
export { KGroupedStream, type AggregateOptions, type CountOptions } from './grouped-stream.js';
export {
  TimeWindowedKStream,
  SlidingWindowedKStream,
  type SlidingAggregateOptions,
} from './windowed-stream.js';
export { KTable } from './ktable.js';
export type { GlobalTable } from './global-table.js';
export type {
  Topology,
  SourceNode,
  StoreSpec,
  GlobalTableSpec,
  ProcessorNode,
  ProcessorContext,
  NodeContext,
  DeadLetterReason,
  EmitMode,
  AnyRecord,
  Process,
  PendingBatch,
} from './graph.js';
