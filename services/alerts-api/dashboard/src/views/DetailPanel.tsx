import type { Resolution } from '../api/types.js';
import type { DetailStore } from '../state/detail-store.js';
import type { QueueStore } from '../state/queue-store.js';
import { AuditLog } from './AuditLog.js';
import { DecisionBar } from './DecisionBar.js';
import { FeatureTable } from './FeatureTable.js';
import { PaymentFacts } from './PaymentFacts.js';
import { ReasonBars } from './ReasonBars.js';
import { RecentPayments } from './RecentPayments.js';
import { AlertHeading } from './AlertHeading.js';

/** Everything about the selected alert, with the decisions an analyst can take on it. */
export function DetailPanel(props: {
  detail: DetailStore;
  queue: QueueStore;
  analyst: boolean;
  onResolve: (resolution: Resolution) => void;
}) {
  const alert = props.detail.detail.value;
  const error = props.detail.error.value;
  if (!alert) {
    return (
      <section class="detail detail--empty" aria-label="Alert detail">
        {error ? (
          <p class="error-text">{error}</p>
        ) : props.queue.selectedId.value ? (
          <p class="muted">Loading…</p>
        ) : (
          <p class="muted">
            Select an alert, or press <kbd>j</kbd> to start at the newest.
          </p>
        )}
      </section>
    );
  }
  const showCard = () =>
    props.queue.setFilter({ ...props.queue.filter.value, cardId: alert.cardId, status: 'all' });
  return (
    <section
      class="detail"
      aria-label="Alert detail"
      data-testid="alert-detail"
      data-alert-id={alert.alertId}
    >
      <AlertHeading alert={alert} />
      {props.analyst && (
        <DecisionBar alert={alert} detail={props.detail} onResolve={props.onResolve} />
      )}
      <div class="detail__grid">
        <div class="panel">
          <h3 class="panel__title">Why it was flagged</h3>
          <ReasonBars reasons={alert.reasons} />
        </div>
        <div class="panel">
          <h3 class="panel__title">Payment</h3>
          <PaymentFacts alert={alert} onShowCard={showCard} />
        </div>
        <div class="panel panel--wide">
          <h3 class="panel__title">Card's recent payments</h3>
          <RecentPayments payments={alert.recentPayments} current={alert.paymentId} />
        </div>
        <div class="panel">
          <h3 class="panel__title">Features</h3>
          <FeatureTable features={alert.features} reasons={alert.reasons} />
        </div>
        <div class="panel">
          <h3 class="panel__title">Audit log</h3>
          <AuditLog entries={alert.audit} labelPublishedAt={alert.labelPublishedAt} />
        </div>
      </div>
    </section>
  );
}
