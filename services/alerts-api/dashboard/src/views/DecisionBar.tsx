import type { AlertDetail, Resolution } from '../api/types.js';
import type { DetailStore } from '../state/detail-store.js';
import { canDecide } from '../state/transitions.js';

/** The analyst's actions on the shown alert; only those the workflow allows are enabled. */
export function DecisionBar(props: {
  alert: AlertDetail;
  detail: DetailStore;
  onResolve: (resolution: Resolution) => void;
}) {
  const { status } = props.alert;
  const busy = props.detail.pending.value !== null;
  const allowed = (d: Parameters<typeof canDecide>[1]) => !busy && canDecide(status, d);
  return (
    <div class="decisions" role="toolbar" aria-label="Decisions">
      <button
        type="button"
        class="button"
        disabled={!allowed('acknowledge')}
        onClick={() => void props.detail.acknowledge()}
      >
        Acknowledge <kbd>a</kbd>
      </button>
      <button
        type="button"
        class="button"
        disabled={!allowed('assign')}
        onClick={() => void props.detail.assignToMe()}
      >
        Assign to me <kbd>m</kbd>
      </button>
      <span class="decisions__spacer" />
      <button
        type="button"
        class="button button--danger"
        disabled={!allowed('resolve')}
        onClick={() => props.onResolve('confirmed_fraud')}
      >
        Fraud <kbd>f</kbd>
      </button>
      <button
        type="button"
        class="button button--ok"
        disabled={!allowed('resolve')}
        onClick={() => props.onResolve('false_positive')}
      >
        Legit <kbd>l</kbd>
      </button>
      {busy && <span class="muted">saving…</span>}
    </div>
  );
}
