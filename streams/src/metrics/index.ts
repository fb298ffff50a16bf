export { createStreamsMetrics, type StreamsMetrics } from './streams-metrics.js';
export { serveMetrics } from './serve-metrics.js';
