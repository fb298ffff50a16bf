import type { AlertDetail } from '../api/types.js';
import { formatMoney, formatTime } from '../format.js';

const short = (id: string) => id.slice(0, 8);

export function PaymentFacts(props: { alert: AlertDetail; onShowCard: () => void }) {
  const a = props.alert;
  const latency = Date.parse(a.processedAt) - Date.parse(a.eventTime);
  return (
    <dl class="facts">
      <dt>Payment</dt>
      <dd title={a.paymentId} class="mono">
        {short(a.paymentId)}
      </dd>
      <dt>Time</dt>
      <dd>{formatTime(a.eventTime)}</dd>
      <dt>Amount (EUR)</dt>
      <dd>{formatMoney(Math.round(a.amountEur * 100), 'EUR')}</dd>
      <dt>Channel</dt>
      <dd>{a.channel}</dd>
      <dt>Country</dt>
      <dd>{a.country}</dd>
      <dt>Merchant</dt>
      <dd title={a.merchantId} class="mono">
        {short(a.merchantId)}
        {a.mcc ? ` · MCC ${a.mcc}` : ''}
      </dd>
      <dt>Card</dt>
      <dd>
        <button type="button" class="link mono" title={a.cardId} onClick={props.onShowCard}>
          {short(a.cardId)} · all its alerts
        </button>
      </dd>
      <dt>Account</dt>
      <dd title={a.accountId} class="mono">
        {short(a.accountId)}
      </dd>
      <dt>Scored</dt>
      <dd>
        {latency >= 0
          ? `${latency.toLocaleString('en')} ms after commit`
          : formatTime(a.processedAt)}{' '}
        <span class="muted">· model {a.modelVersion}</span>
      </dd>
    </dl>
  );
}
