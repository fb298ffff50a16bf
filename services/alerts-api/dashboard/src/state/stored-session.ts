import type { Role } from '../api/types.js';

/** Who is logged in. Kept in sessionStorage: survives a reload, ends with the tab. */
export interface Session {
  token: string;
  role: Role;
  username: string;
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
}

/** A stored session, if it is well-formed and not expired. */
export function parseStoredSession(text: string | null, now: number): Session | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Record<string, unknown>;
  if (
    typeof s.token !== 'string' ||
    (s.role !== 'analyst' && s.role !== 'viewer') ||
    typeof s.username !== 'string' ||
    typeof s.expiresAt !== 'number' ||
    s.expiresAt <= now
  )
    return null;
  return { token: s.token, role: s.role, username: s.username, expiresAt: s.expiresAt };
}
