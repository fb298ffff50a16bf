/** Header values as kafkajs hands them over (a repeated header is an array). */
export type Headers = Readonly<
  Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>
>;

/** An immutable record flowing through the topology, after decoding. */
export interface StreamRecord<K, V> {
  readonly key: K;
  readonly value: V;
  /** Event time in epoch milliseconds: windows use this, never the wall clock. */
  readonly timestamp: number;
  readonly headers: Headers;
}

/** A record exactly as it was read from a topic, before any serde touched it. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: number;
  readonly headers: Headers;
}

/** A record on its way out: already serialised, partition chosen by key unless set. */
export interface OutgoingRecord {
  readonly topic: string;
  readonly partition?: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: number;
  readonly headers?: Headers;
}
