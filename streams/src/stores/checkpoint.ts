import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The changelog offsets up to which a task's local stores are known to be complete. Written
 * only on a clean close and deleted as soon as the task opens: if the process dies, there is no
 * checkpoint and the stores are rebuilt from their changelogs (local state may hold writes of
 * the cycle that was in flight).
 */
export type Checkpoint = Record<string, string>;

const fileOf = (taskDir: string) => join(taskDir, '.checkpoint');

export async function writeCheckpoint(taskDir: string, offsets: Checkpoint): Promise<void> {
  const file = fileOf(taskDir);
  await mkdir(dirname(file), { recursive: true });
  // Write then rename: a checkpoint is either whole or absent.
  await writeFile(`${file}.tmp`, JSON.stringify(offsets));
  await rename(`${file}.tmp`, file);
}

/** Reads and deletes the checkpoint; undefined when there was none (first start or a crash). */
export async function takeCheckpoint(taskDir: string): Promise<Checkpoint | undefined> {
  const file = fileOf(taskDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  await rm(file, { force: true });
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const offsets: Checkpoint = {};
  for (const [store, offset] of Object.entries(parsed))
    if (typeof offset === 'string' && /^\d+$/.test(offset)) offsets[store] = offset;
  return offsets;
}
