import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from './config.js';
import { StackError } from './errors.js';
import { checkMaven } from './prerequisites.js';
import { tail } from './processes.js';

export type Progress = (line: string) => void;

const markerFile = (c: StackConfig) => {
  const digest = createHash('sha256').update(readFileSync(c.pom)).digest('hex').slice(0, 12);
  return join(c.distDir, `.resolved-${digest}`);
};

export const jarsResolved = (c: StackConfig) => existsSync(markerFile(c));

/**
 * Resolves Kafka, Connect, Debezium and Apicurio from Maven Central into dist/, once per pom
 * version. Maven keeps its own cache in ~/.m2, so a second resolution only copies files.
 */
export async function ensureJars(c: StackConfig, progress: Progress): Promise<void> {
  if (jarsResolved(c)) return;
  checkMaven();
  mkdirSync(c.distDir, { recursive: true });
  mkdirSync(c.logDir, { recursive: true });
  const logFile = join(c.logDir, 'maven.log');
  progress(
    `resolving Kafka ${c.versions.kafka}, Debezium ${c.versions.debezium} and Apicurio ${c.versions.apicurio} from Maven Central (first run only)`,
  );
  const log = createWriteStream(logFile);
  const mvn = spawn('mvn', ['-B', '-f', c.pom, 'package', `-Dstack.dist=${c.distDir}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let downloaded = 0;
  let reported = Date.now();
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    downloaded += chunk.toString().split('Downloaded from').length - 1;
    if (Date.now() - reported > 3000) {
      reported = Date.now();
      progress(`  … ${downloaded} artifacts downloaded`);
    }
  };
  mvn.stdout.on('data', onData);
  mvn.stderr.on('data', onData);
  const code = await new Promise<number | null>((done) => mvn.on('close', done));
  await new Promise<void>((done) => log.end(done));
  if (code !== 0) {
    throw new StackError(`Maven could not resolve the jars (exit ${code})\n${tail(logFile, 15)}`, {
      component: 'maven',
      logFile,
      hint: 'no access to Maven Central, or a broken ~/.m2 cache (delete the artifact it names)',
    });
  }
  writeFileSync(markerFile(c), new Date().toISOString());
  progress(`  jars ready in ${c.distDir} (${downloaded} artifacts downloaded)`);
}
