import type { Channel, CustomerTimelineEntry, TicketStatus } from '@firsthand/domain';
import type { Csat } from './tickets.js';

/** The stage of the live service map a customer sees. */
export type TrackStage = 'submitted' | 'in_progress' | 'waiting_for_you' | 'resolved' | 'closed';

/** Who looks after the ticket and when the customer hears next. */
export interface TrackPromise {
  ownerName: string | null;
  nextUpdateDueAt: string | null;
  resolutionDueAt: string | null;
}

/** `GET /api/track/:code` and the customer's actions: no agent ids, no internal events. */
export interface TrackView {
  code: string;
  subject: string;
  /** What the customer wrote when they opened the issue. */
  description: string;
  status: TicketStatus;
  stage: TrackStage;
  channel: Channel;
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  promise: TrackPromise;
  canReopenUntil: string | null;
  feedback: Csat | null;
  /** Whether the rating form is offered: finished, not yet rated, and not closed as spam. */
  rateable: boolean;
  lastSeq: number;
  timeline: CustomerTimelineEntry[];
  /** The bot's answer (issue 16): the article as sent (sanitised HTML), and whether it still waits for "This solved it" / "I need a person". */
  automaticAnswer: TrackAutomaticAnswer | null;
}

export interface TrackAutomaticAnswer {
  title: string;
  html: string;
  locale: 'en' | 'zh-CN';
  awaitingChoice: boolean;
}
