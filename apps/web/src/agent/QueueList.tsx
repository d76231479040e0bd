import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { useNow } from '../shared/time/use-now.js';
import { SlaBadge } from './SlaBadge.js';
import { TierBadge } from './TierBadge.js';
import { ComplaintBadge } from '../shared/ui/ComplaintBadge.js';

export interface QueueListProps {
  tickets: readonly TicketView[];
  emptyText: string;
  selectedIndex: number;
  openTicketId: string | null;
  onOpen(ticket: TicketView): void;
  /** Only the team queue offers a claim button. */
  onClaim?(ticket: TicketView): void;
  meId: string;
  testId: string;
}

/** Tickets, most urgent first, each with its live SLA badge; the selected row follows the keyboard shortcuts. */
export function QueueList({ tickets, emptyText, selectedIndex, openTicketId, onOpen, onClaim, meId, testId }: QueueListProps) {
  const { t } = useI18n();
  const now = useNow(1000);
  if (tickets.length === 0) return <p className="muted empty">{emptyText}</p>;
  return (
    <ul className="queue-list" data-testid={testId}>
      {tickets.map((ticket, index) => (
        <li
          key={ticket.id}
          className={`queue-row${index === selectedIndex ? ' selected' : ''}${ticket.id === openTicketId ? ' open' : ''}`}
          data-ticket-code={ticket.code}
          data-kind={ticket.kind}
          data-selected={index === selectedIndex || undefined}
        >
          <a
            href={`/agent/tickets/${ticket.id}`}
            className="queue-open"
            data-queue-index={index}
            aria-current={ticket.id === openTicketId ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              onOpen(ticket);
            }}
          >
            <span className="code">{ticket.code}</span>
            <span className="subject">{ticket.subject}</span>
          </a>
          <div className="queue-meta">
            <ComplaintBadge ticket={ticket} now={now} />
            <SlaBadge ticket={ticket} now={now} />
            {ticket.offeredTo?.id === meId && <span className="badge badge-warn">{t('agent.offeredToYou')}</span>}
            <TierBadge tier={ticket.tier} />
            <span className="badge badge-neutral">{t(`priority.${ticket.priority}`)}</span>
            <span className="muted">{ticket.customer.name}</span>
          </div>
          {onClaim && (
            <button type="button" className="primary claim" aria-label={t('agent.claimFromQueue', { code: ticket.code })} onClick={() => onClaim(ticket)}>
              {t('agent.claim')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
