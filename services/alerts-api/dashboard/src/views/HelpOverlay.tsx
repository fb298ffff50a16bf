import { SHORTCUTS } from '../state/shortcuts.js';

const KEY_LABEL: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

export function HelpOverlay(props: { analyst: boolean; onClose: () => void }) {
  const shown = SHORTCUTS.filter((s) => props.analyst || !s.decides);
  return (
    <div class="overlay" onClick={props.onClose}>
      <section
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table class="shortcuts">
          <tbody>
            {shown.map((s) => (
              <tr key={s.action}>
                <td>
                  {s.keys.map((k) => (
                    <kbd key={k}>{KEY_LABEL[k] ?? k}</kbd>
                  ))}
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!props.analyst && (
          <p class="muted">Viewers can browse alerts; decisions need an analyst.</p>
        )}
        <div class="dialog__actions">
          <button class="button" type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      </section>
    </div>
  );
}
