import { useEffect, useRef, useState } from 'preact/hooks';
import type { Resolution } from '../api/types.js';
import type { DetailStore } from '../state/detail-store.js';

const CHOICES: { value: Resolution; label: string; hint: string }[] = [
  { value: 'confirmed_fraud', label: 'Confirmed fraud', hint: 'the cardholder did not make it' },
  { value: 'false_positive', label: 'Legitimate', hint: 'a false positive of the model' },
];

/** Resolving asks for the outcome and an optional comment; both go to the audit log. */
export function ResolveDialog(props: {
  initial: Resolution;
  detail: DetailStore;
  onClose: () => void;
}) {
  const [resolution, setResolution] = useState<Resolution>(props.initial);
  const [comment, setComment] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textarea.current?.focus(), []);

  async function submit(event?: Event) {
    event?.preventDefault();
    props.onClose();
    await props.detail.resolve(resolution, comment.trim());
  }

  return (
    <div class="overlay" onClick={props.onClose}>
      <form
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="resolve-title"
        onClick={(e) => e.stopPropagation()}
        onSubmit={submit}
      >
        <h2 id="resolve-title">Resolve alert</h2>
        <fieldset class="choices">
          <legend class="visually-hidden">Outcome</legend>
          {CHOICES.map((c) => (
            <label
              key={c.value}
              class={`choice choice--${c.value}${resolution === c.value ? ' is-active' : ''}`}
            >
              <input
                type="radio"
                name="resolution"
                value={c.value}
                checked={resolution === c.value}
                onChange={() => setResolution(c.value)}
              />
              <span class="choice__label">{c.label}</span>
              <span class="choice__hint">{c.hint}</span>
            </label>
          ))}
        </fieldset>
        <label class="field">
          <span>Comment (optional)</span>
          <textarea
            ref={textarea}
            name="comment"
            rows={3}
            maxLength={1000}
            value={comment}
            placeholder="What did you check? e.g. cardholder confirmed by phone"
            onInput={(e) => setComment(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) void submit(e);
            }}
          />
        </label>
        <div class="dialog__actions">
          <span class="muted">Enter confirms · Shift+Enter: new line</span>
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            class={`button ${resolution === 'confirmed_fraud' ? 'button--danger' : 'button--ok'}`}
          >
            Resolve as {resolution === 'confirmed_fraud' ? 'fraud' : 'legit'}
          </button>
        </div>
      </form>
    </div>
  );
}
