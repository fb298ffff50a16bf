import { signal } from '@preact/signals';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** The one message line at the bottom of the screen; it clears itself after a while. */
export const notice = signal<Notice | null>(null);

let timer: ReturnType<typeof setTimeout> | undefined;

export function showNotice(kind: Notice['kind'], text: string): void {
  clearTimeout(timer);
  notice.value = { kind, text };
  timer = setTimeout(() => (notice.value = null), kind === 'error' ? 8000 : 4000);
}
