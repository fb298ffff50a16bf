export {
  parseDebeziumChange,
  parseDebeziumJson,
  debeziumChangeSerde,
  isObject,
  type DebeziumChange,
} from './debezium-change.js';
export { debeziumRow, type DebeziumRowOptions } from './debezium-row.js';
