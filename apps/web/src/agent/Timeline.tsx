import type { TicketEventView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { eventBody, eventLabel } from '../shared/i18n/event-label.js';

/** The whole timeline, public and internal, oldest first. */
export function Timeline({ events }: { events: readonly TicketEventView[] }) {
  const { t, dateTime } = useI18n();
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => {
        const body = eventBody(event);
        return (
          <li key={event.seq} className={`event event-${event.visibility} event-by-${event.actor.type}`} data-seq={event.seq} data-type={event.type}>
            <div className="event-head">
              <strong>{event.actor.type === 'system' ? t('event.system') : event.actor.name}</strong>
              <span>{eventLabel(event, t)}</span>
              {event.visibility === 'internal' && event.type !== 'internal_note_added' && <span className="badge badge-warn">{t('event.internal')}</span>}
              <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>
            </div>
            {body && <p className="event-body">{body}</p>}
          </li>
        );
      })}
    </ol>
  );
}
