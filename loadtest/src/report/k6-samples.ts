import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One data point of k6's CSV output (`--out csv=...`). */
export interface K6Sample {
  metric: string;
  /** Epoch ms. */
  timeMs: number;
  value: number;
  /** The request's `name` tag (`POST /payments`), empty for custom metrics. */
  name: string;
  status: string;
}

/** Splits one CSV line, honouring double-quoted fields with `""` escapes. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * Reads k6's CSV samples (gzipped when the name ends in .gz) lazily; columns are found by
 * the header, timestamps accepted in seconds or milliseconds.
 */
export async function* readK6Samples(path: string): AsyncGenerator<K6Sample> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let column: Record<string, number> | undefined;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line === '') continue;
    const fields = splitCsvLine(line);
    if (!column) {
      column = Object.fromEntries(fields.map((name, i) => [name, i]));
      for (const needed of ['metric_name', 'timestamp', 'metric_value']) {
        if (!(needed in column)) throw new Error(`${path}: no ${needed} column in k6's CSV`);
      }
      continue;
    }
    const at = (name: string) => {
      const index = column?.[name];
      return index === undefined ? '' : (fields[index] ?? '');
    };
    const time = Number(at('timestamp'));
    yield {
      metric: at('metric_name'),
      // Seconds (k6's default) or milliseconds (K6_CSV_TIME_FORMAT=unix_milli).
      timeMs: time < 1e11 ? time * 1000 : time,
      value: Number(at('metric_value')),
      name: at('name'),
      status: at('status'),
    };
  }
}
