import type { AuditEntry } from '../api/types.js';
import { formatTime } from '../format.js';

const VERB: Record<AuditEntry['action'], string> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  resolve: 'resolved',
};

function what(entry: AuditEntry): string {
  if (entry.action === 'assign' && entry.assignee) return `assigned to @${entry.assignee}`;
  if (entry.action === 'resolve' && entry.resolution) {
    return `resolved as ${entry.resolution === 'confirmed_fraud' ? 'confirmed fraud' : 'false positive'}`;
  }
  return VERB[entry.action];
}

/** Who did what when; once resolved, also when the label went out for retraining. */
export function AuditLog(props: {
  entries: readonly AuditEntry[];
  labelPublishedAt: string | null;
}) {
  if (props.entries.length === 0) return <p class="muted">No decisions yet.</p>;
  return (
    <ol class="audit" data-testid="audit-log">
      {props.entries.map((e, i) => (
        <li key={`${e.at}-${i}`} class="audit__entry">
          <div class="audit__line">
            <strong>{e.actor}</strong> {what(e)}
            <time class="audit__time" dateTime={e.at}>
              {formatTime(e.at)}
            </time>
          </div>
          {e.comment && <p class="audit__comment">“{e.comment}”</p>}
        </li>
      ))}
      {props.labelPublishedAt && (
        <li class="audit__entry audit__entry--system">
          <div class="audit__line muted">
            label published for retraining
            <time class="audit__time" dateTime={props.labelPublishedAt}>
              {formatTime(props.labelPublishedAt)}
            </time>
          </div>
        </li>
      )}
    </ol>
  );
}
