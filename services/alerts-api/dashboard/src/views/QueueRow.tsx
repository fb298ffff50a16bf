import { useEffect, useRef } from 'preact/hooks';
import type { AlertSummary } from '../api/types.js';
import { formatAge, formatMoney, formatScore } from '../format.js';
import { ScoreBadge } from './ScoreBadge.js';
import { StatusChip } from './StatusChip.js';

export function QueueRow(props: {
  alert: AlertSummary;
  selected: boolean;
  live: boolean;
  onSelect: () => void;
}) {
  const { alert } = props;
  const ref = useRef<HTMLLIElement>(null);

  // Keyboard navigation moves the selection; keep it in view.
  useEffect(() => {
    if (props.selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);

  return (
    <li
      ref={ref}
      class={`row${props.selected ? ' is-selected' : ''}${props.live ? ' row--live' : ''}`}
      data-alert-id={alert.alertId}
      data-card-id={alert.cardId}
      data-status={alert.status}
      aria-selected={props.selected}
      onClick={props.onSelect}
    >
      <ScoreBadge score={alert.score} />
      <div class="row__main">
        <div class="row__line">
          <strong class="row__amount">{formatMoney(alert.amountMinor, alert.currency)}</strong>
          <span class="row__card">•••• {alert.cardLast4}</span>
          <span class="row__meta">
            {alert.country} · {alert.channel}
            {alert.mcc ? ` · MCC ${alert.mcc}` : ''}
          </span>
        </div>
        <div class="row__line row__line--sub">
          <StatusChip status={alert.status} resolution={alert.resolution} />
          {alert.assignee && <span class="row__assignee">@{alert.assignee}</span>}
          <span class="row__reason" title="top reason">
            {alert.reasons[0]?.code.replaceAll('_', ' ') ?? ''}
          </span>
          <time class="row__age" dateTime={new Date(alert.eventTime).toISOString()}>
            {formatAge(alert.eventTime)}
          </time>
        </div>
      </div>
      <span class="visually-hidden">score {formatScore(alert.score)}</span>
    </li>
  );
}
