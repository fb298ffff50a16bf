export { createStreamsApp, type StreamsApp, type StreamsAppOptions } from './streams-app.js';
export { transactionalIdOf } from './partition-producer.js';
export { readTopic, type TopicReader, type TopicReaderOptions } from './topic-reader.js';
