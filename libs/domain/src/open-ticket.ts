import { withAttachments, withFilesNotAttached, type AttachmentRef, type FileNotAttached } from './attachments/attachment-ref.js';
import type { EarlierTicket } from './repeat-contact.js';
import { initialDueTimes, plannedTargetsOf, type PlannedSlaTargets, type SlaTargets } from './sla-clock.js';
import type { NewTicketEvent, TakenInBy } from './ticket-events.js';
import type { Actor } from './ticket.js';
import type { Channel, CustomerTier, Priority, TicketKind } from './vocabulary.js';

export interface OpenTicketInput {
  code: string;
  subject: string;
  channel: Channel;
  kind: TicketKind;
  priority: Priority;
  tier: CustomerTier;
  openedBy: Actor;
  repeatOf: EarlierTicket | null;
  now: Date;
  /** Files attached on the new-issue form, already uploaded and checked. */
  attachments?: AttachmentRef[];
  /** Opened by a mail whose sender check failed: the address it names may not have written it. */
  unverifiedSender?: boolean;
  /** Files of the opening mail that were refused. */
  filesNotAttached?: FileNotAttached[];
  /** The opening mail was held back, and this supervisor took it in. */
  takenInBy?: TakenInBy;
}

export interface OpenedTicket {
  status: 'new';
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  /** What the due times were planned with, kept with the ticket for every later re-plan. */
  plannedTargets: PlannedSlaTargets;
  repeatOfTicketId: string | null;
  /** A repeat contact is offered to the owner of the earlier ticket. */
  offeredToId: string | null;
  events: NewTicketEvent[];
  /** Appended to the earlier ticket so its own history shows the customer came back. */
  repeatOriginEvent: NewTicketEvent | null;
}

/** A new ticket has no owner and waits in its team's queue. */
export function openTicket(input: OpenTicketInput, sla: SlaTargets, newTicketId: string): OpenedTicket {
  const due = initialDueTimes(input.kind, sla, input.now);
  const repeatOf = input.repeatOf;
  return {
    status: 'new',
    ...due,
    plannedTargets: plannedTargetsOf(sla),
    repeatOfTicketId: repeatOf?.id ?? null,
    offeredToId: repeatOf?.ownerId ?? null,
    events: [
      {
        type: 'created',
        visibility: 'public',
        actor: input.openedBy,
        payload: {
          code: input.code,
          subject: input.subject,
          channel: input.channel,
          kind: input.kind,
          priority: input.priority,
          tier: input.tier,
          repeatOfTicketId: repeatOf?.id ?? null,
          ...withAttachments(input.attachments),
          ...(input.unverifiedSender ? { unverified: true } : {}),
          ...withFilesNotAttached(input.filesNotAttached),
          ...(input.takenInBy ? { takenInBy: input.takenInBy } : {}),
        },
      },
    ],
    repeatOriginEvent: repeatOf
      ? { type: 'repeat_contact', visibility: 'internal', actor: input.openedBy, payload: { ticketId: newTicketId, code: input.code } }
      : null,
  };
}
