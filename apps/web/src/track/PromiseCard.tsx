import type { TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';

/** The promise: who owns the issue, and when the customer hears next. */
export function PromiseCard({ view }: { view: TrackView }) {
  const { t, dateTime } = useI18n();
  const { ownerName, nextUpdateDueAt, resolutionDueAt } = view.promise;
  const lines: string[] = [];
  if (view.status === 'resolved' || view.status === 'closed') {
    if (view.resolvedAt) lines.push(t('track.promise.resolved', { time: dateTime(view.resolvedAt) }));
  } else {
    // While the bot's answer waits for the customer's choice, the ticket is in no agent's queue yet.
    if (view.automaticAnswer?.awaitingChoice) lines.push(t('track.promise.automatic'));
    else lines.push(ownerName ? t('track.promise.owner', { name: ownerName }) : t('track.promise.noOwner'));
    if (view.status === 'pending_customer') lines.push(t('track.promise.waiting'));
    else if (nextUpdateDueAt) lines.push(t(view.status === 'new' ? 'track.promise.firstReply' : 'track.promise.nextUpdate', { time: dateTime(nextUpdateDueAt) }));
    if (resolutionDueAt) lines.push(t('track.promise.resolution', { time: dateTime(resolutionDueAt) }));
  }
  return (
    <div className="promise" data-testid="promise" aria-live="polite">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {view.resolution && <p className="resolution">{view.resolution}</p>}
    </div>
  );
}
