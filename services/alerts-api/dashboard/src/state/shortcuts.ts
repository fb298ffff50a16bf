export type ShortcutAction =
  'next' | 'previous' | 'acknowledge' | 'assign' | 'fraud' | 'legit' | 'help' | 'close';

export interface Shortcut {
  keys: readonly string[];
  action: ShortcutAction;
  description: string;
  /** Only analysts may decide; viewers get the navigation keys only. */
  decides: boolean;
}

/** Triage from the keyboard; the help overlay (?) lists this table. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j', 'ArrowDown'], action: 'next', description: 'next alert', decides: false },
  { keys: ['k', 'ArrowUp'], action: 'previous', description: 'previous alert', decides: false },
  { keys: ['a'], action: 'acknowledge', description: 'acknowledge', decides: true },
  { keys: ['m'], action: 'assign', description: 'assign to me', decides: true },
  { keys: ['f'], action: 'fraud', description: 'resolve as confirmed fraud…', decides: true },
  {
    keys: ['l'],
    action: 'legit',
    description: 'resolve as legitimate (false positive)…',
    decides: true,
  },
  { keys: ['?'], action: 'help', description: 'show or hide this help', decides: false },
  { keys: ['Escape'], action: 'close', description: 'close a dialog or this help', decides: false },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focus is in a text field: letters are typing, not commands. */
  inTextField: boolean;
}

/** The action a key press triggers, if any. */
export function shortcutFor(press: KeyPress, canDecide: boolean): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.inTextField && press.key !== 'Escape') return null;
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(press.key));
  if (!shortcut || (shortcut.decides && !canDecide)) return null;
  return shortcut.action;
}
