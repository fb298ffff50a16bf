import { parseArgs } from 'node:util';
import type { TableIdentifier } from '../catalog/index.js';
import { parseBytes, parseCutoff } from './parse-age.js';

export const USAGE = `usage: maintain <command> --table <namespace.name> [options]

commands:
  compact           rewrite each partition's small data files into fewer larger ones
                    (one "replace" snapshot; rows unchanged; older snapshots still readable)
      --target-file-size <bytes|64MiB>   size of the files written (default 128MiB)
      --min-input-files <n>              rewrite a partition from n small files up (default 5)
  expire-snapshots  drop snapshots and delete the files only they reach (never the current one)
      --older-than <7d|12h|ISO instant>  expire snapshots committed before this
      --retain-last <n>                  always keep the newest n snapshots (default 1)
  remove-orphans    delete files under the table location that no metadata references
      --older-than <3d|ISO instant>      only files modified before this (default 3d; files
                                         of a commit in flight are younger, keep this generous)

common:
  --dry-run         show what would change; commit and delete nothing

environment: DATABASE_URL, LAKE_CATALOG, LAKE_WAREHOUSE, LOG_LEVEL`;

export type MaintenanceCommand =
  | {
      readonly name: 'compact';
      readonly table: TableIdentifier;
      readonly dryRun: boolean;
      readonly targetFileSizeBytes?: number;
      readonly minInputFiles?: number;
    }
  | {
      readonly name: 'expire-snapshots';
      readonly table: TableIdentifier;
      readonly dryRun: boolean;
      readonly olderThanMs?: number;
      readonly retainLast?: number;
    }
  | {
      readonly name: 'remove-orphans';
      readonly table: TableIdentifier;
      readonly dryRun: boolean;
      readonly olderThanMs: number;
    };

export type ParsedCommand =
  | { readonly ok: true; readonly command: MaintenanceCommand }
  | { readonly ok: false; readonly error: string };

const DEFAULT_ORPHAN_AGE = '3d';

/** Namespaces may be nested (`a.b`); the table name is the part after the last dot. */
function tableIdentifier(text: string): TableIdentifier | undefined {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || dot === text.length - 1) return undefined;
  return { namespace: text.slice(0, dot), name: text.slice(dot + 1) };
}

const positiveInt = (text: string | undefined): number | undefined =>
  text !== undefined && /^[1-9]\d*$/.test(text) ? Number(text) : undefined;

/** Turns argv into a typed command, or a message saying exactly what is wrong with it. */
export function parseCommand(argv: readonly string[], now: number): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        table: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'older-than': { type: 'string' },
        'retain-last': { type: 'string' },
        'target-file-size': { type: 'string' },
        'min-input-files': { type: 'string' },
      },
    });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (extra.length > 0) return { ok: false, error: `unexpected argument ${extra[0]}` };
  const table = tableIdentifier(values.table ?? '');
  if (table === undefined) return { ok: false, error: '--table <namespace.name> is required' };
  const dryRun = values['dry-run'];
  const olderThanText = values['older-than'];
  const olderThanMs = olderThanText === undefined ? undefined : parseCutoff(olderThanText, now);
  if (olderThanText !== undefined && olderThanMs === undefined) {
    return { ok: false, error: `--older-than: not a duration (7d, 12h, 30m) or ISO instant` };
  }
  const optionalInt = (flag: 'retain-last' | 'min-input-files') => {
    const text = values[flag];
    const value = positiveInt(text);
    return text !== undefined && value === undefined ? null : value;
  };

  switch (name) {
    case 'compact': {
      const sizeText = values['target-file-size'];
      const targetFileSizeBytes = sizeText === undefined ? undefined : parseBytes(sizeText);
      if (sizeText !== undefined && !targetFileSizeBytes) {
        return { ok: false, error: '--target-file-size: a byte count, e.g. 134217728 or 128MiB' };
      }
      const minInputFiles = optionalInt('min-input-files');
      if (minInputFiles === null)
        return { ok: false, error: '--min-input-files: a positive integer' };
      return {
        ok: true,
        command: {
          name,
          table,
          dryRun,
          ...(targetFileSizeBytes === undefined ? {} : { targetFileSizeBytes }),
          ...(minInputFiles === undefined ? {} : { minInputFiles }),
        },
      };
    }
    case 'expire-snapshots': {
      const retainLast = optionalInt('retain-last');
      if (retainLast === null) return { ok: false, error: '--retain-last: a positive integer' };
      if (olderThanMs === undefined && retainLast === undefined) {
        return { ok: false, error: 'expire-snapshots needs --older-than and/or --retain-last' };
      }
      return {
        ok: true,
        command: {
          name,
          table,
          dryRun,
          ...(olderThanMs === undefined ? {} : { olderThanMs }),
          ...(retainLast === undefined ? {} : { retainLast }),
        },
      };
    }
    case 'remove-orphans':
      return {
        ok: true,
        command: {
          name,
          table,
          dryRun,
          olderThanMs: olderThanMs ?? (parseCutoff(DEFAULT_ORPHAN_AGE, now) as number),
        },
      };
    default:
      return {
        ok: false,
        error: name === undefined ? 'a command is required' : `unknown command ${name}`,
      };
  }
}
