import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, KafkaJSDeleteGroupsErrorGroups } from 'kafkajs';
import type pg from 'pg';
import type { Logger } from '@fraud/common';
import type { BenchRun } from './bench-run.js';

export interface CleanUpOptions {
  run: BenchRun;
  admin: Admin;
  pool: pg.Pool;
  /** Confluent-compatible API base, e.g. http://127.0.0.1:18081/apis/ccompat/v7. */
  registryUrl: string;
  logger: Logger;
  /** Told when clean-up has to wait (for consumer groups to empty). */
  progress?: (line: string) => void;
}

/**
 * Removes what a run created once its processes have stopped: topics (outputs, dead letters,
 * changelogs), consumer groups, schema subjects, alerts-api's schema, the lake table's catalog
 * rows and the scratch directory. Each part is tried even when another fails; failures are
 * logged and returned, never thrown, so an interrupted run still cleans up what it can.
 */
export async function cleanUpRun(options: CleanUpOptions): Promise<string[]> {
  const { run, admin, pool, registryUrl, logger, progress } = options;
  const failures: string[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      failures.push(what);
      logger.warn({ err: error, what }, 'clean-up step failed');
    }
  };
  const ours = (name: string) => name.includes(run.applicationId);

  await attempt('topics', async () => {
    const topics = (await admin.listTopics()).filter(ours);
    if (topics.length > 0) await admin.deleteTopics({ topics });
  });
  await attempt('consumer groups', async () => {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter(ours);
    await deleteGroups(admin, groups, (waiting) =>
      progress?.(
        `clean-up: waiting for ${waiting.join(', ')} to empty (a member that did not leave expires with its session)`,
      ),
    );
  });
  await attempt('schema subjects', async () => {
    const response = await fetch(`${registryUrl}/subjects`);
    if (!response.ok) throw new Error(`GET /subjects answered ${response.status}`);
    const subjects = ((await response.json()) as string[]).filter(ours);
    for (const subject of subjects) {
      // A soft delete first: the registry refuses a permanent one before it.
      for (const query of ['', '?permanent=true']) {
        const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}${query}`;
        const deleted = await fetch(url, { method: 'DELETE' });
        if (!deleted.ok && deleted.status !== 404) {
          throw new Error(`DELETE ${subject}${query} answered ${deleted.status}`);
        }
      }
    }
  });
  await attempt('alerts schema', () =>
    pool.query(`DROP SCHEMA IF EXISTS ${run.alertsSchema} CASCADE`),
  );
  await attempt('lake catalog rows', async () => {
    const exists = await pool.query<{ t: string | null }>(
      `SELECT to_regclass('iceberg_tables')::text AS t`,
    );
    if (exists.rows[0]?.t === null) return;
    await pool.query('DELETE FROM iceberg_tables WHERE catalog_name = $1', [run.lakeCatalog]);
    await pool.query('DELETE FROM iceberg_namespace_properties WHERE catalog_name = $1', [
      run.lakeCatalog,
    ]);
  });
  await attempt('scratch directory', () => rm(run.workDir, { recursive: true, force: true }));
  return failures;
}

const GROUP_ID_NOT_FOUND = 69;

// By name: kafkajs is CommonJS and spreads its errors into its exports, which Node's ESM
// named-export detection does not see, so the class cannot be imported for instanceof.
const isDeleteGroupsError = (
  error: unknown,
): error is Error & { groups: KafkaJSDeleteGroupsErrorGroups[] } =>
  error instanceof Error &&
  error.name === 'KafkaJSDeleteGroupsError' &&
  Array.isArray((error as { groups?: unknown }).groups);

/** A little longer than the services' 30 s session timeout: a member that did not leave expires. */
const GROUP_DELETE_ATTEMPTS = 20;

/**
 * Deletes groups, waiting for the ones still NON_EMPTY (a member that stopped a moment ago
 * may not have left yet, or its session has to time out); a group that has vanished on its
 * own in the meantime (no offsets, no members) counts as deleted.
 */
async function deleteGroups(
  admin: Admin,
  groupIds: readonly string[],
  onWait: (groups: string[]) => void,
): Promise<void> {
  let pending = [...groupIds];
  for (let attempt = 1; pending.length > 0; attempt++) {
    try {
      await admin.deleteGroups(pending);
      return;
    } catch (error) {
      if (!isDeleteGroupsError(error)) throw error;
      pending = error.groups
        .filter((g) => g.errorCode !== GROUP_ID_NOT_FOUND)
        .map((g) => g.groupId);
      if (pending.length === 0) return;
      if (attempt >= GROUP_DELETE_ATTEMPTS) throw error;
      if (attempt === 1) onWait(pending);
      await sleep(2000);
    }
  }
}
