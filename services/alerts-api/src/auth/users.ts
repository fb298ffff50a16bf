import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { ConfigError } from '@fraud/common';

export const ROLES = ['analyst', 'viewer'] as const;
/** analyst: read and decide; viewer: read only. */
export type Role = (typeof ROLES)[number];

export interface UserEntry {
  username: string;
  password: string;
  role: Role;
}

export interface User {
  username: string;
  role: Role;
}

/** Checks a login; answers in the same time whether the user exists or not. */
export interface UserDirectory {
  verify(username: string, password: string): Promise<User | undefined>;
}

/** `user:password:role,...` (ALERTS_USERS) into entries; duplicate names are a config error. */
export function parseUsers(spec: string): UserEntry[] {
  const entries = spec.split(',').map((item) => {
    const [username = '', password = '', role = ''] = item.split(':');
    if (!username || !password || !(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError([
        {
          variable: 'ALERTS_USERS',
          message: `entry "${username || '?'}" must be user:password:(${ROLES.join('|')})`,
          value: undefined,
        },
      ]);
    }
    return { username, password, role: role as Role };
  });
  const names = new Set<string>();
  for (const { username } of entries) {
    if (names.has(username)) {
      throw new ConfigError([
        { variable: 'ALERTS_USERS', message: `user ${username} is listed twice`, value: undefined },
      ]);
    }
    names.add(username);
  }
  return entries;
}

const KEY_LENGTH = 32;

const derive = (password: BinaryLike, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key))),
  );

/**
 * Keeps only scrypt hashes of the configured passwords (computed at start-up, random salts), so
 * the plain passwords do not live on in memory structures; comparisons are constant-time, and an
 * unknown user costs the same scrypt as a known one so timing does not reveal user names.
 */
export async function createUserDirectory(entries: readonly UserEntry[]): Promise<UserDirectory> {
  const users = new Map<string, { role: Role; salt: Buffer; hash: Buffer }>();
  for (const { username, password, role } of entries) {
    const salt = randomBytes(16);
    users.set(username, { role, salt, hash: await derive(password, salt) });
  }
  const decoy = { salt: randomBytes(16), hash: randomBytes(KEY_LENGTH) };

  return {
    async verify(username, password) {
      const user = users.get(username);
      const { salt, hash } = user ?? decoy;
      const candidate = await derive(password, salt);
      const matches = timingSafeEqual(candidate, hash);
      return user && matches ? { username, role: user.role } : undefined;
    },
  };
}
