/** A half-open interval of event time, [start, end) in epoch milliseconds. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** A key together with the window its aggregate belongs to: the key type of windowed tables. */
export interface Windowed<K> {
  readonly key: K;
  readonly window: Window;
}
