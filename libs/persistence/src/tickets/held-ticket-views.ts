import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { seesAllTickets, type ActingAgent } from '@firsthand/domain';
import type { TicketView } from '@firsthand/http-contracts';
import { AgentPrincipals } from '../people/agent-principals.js';
import type { TicketListFilter, TicketListPosition } from './ticket-read-model.js';

/** The channel the ticket-view triggers announce on (migration TicketViewNotices1763804300000). */
export const TICKET_VIEW_CHANGED_CHANNEL = 'firsthand_ticket_view_changed';

export interface TicketPage {
  items: TicketView[];
  nextCursor: TicketListPosition | null;
}

const MAX_VIEWS = 20_000;
const MAX_PAGES = 2_000;
/**
 * What the held views and pages may take of the process's memory, each, by an estimate of their
 * strings (a page counts twice: its JSON is kept beside it). Past it the oldest go first.
 */
const MAX_BYTES = 32 * 1024 * 1024;
/** Tickets with held views; past it, everything is forgotten (keys of views pushed out stay listed until their ticket changes). */
const MAX_TICKETS = 100_000;
/**
 * How long a page is held for an agent who does not see bot-held tickets: a hold ends when its
 * instant passes, which no write announces, so such a page is read again after this at the latest.
 */
const HELD_PAGE_MS = 1_000;

/**
 * Ticket views and queue pages an API process answered with, held until anything they were read
 * from changes. Triggers announce every change to a ticket row, its watchers or its customer's shown
 * fields at commit (agents announce themselves), on the same connection as the agent-change feed;
 * each answer from here first waits for that feed's round trip (`inSync`), so it has heard of every
 * change committed before the request, in any process. Held answers are exact, never "a little
 * old": an agent who claimed a ticket through one API process reads it claimed through another.
 *
 * What a change makes stale is dropped when its notice arrives (a ticket's views; every page), and
 * with it any read of it under way, whose answer then is neither kept nor shared: whatever is
 * listed here is current. Everything goes when an agent changes or the feed is lost, and nothing is
 * held or answered from here while it is down.
 */
@Injectable()
export class HeldTicketViews {
  private readonly views = new HeldAnswers<TicketView | null>(MAX_VIEWS, MAX_BYTES);
  private readonly pages = new HeldAnswers<{ page: TicketPage; until: number }>(MAX_PAGES, MAX_BYTES);
  /** Reads under way, by key: requests arriving meanwhile share their answer (one read per change, not one per waiting request). */
  private readonly viewReads = new Map<string, Promise<TicketView | null>>();
  private readonly pageReads = new Map<string, Promise<TicketPage>>();
  /** Ticket id → the keys of its views (held or being read), so that a change to it drops them at once. */
  private readonly viewKeys = new Map<string, Set<string>>();
  private following = false;

  constructor(private readonly principals: AgentPrincipals) {}

  /** The view `agent` may see of a ticket (null: absent or not theirs), held or read by `read`. */
  async visible(ticketId: string, agent: ActingAgent, read: () => Promise<TicketView | null>): Promise<TicketView | null> {
    if (!(await this.inSync())) return read();
    const key = `${seesAllTickets(agent) ? '*' : `${agent.id}/${agent.teamId ?? ''}`} ${ticketId}`;
    const held = this.views.get(key);
    if (held !== undefined) return held;
    if (this.viewKeys.size >= MAX_TICKETS && !this.viewKeys.has(ticketId)) this.forgetAll();
    // Listed before the read begins, so that a change during it drops the read too.
    this.viewKeys.set(ticketId, (this.viewKeys.get(ticketId) ?? new Set<string>()).add(key));
    const { answer, current } = await this.reads(this.viewReads, key, read);
    if (current) this.views.keep(key, answer, answer ? viewBytes(answer) : 64);
    return answer;
  }

  /** A page of `agent`'s ticket list, held or read by `read`. */
  async page(agent: ActingAgent, filter: TicketListFilter, read: () => Promise<TicketPage>): Promise<TicketPage> {
    if (!(await this.inSync())) return read();
    // The agent's own id always: `owner=me` and "handed to me" name them.
    const key = `${seesAllTickets(agent) ? '*' : agent.teamId ?? ''}/${agent.id} ${JSON.stringify(filter)}`;
    const now = performance.now();
    const held = this.pages.get(key);
    if (held && held.until > now) return held.page;
    const { answer, current } = await this.reads(this.pageReads, key, read);
    const until = seesAllTickets(agent) ? Infinity : now + HELD_PAGE_MS;
    if (current) this.pages.keep(key, { page: answer, until }, 2 * answer.items.reduce((sum, view) => sum + viewBytes(view), 64));
    return answer;
  }

  /**
   * The answer of a read of `key` under way, or of a new one. A request finds a read listed only if
   * nothing it depends on changed since the read began (a change drops it from the list), so the read
   * started after every change committed before the request. `current`: this read was still listed
   * when it ended, so its answer may be held.
   */
  private async reads<T>(under: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<{ answer: T; current: boolean }> {
    const shared = under.get(key);
    if (shared) return { answer: await shared, current: false };
    const answer = read();
    under.set(key, answer);
    try {
      const value = await answer;
      return { answer: value, current: under.get(key) === answer };
    } finally {
      if (under.get(key) === answer) under.delete(key);
    }
  }

  /** True once this process has heard every change committed before now (listening from the first use); false while it cannot. */
  private inSync(): Promise<boolean> {
    if (!this.following) this.follow();
    return this.principals.inSync();
  }

  /** From the first use only: processes that never answer with views (workers, gateways) hear none of these notices. */
  private follow(): void {
    this.following = true;
    this.principals.onChange(() => this.forgetAll());
    this.principals.followNotices(TICKET_VIEW_CHANGED_CHANNEL, (payload) => {
      if (payload === '*') return this.forgetAll();
      this.pages.clear();
      this.pageReads.clear();
      for (const key of this.viewKeys.get(payload) ?? []) {
        this.views.delete(key);
        this.viewReads.delete(key);
      }
      this.viewKeys.delete(payload);
    });
  }

  private forgetAll(): void {
    this.views.clear();
    this.viewKeys.clear();
    this.viewReads.clear();
    this.pages.clear();
    this.pageReads.clear();
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
