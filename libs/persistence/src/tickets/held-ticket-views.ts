import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { seesAllTickets, type ActingAgent } from '@firsthand/domain';
import type { TicketView } from '@firsthand/http-contracts';
import { AgentPrincipals } from '../people/agent-principals.js';
import type { TicketListFilter } from './ticket-read-model.js';

/** The channel the ticket-view triggers announce on (migration TicketViewNotices1763804300000). */
export const TICKET_VIEW_CHANGED_CHANNEL = 'firsthand_ticket_view_changed';

export interface TicketPage {
  items: TicketView[];
  nextCursor: { createdAt: string; id: string } | null;
}

const MAX_VIEWS = 20_000;
const MAX_PAGES = 2_000;
/** Tickets changed since everything was last forgotten; past it, everything is forgotten again. */
const MAX_CHANGED = 100_000;
/**
 * How long a page is held for an agent who does not see bot-held tickets: a hold ends when its
 * instant passes, which no write announces, so such a page is read again after this at the latest.
 */
const HELD_PAGE_MS = 1_000;

interface Stamp {
  /** Everything forgotten this many times when it was read. */
  epoch: number;
  /** Ticket notices heard when it was read. */
  notices: number;
}

/**
 * Ticket views and queue pages an API process answered with, held until anything they were read
 * from changes. Triggers announce every change to a ticket row, its watchers or its customer's shown
 * fields at commit (agents announce themselves), on the same connection as the agent-change feed;
 * each answer from here first waits for that feed's round trip (`inSync`), so it has heard of every
 * change committed before the request, in any process. Held answers are exact, never "a little
 * old": an agent who claimed a ticket through one API process reads it claimed through another.
 * Nothing is held or answered from here while the feed is down, and everything is forgotten when it
 * was lost or an agent changed. A view is forgotten when its ticket changes; a page when any ticket
 * does.
 */
@Injectable()
export class HeldTicketViews {
  private epoch = 0;
  private notices = 0;
  /** Ticket id → the notice count at its last change. */
  private readonly changed = new Map<string, number>();
  private readonly views = new Map<string, Stamp & { view: TicketView | null }>();
  private readonly pages = new Map<string, Stamp & { page: TicketPage; until: number }>();
  /** Reads under way, by key: a request stamped as one of them was shares its answer (one read per change, not one per waiting request). */
  private readonly reading = new Map<string, Stamp & { answer: Promise<unknown> }>();
  private following = false;

  constructor(private readonly principals: AgentPrincipals) {}

  /** The view `agent` may see of a ticket (null: absent or not theirs), held or read by `read`. */
  async visible(ticketId: string, agent: ActingAgent, read: () => Promise<TicketView | null>): Promise<TicketView | null> {
    const stamp = await this.stamp();
    if (!stamp) return read();
    const key = `${seesAllTickets(agent) ? '*' : `${agent.id}/${agent.teamId ?? ''}`} ${ticketId}`;
    const held = this.views.get(key);
    const unchangedSince = (at: Stamp) => at.epoch === stamp.epoch && (this.changed.get(ticketId) ?? -1) <= at.notices;
    if (held && unchangedSince(held)) return held.view;
    const under = this.reading.get(key);
    if (under && unchangedSince(under)) return under.answer as Promise<TicketView | null>;
    const view = await this.reads(key, stamp, read);
    if (stamp.epoch === this.epoch) this.keep(this.views, key, { ...stamp, view }, MAX_VIEWS);
    return view;
  }

  /** A page of `agent`'s ticket list, held or read by `read`. */
  async page(agent: ActingAgent, filter: TicketListFilter, read: () => Promise<TicketPage>): Promise<TicketPage> {
    const stamp = await this.stamp();
    if (!stamp) return read();
    // The agent's own id always: `owner=me` and "handed to me" name them.
    const key = `${seesAllTickets(agent) ? '*' : agent.teamId ?? ''}/${agent.id} ${JSON.stringify(filter)}`;
    const now = performance.now();
    const held = this.pages.get(key);
    const unchangedSince = (at: Stamp) => at.epoch === stamp.epoch && at.notices === stamp.notices;
    if (held && unchangedSince(held) && held.until > now) return held.page;
    const under = this.reading.get(key);
    if (under && unchangedSince(under)) return under.answer as Promise<TicketPage>;
    const page = await this.reads(key, stamp, read);
    const until = seesAllTickets(agent) ? Infinity : now + HELD_PAGE_MS;
    if (stamp.epoch === this.epoch) this.keep(this.pages, key, { ...stamp, page, until }, MAX_PAGES);
    return page;
  }

  /**
   * Runs `read`, letting requests stamped the same (nothing they depend on changed since this read's
   * stamp, so it started after every change committed before they arrived) wait for its answer.
   */
  private async reads<T>(key: string, stamp: Stamp, read: () => Promise<T>): Promise<T> {
    const answer = read();
    const entry = { ...stamp, answer };
    this.reading.set(key, entry);
    try {
      return await answer;
    } finally {
      if (this.reading.get(key) === entry) this.reading.delete(key);
    }
  }

  /** What the answer is held against, once this process has heard every change before now; null while it cannot. */
  private async stamp(): Promise<Stamp | null> {
    if (!this.following) this.follow();
    if (!(await this.principals.inSync())) return null;
    return { epoch: this.epoch, notices: this.notices };
  }

  /** From the first use only: processes that never answer with views (workers, gateways) hear none of these notices. */
  private follow(): void {
    this.following = true;
    this.principals.onChange(() => this.forgetAll());
    this.principals.followNotices(TICKET_VIEW_CHANGED_CHANNEL, (payload) => {
      if (payload === '*' || this.changed.size >= MAX_CHANGED) return this.forgetAll();
      this.changed.set(payload, ++this.notices);
    });
  }

  private forgetAll(): void {
    this.epoch++;
    this.notices++;
    this.changed.clear();
    this.views.clear();
    this.pages.clear();
    this.reading.clear();
  }

  private keep<T>(held: Map<string, T>, key: string, entry: T, max: number): void {
    held.delete(key);
    if (held.size >= max) held.delete(held.keys().next().value as string);
    held.set(key, entry);
  }
}
