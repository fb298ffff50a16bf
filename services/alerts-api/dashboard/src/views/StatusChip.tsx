import type { AlertStatus, Resolution } from '../api/types.js';

const RESOLUTION: Record<Resolution, string> = {
  confirmed_fraud: 'fraud',
  false_positive: 'legit',
};

export function StatusChip(props: { status: AlertStatus; resolution: Resolution | null }) {
  const label =
    props.status === 'resolved' && props.resolution
      ? `resolved · ${RESOLUTION[props.resolution]}`
      : props.status;
  const tone = props.status === 'resolved' ? (props.resolution ?? 'resolved') : props.status;
  return (
    <span class={`chip chip--${tone}`} data-testid="status-chip">
      {label}
    </span>
  );
}
