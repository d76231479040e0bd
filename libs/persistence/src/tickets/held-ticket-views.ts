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
/**
 * What the held views and pages may take of the process's memory, each, by an estimate of their
 * strings (a page counts twice: its JSON is kept beside it). Past it the oldest go first.
 */
const MAX_BYTES = 32 * 1024 * 1024;
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
  private readonly views = new HeldAnswers<Stamp & { view: TicketView | null }>(MAX_VIEWS, MAX_BYTES);
  private readonly pages = new HeldAnswers<Stamp & { page: TicketPage; until: number }>(MAX_PAGES, MAX_BYTES);
  /** Ticket id → the keys of its held views, so that a change to it drops them at once. */
  private readonly viewKeys = new Map<string, Set<string>>();
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
    // Not kept if the ticket changed while it was read: it would never be answered again.
    if (unchangedSince({ ...stamp, epoch: this.epoch })) {
      this.views.keep(key, { ...stamp, view }, view ? viewBytes(view) : 64);
      const keys = this.viewKeys.get(ticketId) ?? new Set<string>();
      this.viewKeys.set(ticketId, keys.add(key));
      // Keys of views pushed out stay listed until their ticket changes: bounded like `changed`.
      if (this.viewKeys.size > MAX_CHANGED) this.forgetAll();
    }
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
    if (stamp.epoch === this.epoch && stamp.notices === this.notices) {
      this.pages.keep(key, { ...stamp, page, until }, 2 * page.items.reduce((sum, view) => sum + viewBytes(view), 64));
    }
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
      // What the change made stale goes now, not when it is next asked for or pushed out.
      this.pages.clear();
      for (const key of this.viewKeys.get(payload) ?? []) this.views.delete(key);
      this.viewKeys.delete(payload);
    });
  }

  private forgetAll(): void {
    this.epoch++;
    this.notices++;
    this.changed.clear();
    this.views.clear();
    this.viewKeys.clear();
    this.pages.clear();
    this.reading.clear();
  }
}

/** Answers by key, oldest first out past a count or an estimated size. */
export class HeldAnswers<T> {
  private readonly entries = new Map<string, { value: T; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxEntries: number, private readonly maxBytes: number) {}

  get(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  keep(key: string, value: T, bytes: number): void {
    if (bytes > this.maxBytes) return;
    this.delete(key);
    while (this.entries.size > 0 && (this.entries.size >= this.maxEntries || this.bytes + bytes > this.maxBytes)) {
      this.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** A view's size in memory, estimated from its strings (two bytes a UTF-16 unit) and a fixed part. */
function viewBytes(view: TicketView): number {
  const text = view.subject.length + view.description.length + (view.resolution?.length ?? 0) + (view.csat?.comment?.length ?? 0) + view.tags.join('').length;
  return 1024 + 2 * text;
}
