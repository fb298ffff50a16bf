import type { CardPayment } from '../api/types.js';
import { formatMoney, formatTime } from '../format.js';
import { ScoreBadge } from './ScoreBadge.js';

/** The card's latest scored payments around the alerted one: the pattern analysts look for. */
export function RecentPayments(props: { payments: readonly CardPayment[]; current: string }) {
  if (props.payments.length === 0) return <p class="muted">No other payments of this card yet.</p>;
  return (
    <div class="table-scroll">
      <table class="table" data-testid="recent-payments">
        <thead>
          <tr>
            <th>Time</th>
            <th class="num">Amount</th>
            <th>Country</th>
            <th>MCC</th>
            <th>Merchant</th>
            <th>Score</th>
            <th>Model</th>
          </tr>
        </thead>
        <tbody>
          {props.payments.map((p) => (
            <tr key={p.paymentId} class={p.paymentId === props.current ? 'is-current' : ''}>
              <td>{formatTime(p.eventTime)}</td>
              <td class="num">{formatMoney(p.amountMinor, p.currency)}</td>
              <td>{p.country}</td>
              <td>{p.mcc ?? '—'}</td>
              <td class="mono" title={p.merchantId}>
                {p.merchantId.slice(0, 8)}
              </td>
              <td>
                <ScoreBadge score={p.score} />
              </td>
              <td>{p.decision}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
