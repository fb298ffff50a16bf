import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { openAlertStream } from '../api/alert-stream.js';
import { createApiClient } from '../api/client.js';
import type { Resolution } from '../api/types.js';
import { createDetailStore } from '../state/detail-store.js';
import { showNotice } from '../state/notice.js';
import { createQueueStore } from '../state/queue-store.js';
import { signOut, type Session } from '../state/session.js';
import { DetailPanel } from './DetailPanel.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { QueuePanel } from './QueuePanel.js';
import { ResolveDialog } from './ResolveDialog.js';
import { StatsStrip } from './StatsStrip.js';
import { useTriageKeys } from './use-triage-keys.js';

const ALERT_HASH = /^#\/alerts\/([\w-]+)$/;

/** The logged-in screen: stats, the live queue and the selected alert, driven by keys too. */
export function Dashboard({ session }: { session: Session }) {
  const { api, queue, detail } = useMemo(() => {
    const api = createApiClient({
      getToken: () => session.token,
      onUnauthorized: () => {
        signOut();
        showNotice('error', 'Your session has ended; please sign in again.');
      },
    });
    const queue = createQueueStore(api);
    const detail = createDetailStore(api, queue, () => session.username);
    return { api, queue, detail };
  }, [session]);
  const analyst = session.role === 'analyst';
  const helpOpen = useSignal(false);
  const resolving = useSignal<Resolution | null>(null);

  useEffect(() => {
    const fromHash = ALERT_HASH.exec(location.hash)?.[1];
    if (fromHash) queue.select(fromHash);
    void queue.reload();
    const closeStream = openAlertStream(api.streamUrl, {
      onAlert: (alert) => queue.applyLive(alert, true),
      onUpdate: (alert) => {
        queue.applyLive(alert);
        detail.refreshIfShown(alert);
      },
      onState: (state) => (queue.streamState.value = state),
      onResync: () => void queue.reload(),
    });
    // The token's end is known: sign out then rather than on the next failing call.
    const expiry = setTimeout(signOut, Math.max(0, session.expiresAt - Date.now()));
    return () => {
      closeStream();
      clearTimeout(expiry);
      detail.dispose();
    };
  }, [api, queue, detail, session]);

  // Keep the selected alert in the address, so a link or a reload opens it again.
  useEffect(
    () =>
      queue.selectedId.subscribe((id) => {
        const hash = id ? `#/alerts/${id}` : '';
        if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
      }),
    [queue],
  );

  useTriageKeys({ queue, detail, analyst, helpOpen, resolving });

  return (
    <div class="shell">
      <Header session={session} queue={queue} onHelp={() => (helpOpen.value = true)} />
      <StatsStrip api={api} />
      <div class="workspace">
        <QueuePanel queue={queue} />
        <DetailPanel
          detail={detail}
          queue={queue}
          analyst={analyst}
          onResolve={(resolution) => (resolving.value = resolution)}
        />
      </div>
      {helpOpen.value && <HelpOverlay analyst={analyst} onClose={() => (helpOpen.value = false)} />}
      {resolving.value && (
        <ResolveDialog
          initial={resolving.value}
          detail={detail}
          onClose={() => (resolving.value = null)}
        />
      )}
    </div>
  );
}
