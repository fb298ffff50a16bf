export type { Serde } from './serde.js';
export {
  bytesSerde,
  stringSerde,
  nullableStringSerde,
  int64Serde,
  jsonSerde,
} from './primitive-serdes.js';
export { windowedSerde } from './windowed-serde.js';
