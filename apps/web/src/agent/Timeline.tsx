import type { InboundMailItem, TicketEventView } from '@firsthand/http-contracts';
import { AttachmentList, type AttachmentSource } from '../shared/attachments/AttachmentList.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { eventBody, eventLabel } from '../shared/i18n/event-label.js';
import { LinkedText } from '../shared/ui/LinkedText.js';
import { filesNotAttachedText } from '../shared/attachments/files-not-attached.js';
import { deliveryStateKey, type CustomerDelivery } from './customer-deliveries.js';
import { messageFacts } from './message-facts.js';

interface TimelineProps {
  events: readonly TicketEventView[];
  customerEmail: string | null;
  mails: readonly InboundMailItem[];
  /** What the customer was sent about each event (by seq), and how far it got. */
  deliveries: ReadonlyMap<number, readonly CustomerDelivery[]>;
  attachmentSource: AttachmentSource;
  onShowOriginal(mailId: string): void;
}

/** The whole timeline, public and internal, oldest first; email messages with their sender and original, files with each message. */
export function Timeline({ events, customerEmail, mails, deliveries, attachmentSource, onShowOriginal }: TimelineProps) {
  const { t, dateTime } = useI18n();
  const stateText = (d: CustomerDelivery) => t(deliveryStateKey(d), { time: d.at ? dateTime(d.at) : '', reason: d.reason ?? '' });
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => {
        const body = eventBody(event);
        const facts = messageFacts(event, customerEmail, mails);
        const { mail } = facts;
        return (
          <li key={event.seq} className={`event event-${event.visibility} event-by-${event.actor.type}`} data-seq={event.seq} data-type={event.type}>
            <div className="event-head">
              {/* A mail from someone other than the customer is headed by its sender, not in the customer's name. */}
              <strong>{facts.otherSender ?? (event.actor.type === 'system' ? t('event.system') : event.actor.name)}</strong>
              <span>{eventLabel(event, t)}</span>
              {facts.cameBy && (
                <span className="badge badge-neutral" data-testid={facts.cameBy === 'email' ? 'email-badge' : 'channel-badge'} data-channel={facts.cameBy}>
                  {t(`cameBy.${facts.cameBy}`)}
                </span>
              )}
              {facts.otherSender && (
                <span className="muted" data-testid="email-sender">
                  {t(facts.copiedPerson ? 'email.copiedByCustomer' : 'email.notTheCustomer', { name: event.actor.type === 'system' ? '' : event.actor.name })}
                </span>
              )}
              {event.visibility === 'internal' && event.type !== 'internal_note_added' && <span className="badge badge-warn">{t('event.internal')}</span>}
              <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>
            </div>
            {facts.takenInBy !== null && (
              <p className="muted" data-testid="taken-in-by">
                {t('email.takenInBy', { name: facts.takenInBy })}
              </p>
            )}
            {facts.unverified && (
              <p className="notice notice-warning" data-testid="unverified-sender">
                {t('email.unverified')}
              </p>
            )}
            {body && (
              <p className="event-body">
                <LinkedText text={body} />
              </p>
            )}
            <AttachmentList attachments={facts.attachments} source={attachmentSource} />
            {facts.filesNotAttached.length > 0 && (
              <p className="notice notice-warning" data-testid="refused-files">
                {t('email.filesRefused', { files: filesNotAttachedText(facts.filesNotAttached, t) ?? '' })}
              </p>
            )}
            {mail && (
              <button type="button" className="link" onClick={() => onShowOriginal(mail.id)}>
                {t('email.showOriginal')}
              </button>
            )}
            {deliveries.get(event.seq)?.map((d) => (
              <p key={d.id} className={`delivery delivery-${d.state}`} data-testid="customer-delivery" data-sent-by={d.channel} data-state={d.state}>
                {t('delivery.line', { channel: t(`delivery.channel.${d.channel}`), address: d.address, state: stateText(d) })}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
