/**
 * @fraud/streams: an exactly-once stream processing runtime on kafkajs with Kafka Streams'
 * vocabulary. Describe a topology with `StreamsBuilder`, test it with `TopologyTestDriver`,
 * run it with `createStreamsApp`.
 */
export * from './errors/index.js';
export * from './records/index.js';
export * from './serdes/index.js';
export * from './windows/index.js';
export * from './stores/index.js';
export * from './topology/index.js';
export * from './task/index.js';
export * from './cdc/index.js';
export * from './testing/index.js';
export * from './metrics/index.js';
export * from './runtime/index.js';
