import type { PackedValues } from './packed-values.js';
import type { DataFileOptions, EncodedRecords, TableTarget } from './record-encoder.js';

/** What an encoder worker is started with. */
export interface EncodeWorkerData {
  readonly registryUrl: string;
  readonly fileOptions: DataFileOptions;
}

export interface EncodeJobMessage {
  readonly id: number;
  readonly values: PackedValues;
  readonly target: TableTarget;
}

export type EncodeReplyMessage =
  | { readonly id: number; readonly ok: true; readonly result: EncodedRecords }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { message: string; code: string; retriable: boolean };
    };
