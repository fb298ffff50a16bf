import { signal } from '@preact/signals';
import { parseStoredSession, type Session } from './stored-session.js';

export type { Session } from './stored-session.js';

const STORAGE_KEY = 'fraud-dashboard.session';

/** The logged-in user, or null; the app shows the login form while it is null. */
export const session = signal<Session | null>(
  parseStoredSession(sessionStorage.getItem(STORAGE_KEY), Date.now()),
);

export function signIn(next: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  session.value = next;
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  session.value = null;
}
