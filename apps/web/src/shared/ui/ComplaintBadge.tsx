import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../i18n/i18n.js';

type ComplaintFields = Pick<TicketView, 'kind' | 'status' | 'sla'>;

/**
 * A complaint stands out wherever it is listed: its own marker with its 24-hour resolution clock
 * (left or over), or the marker alone once it no longer runs.
 */
export function ComplaintBadge({ ticket, now }: { ticket: ComplaintFields; now: number }) {
  const { t, duration } = useI18n();
  if (ticket.kind !== 'complaint') return null;
  const running = ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending_customer';
  const due = running && ticket.sla.resolutionDueAt ? Date.parse(ticket.sla.resolutionDueAt) : null;
  const text = due === null ? t('complaint.marker') : due >= now ? t('complaint.left', { time: duration(due - now) }) : t('complaint.overdue', { time: duration(now - due) });
  return (
    <span className="badge badge-complaint" data-testid="complaint-marker" data-overdue={due !== null && due < now ? 'true' : undefined}>
      {text}
    </span>
  );
}
