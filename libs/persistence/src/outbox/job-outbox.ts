import type { CopiedPerson, SlaThreshold, Ticket } from '@firsthand/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { matchingIds, preparedQuery, preparedRows } from '../prepared-query.js';
import { TICKET_COLUMNS, toTicket, toTicketEvent, type TicketEventRow, type TicketRow } from '../tickets/ticket-row.mapper.js';
import type { StoredTicketEvent } from '../tickets/ticket-store.js';
import type { CustomerRecipient, EndpointRecipient } from '../notifications/notification-audience.js';
import { runRetriedTransaction } from '../retried-transaction.js';
import { MAIL_REFERENCES_LIMIT, MAIL_THREAD_COLUMNS, toMailThreadPlace, type MailThreadColumns, type MailThreadPlace } from '../email/mail-threads.js';
import { calendarChoiceOf, CHOSEN_CALENDAR_COLUMNS, CHOSEN_CALENDAR_JOINS, type CalendarChoice, type ChosenCalendarColumns } from '../calendars/sla-calendars.js';

export type AppliedThreshold = Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>;

/** A committed event as its handler needs it: the event, its ticket now, and the SLA thresholds already applied to the ticket. */
export interface CommittedEvent {
  event: StoredTicketEvent;
  ticket: Ticket | null;
  applied: AppliedThreshold[];
  /** Who its notifications may go to besides agents, read with it (see NotificationAudience for agents). */
  audience: { customer: CustomerRecipient | null; customerName: string; ownerName: string | null; endpoints: EndpointRecipient[] };
  /** The business calendar the ticket's thresholds fall in (SlaCalendars.chosen), read with it. */
  calendar: CalendarChoice;
  /** The time zone of the ticket's team's business calendar (null: no team, or a team without one): what its emails state times in. */
  teamZone: string | null;
  /** Where an email to the customer about it stands in the ticket's mail thread (null without a ticket). */
  mailThread: MailThreadPlace | null;
  /**
   * The events its transaction wrote on its ticket, itself among them, in seq order: what one action
   * did is told to the customer together (progress-notices `SameAction`). Read here, not taken from
   * the job: a job carries up to 20 events, and the events of one commit may fall in two. Their
   * payloads hold only what those rules read (`unverified`, `filesNotAttached`, `to`), not the
   * bodies. One transaction may be more than one action: the mail intake commits several mails
   * together, so two mails on one ticket share it (the rules pair a reopen with the reply right
   * after it, and the intake writes no agent events).
   */
  sameAction: StoredTicketEvent[];
  /** The people the customer copied (TicketCopiedPeople), read only for an agent's public event (what copies are made of); else empty. */
  copiedPeople: CopiedPerson[];
}

export interface DueEvent {
  eventId: string;
  handedOverBefore: boolean;
  /** The job it went in last time (null: never handed over, or handed over before job ids were recorded: its job id is the event's own). */
  jobId: string | null;
}

/** What the relay did with the events it was given: the ones found handled already (their rows go), and the job each other went in. */
export interface HandOverOutcome {
  handled: string[];
  handedTo: Array<{ eventId: string; jobId: string }>;
}

/** `json_agg` of the ticket's `sla_escalations` rows, for `appliedFrom`. */
export const APPLIED_THRESHOLDS = (ticketId: string) =>
  `(SELECT coalesce(json_agg(json_build_object('target', s.target, 'stage', s.stage, 'dueAt', s.due_at)), '[]') FROM sla_escalations s WHERE s.ticket_id = ${ticketId})`;

export const appliedFrom = (json: Array<{ target: AppliedThreshold['target']; stage: AppliedThreshold['stage']; dueAt: string }> | null): AppliedThreshold[] =>
  (json ?? []).map((a) => ({ target: a.target, stage: a.stage, dueAt: new Date(a.dueAt) }));

type EventRow = { [K in keyof TicketEventRow as `e_${K}`]: TicketEventRow[K] } & TicketRow & ChosenCalendarColumns & MailThreadColumns & {
  applied: Parameters<typeof appliedFrom>[0];
  customer: CustomerRecipient | null;
  owner_name: string | null;
  endpoints: EndpointRecipient[];
  team_zone: string | null;
  same_action: Array<Omit<TicketEventRow, 'created_at'> & { created_at: string }>;
  copied_people: CopiedPerson[] | null;
};

/** Read with the event, not by a statement of its own: an agent's reply is the notifications' busiest path. */
const COPIED_PEOPLE = `CASE WHEN e.visibility = 'public' AND e.actor_type = 'agent' THEN (SELECT json_agg(json_build_object('address', c.address, 'name', c.name) ORDER BY c.added_at, c.address)
  FROM ticket_copied_people c WHERE c.ticket_id = e.ticket_id) END`;

/** An action writes a few events (a macro at most four): its others lie this close to an event. */
const ACTION_SEQ_SPAN = 16;

/**
 * The event's siblings from its own transaction: the rows near it whose xmin (the inserting
 * transaction) is its own. A later action on the ticket, even in the same millisecond, has another.
 * Only an erasure rewrites events (a new xmin), and an erased customer is told nothing.
 */
const SAME_ACTION = `(SELECT json_agg(json_build_object('id', s.id::text, 'ticket_id', s.ticket_id, 'seq', s.seq, 'type', s.type, 'visibility', s.visibility,
    'actor_type', s.actor_type, 'actor_id', s.actor_id, 'actor_name', s.actor_name, 'created_at', s.created_at,
    'payload', json_strip_nulls(json_build_object('unverified', s.payload->'unverified', 'filesNotAttached', s.payload->'filesNotAttached', 'to', s.payload->'to'))) ORDER BY s.seq)
  FROM ticket_events s WHERE s.ticket_id = e.ticket_id AND s.seq BETWEEN e.seq - ${ACTION_SEQ_SPAN} AND e.seq + ${ACTION_SEQ_SPAN} AND s.xmin = e.xmin)`;

/**
 * Committed ticket events still owed to the worker. A row is handed to BullMQ (in a job of one or
 * several events, recorded on the row) and stays until the event was handled, so a job Redis lost
 * is handed over again; handing over a job that is still in Redis is a no-op there (its id is
 * derived from its events).
 */
@Injectable()
export class JobOutbox {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Takes rows never handed over, and rows handed over more than `againAfterMs` ago and still not
   * handled (oldest first; each kind read in index order), marks them handed over and gives them to
   * `handOver`, all in one transaction: it commits only when `handOver` returns (BullMQ took the
   * jobs), with the job each event went in recorded and the rows of events found handled already
   * gone. Returns how many rows it took.
   */
  async handOverDue(againAfterMs: number, limit: number, handOver: (due: DueEvent[]) => Promise<HandOverOutcome>): Promise<number> {
    return runRetriedTransaction(this.db, async (em) => {
      const rows = await preparedRows<{ event_id: string; hand_overs: number; job_id: string | null }>(
        em,
        `WITH fresh AS (
           SELECT event_id FROM job_outbox WHERE handed_over_at IS NULL ORDER BY event_id LIMIT $2 FOR UPDATE SKIP LOCKED),
         again AS (
           SELECT event_id FROM job_outbox WHERE handed_over_at < now() - make_interval(secs => $1::double precision / 1000)
           ORDER BY handed_over_at, event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE job_outbox o SET handed_over_at = now(), hand_overs = o.hand_overs + 1
         WHERE o.event_id IN (SELECT event_id FROM fresh UNION ALL SELECT event_id FROM again) RETURNING o.event_id, o.hand_overs, o.job_id`,
        [againAfterMs, limit],
      );
      const due = rows
        .map((r) => ({ eventId: String(r.event_id), handedOverBefore: r.hand_overs > 1, jobId: r.job_id }))
        .sort((a, b) => Number(a.eventId) - Number(b.eventId));
      if (due.length === 0) return 0;
      const { handled, handedTo } = await handOver(due);
      if (handled.length > 0) await preparedQuery(em, `DELETE FROM job_outbox WHERE event_id = ANY($1::bigint[])`, [handled]);
      if (handedTo.length > 0) {
        await preparedQuery(
          em,
          `UPDATE job_outbox o SET job_id = v.job_id FROM unnest($1::bigint[], $2::text[]) AS v(event_id, job_id) WHERE o.event_id = v.event_id`,
          [handedTo.map((h) => h.eventId), handedTo.map((h) => h.jobId)],
        );
      }
      return due.length;
    });
  }

  /** The committed events still there of `eventIds` (an event whose ticket was erased has `ticket: null`), oldest first. */
  async committedEvents(eventIds: readonly string[]): Promise<CommittedEvent[]> {
    if (eventIds.length === 0) return [];
    const ids = matchingIds(eventIds, 'bigint');
    const rows = await preparedRows<EventRow>(
      this.db.manager,
      `SELECT e.id AS e_id, e.ticket_id AS e_ticket_id, e.seq AS e_seq, e.type AS e_type, e.visibility AS e_visibility, e.actor_type AS e_actor_type,
         e.actor_id AS e_actor_id, e.actor_name AS e_actor_name, e.payload AS e_payload, e.created_at AS e_created_at,
         ${TICKET_COLUMNS}, ${APPLIED_THRESHOLDS('e.ticket_id')} AS applied,
         (SELECT json_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'locale', c.locale) FROM customers c WHERE c.id = t.customer_id) AS customer,
         (SELECT a.name FROM agents a WHERE a.id = t.owner_id) AS owner_name,
         (SELECT coalesce(json_agg(json_build_object('id', w.id, 'url', w.url, 'description', w.description) ORDER BY w.created_at, w.id), '[]')
           FROM webhook_endpoints w WHERE w.active) AS endpoints,
         (SELECT z.zone FROM business_calendars z WHERE z.id = sla_team.calendar_id) AS team_zone, ${SAME_ACTION} AS same_action, ${COPIED_PEOPLE} AS copied_people,
         ${CHOSEN_CALENDAR_COLUMNS}, ${MAIL_THREAD_COLUMNS(String(MAIL_REFERENCES_LIMIT), null)}
       FROM ticket_events e LEFT JOIN tickets t ON t.id = e.ticket_id
       LEFT JOIN sla_policies p ON p.priority = t.priority AND p.tier = t.tier
       ${CHOSEN_CALENDAR_JOINS}
       WHERE e.id ${ids.match} ORDER BY e.id`,
      [ids.param],
    );
    return rows.map((row) => {
      const event = toTicketEvent({
        id: String(row.e_id), ticket_id: row.e_ticket_id, seq: row.e_seq, type: row.e_type, visibility: row.e_visibility, actor_type: row.e_actor_type,
        actor_id: row.e_actor_id, actor_name: row.e_actor_name, payload: row.e_payload, created_at: row.e_created_at,
      });
      const sameAction = (row.same_action ?? []).map((s) => toTicketEvent({ ...s, created_at: new Date(s.created_at) }));
      return {
        event,
        sameAction: sameAction.length > 0 ? sameAction : [event],
        copiedPeople: row.copied_people ?? [],
        ticket: row.id ? toTicket(row) : null,
        applied: appliedFrom(row.applied),
        audience: { customer: row.customer, customerName: row.customer?.name ?? '', ownerName: row.owner_name, endpoints: row.endpoints },
        calendar: calendarChoiceOf(row),
        teamZone: row.team_zone,
        mailThread: row.id ? toMailThreadPlace(row.code, row) : null,
      };
    });
  }

  async markHandled(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const ids = matchingIds(eventIds, 'bigint');
    await preparedQuery(this.db.manager, `DELETE FROM job_outbox WHERE event_id ${ids.match}`, [ids.param]);
  }
}
