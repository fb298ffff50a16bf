import { LakeError } from '../errors.js';
import type { TableMetadata } from './types.js';

/**
 * Parses metadata JSON and checks what this writer relies on. Ids above 2^53 (written by other
 * clients, which draw 63-bit ids) would silently lose precision in JSON.parse, so they are
 * refused instead: better to stop than to commit on a wrong parent id.
 */
export function parseTableMetadata(text: string, location: string): TableMetadata {
  const parsed = JSON.parse(text) as TableMetadata;
  if (parsed['format-version'] !== 2) {
    throw new LakeError(
      'UNSUPPORTED_METADATA',
      `${location}: format-version ${String(parsed['format-version'])}, only 2 is supported`,
    );
  }
  const ids = [
    parsed['current-snapshot-id'],
    ...parsed.snapshots.flatMap((s) => [s['snapshot-id'], s['parent-snapshot-id']]),
  ];
  for (const id of ids) {
    if (id !== undefined && id !== -1 && !Number.isSafeInteger(id)) {
      throw new LakeError('UNSUPPORTED_METADATA', `${location}: snapshot id beyond 2^53`);
    }
  }
  // Some writers use -1 for "no current snapshot"; normalise to absent.
  if (parsed['current-snapshot-id'] === -1) {
    const { 'current-snapshot-id': _none, ...rest } = parsed;
    return rest;
  }
  return parsed;
}

export const serializeTableMetadata = (metadata: TableMetadata): string =>
  JSON.stringify(metadata, null, 2);
