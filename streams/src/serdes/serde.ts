/**
 * Turns values into bytes and back. `deserialize` throws on bytes it cannot read; the task
 * catches that and sends the record to the dead-letter topic with its original bytes.
 */
export interface Serde<T> {
  serialize(value: T): Buffer | null;
  deserialize(bytes: Buffer | null): T;
}
