import { notice } from '../state/notice.js';

export function NoticeBar() {
  const current = notice.value;
  if (!current) return null;
  return (
    <div
      class={`notice notice--${current.kind}`}
      role={current.kind === 'error' ? 'alert' : 'status'}
    >
      {current.text}
      <button
        class="notice__close"
        type="button"
        aria-label="Dismiss"
        onClick={() => (notice.value = null)}
      >
        ×
      </button>
    </div>
  );
}
