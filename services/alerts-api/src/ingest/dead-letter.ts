export { DEAD_LETTER_HEADERS, deadLetterMessage, type DeadLetterSource } from '@fraud/common';

/** `deserialization`: the bytes are not a record of the topic's schema; `invalid-record`: they
 * are, but hold values the read model cannot store (see record-checks.ts). */
export type DeadLetterReason = 'deserialization' | 'invalid-record';
