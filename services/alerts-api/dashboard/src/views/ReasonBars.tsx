import type { Reason } from '../api/types.js';
import { formatNumber, humanize } from '../format.js';

/** The reason codes as bars: length is the feature's contribution to the score. */
export function ReasonBars({ reasons }: { reasons: readonly Reason[] }) {
  if (reasons.length === 0) return <p class="muted">The model gave no reasons.</p>;
  const largest = Math.max(...reasons.map((r) => r.contribution), 1e-9);
  return (
    <ul class="reasons" data-testid="reasons">
      {reasons.map((r) => (
        <li key={r.code} class="reasons__item">
          <div class="reasons__label">
            <span class="reasons__code">{humanize(r.code)}</span>
            <span class="muted">= {formatNumber(r.value)}</span>
          </div>
          <div class="reasons__track" title={`contribution ${r.contribution.toFixed(3)}`}>
            <div
              class="reasons__bar"
              style={{ width: `${Math.max(0, (r.contribution / largest) * 100).toFixed(1)}%` }}
            />
            <span class="reasons__value">+{r.contribution.toFixed(3)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
