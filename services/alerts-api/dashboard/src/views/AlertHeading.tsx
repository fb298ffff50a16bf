import type { AlertDetail } from '../api/types.js';
import { formatMoney, formatTime } from '../format.js';
import { ScoreBadge } from './ScoreBadge.js';
import { StatusChip } from './StatusChip.js';

export function AlertHeading({ alert }: { alert: AlertDetail }) {
  return (
    <div class="heading">
      <ScoreBadge score={alert.score} large />
      <div class="heading__main">
        <h2 class="heading__title">
          {formatMoney(alert.amountMinor, alert.currency)}
          <span class="heading__card">card •••• {alert.cardLast4}</span>
        </h2>
        <div class="heading__sub">
          <StatusChip status={alert.status} resolution={alert.resolution} />
          <span class={`decision decision--${alert.decision}`}>model: {alert.decision}</span>
          {alert.assignee && <span>assigned to @{alert.assignee}</span>}
          <span class="muted">{formatTime(alert.eventTime)}</span>
        </div>
      </div>
    </div>
  );
}
