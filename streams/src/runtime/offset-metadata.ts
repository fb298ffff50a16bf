/**
 * Stream time travels with the committed input offset (as Kafka Streams does), so a restarted
 * task closes the same windows and rejects the same late records as the one before it.
 */
export const encodeOffsetMetadata = (streamTime: number): string =>
  JSON.stringify({ t: streamTime });

export function decodeOffsetMetadata(metadata: string | null | undefined): number | undefined {
  if (!metadata) return undefined;
  try {
    const parsed: unknown = JSON.parse(metadata);
    const t =
      typeof parsed === 'object' && parsed !== null ? (parsed as { t?: unknown }).t : undefined;
    return typeof t === 'number' && Number.isSafeInteger(t) ? t : undefined;
  } catch {
    return undefined;
  }
}
