import { formatScore } from '../format.js';

/** Score bands for colour only; the alert threshold itself is the topology's. */
const band = (score: number) => (score >= 0.9 ? 'high' : score >= 0.7 ? 'mid' : 'low');

export function ScoreBadge({ score, large = false }: { score: number; large?: boolean }) {
  return (
    <span class={`score score--${band(score)}${large ? ' score--large' : ''}`} title="model score">
      {formatScore(score)}
    </span>
  );
}
