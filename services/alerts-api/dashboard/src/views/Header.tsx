import type { StreamState } from '../api/alert-stream.js';
import type { QueueStore } from '../state/queue-store.js';
import { signOut, type Session } from '../state/session.js';

const STREAM_LABEL: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

export function Header(props: { session: Session; queue: QueueStore; onHelp: () => void }) {
  const state = props.queue.streamState.value;
  return (
    <header class="header">
      <div class="header__brand">
        <span class="brand-mark" aria-hidden="true" />
        Fraud alerts
      </div>
      <span class={`stream stream--${state}`} data-testid="stream-state" title="alert stream">
        <span class="stream__dot" aria-hidden="true" />
        {STREAM_LABEL[state]}
      </span>
      <div class="header__spacer" />
      <button
        class="button button--ghost"
        type="button"
        onClick={props.onHelp}
        title="Shortcuts (?)"
      >
        Shortcuts <kbd>?</kbd>
      </button>
      <span class="header__user" data-testid="current-user">
        {props.session.username}
        <span class={`role role--${props.session.role}`}>{props.session.role}</span>
      </span>
      <button class="button button--ghost" type="button" onClick={signOut}>
        Sign out
      </button>
    </header>
  );
}
