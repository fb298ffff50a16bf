import { randomUUID } from 'node:crypto';

/**
 * Metadata files are named `<5-digit version>-<uuid>.metadata.json`, as pyiceberg and Java's
 * catalogs name them: the uuid keeps two writers racing on one version from clobbering each
 * other's file, and the version orders files for humans and for `version-hint.text`.
 */
const VERSION = /(\d+)-[^/]*\.metadata\.json$/;

export function nextMetadataLocation(tableLocation: string, baseLocation: string | null): string {
  const base = baseLocation === null ? -1 : Number(VERSION.exec(baseLocation)?.[1] ?? -1);
  const version = String(base + 1).padStart(5, '0');
  return `${tableLocation}/metadata/${version}-${randomUUID()}.metadata.json`;
}

/**
 * `version-hint.text` names the current metadata file without its extension, no newline:
 * pyiceberg's StaticTable and DuckDB's iceberg_scan both resolve `<hint>.metadata.json`.
 */
export function versionHint(metadataLocation: string): { uri: string; content: string } {
  const slash = metadataLocation.lastIndexOf('/');
  const name = metadataLocation.slice(slash + 1).replace(/\.metadata\.json$/, '');
  return { uri: `${metadataLocation.slice(0, slash)}/version-hint.text`, content: name };
}
