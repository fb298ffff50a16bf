import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors.js';

export interface JavaRuntime {
  java: string;
  major: number;
  banner: string;
}

function probeJava(java: string): JavaRuntime | undefined {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const banner = `${result.stderr}${result.stdout}`.split('\n')[0] ?? '';
  const version = /version "(\d+)(?:\.(\d+))?/.exec(banner);
  if (!version) return undefined;
  const major = Number(version[1] === '1' ? version[2] : version[1]);
  return { java, major, banner };
}

const JVM_DIR = '/usr/lib/jvm';
const found = new Map<string, JavaRuntime | undefined>();

/**
 * The first Java runtime of at least `minMajor`, in this order: the preferred ones (from
 * JAVA_HOME and the like), `java` on the PATH, then the JDKs under /usr/lib/jvm, newest first.
 * Kafka 3.9 is tested on 17 and finds it on the PATH; Apicurio Registry 3.3 is compiled for 21,
 * which Debian 12 does not package, so it usually takes a newer JDK from /usr/lib/jvm.
 */
export function findJava(
  minMajor: number,
  preferred: readonly string[],
  component: string,
): JavaRuntime {
  const installed = existsSync(JVM_DIR)
    ? readdirSync(JVM_DIR)
        .map((dir) => join(JVM_DIR, dir, 'bin', 'java'))
        .filter((java) => existsSync(java))
    : [];
  const probe = (java: string) => {
    if (!found.has(java)) found.set(java, probeJava(java));
    return found.get(java);
  };
  const byNewest = installed
    .map(probe)
    .filter((r): r is JavaRuntime => r !== undefined)
    .sort((a, b) => b.major - a.major);
  const runtimes = [...[...preferred, 'java'].map(probe), ...byNewest].filter(
    (r): r is JavaRuntime => r !== undefined,
  );
  const best = runtimes.find((r) => r.major >= minMajor);
  if (best) return best;
  const seen = runtimes.map((r) => `${r.java}: ${r.banner}`);
  throw new StackError(
    `needs Java ${minMajor}+; ${seen.length ? `found only\n    ${seen.join('\n    ')}` : 'found no Java runtime'}`,
    {
      component,
      hint: `install a JDK ${minMajor}+ (Debian: apt-get install -y openjdk-17-jdk-headless covers 17) and point JAVA_HOME${minMajor > 17 ? ' or REGISTRY_JAVA_HOME' : ''} at it`,
    },
  );
}

export function checkMaven(): void {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new StackError('Maven (mvn) is needed once, to resolve the jars from Maven Central', {
      component: 'maven',
      hint: 'install it (Debian: apt-get install -y maven), then run the command again',
    });
  }
}

/** The folder with `postgres` and `initdb`: PG_BIN, else the newest Debian install. */
export function findPostgresBin(pgBin: string): string {
  const candidates = pgBin
    ? [pgBin]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => join('/usr/lib/postgresql', v, 'bin'))
      : [];
  const found = candidates.find(
    (dir) => existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb')),
  );
  if (!found) {
    throw new StackError('PostgreSQL server binaries not found', {
      component: 'postgres',
      hint: pgBin
        ? `PG_BIN=${pgBin} holds no postgres and initdb`
        : 'install them (Debian: apt-get install -y postgresql) or set PG_BIN to their folder',
    });
  }
  return found;
}

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When we are root (CI, containers) it runs as the
 * `postgres` system user that Debian's package creates; otherwise as ourselves.
 */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (!entry) {
    throw new StackError('PostgreSQL cannot run as root and there is no "postgres" user', {
      component: 'postgres',
      hint: 'create one (useradd --system postgres) or run the stack as a normal user',
    });
  }
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}
