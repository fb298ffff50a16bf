import type { Reason } from '../api/types.js';
import { formatNumber, humanize } from '../format.js';

/** The model's whole input for this payment; the features named as reasons stand out. */
export function FeatureTable(props: {
  features: Record<string, number>;
  reasons: readonly Reason[];
}) {
  const names = Object.keys(props.features).sort();
  if (names.length === 0) return <p class="muted">No features recorded.</p>;
  const reasonCodes = new Set(props.reasons.map((r) => r.code));
  return (
    <table class="table table--compact" data-testid="features">
      <tbody>
        {names.map((name) => (
          <tr key={name} class={reasonCodes.has(name) ? 'is-reason' : ''}>
            <th scope="row">{humanize(name)}</th>
            <td class="num">{formatNumber(props.features[name] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
