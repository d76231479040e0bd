import { Inject, Injectable, Logger } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  asClaimingReply,
  claimTicket,
  Clock,
  CustomerBeingErased,
  FirstResponderPolicy,
  TicketNotFound,
  TicketOwnedByAnother,
  type ActingAgent,
  type ResolutionWindows,
  type SlaTargets,
  type Ticket,
  type TicketDecision,
  withSlaPause,
} from '@firsthand/domain';
import { CustomerErasures, gatheringWrites, GroupCommit, TicketIntake, TicketReadModel, TicketStore, TransactionMemo, Transactions, type ClaimWritten, type CustomerContact, type LockedTicket, type StoredTicketEvent, type TicketView } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { CommittedEventsPublisher } from './committed-events.publisher.js';

/** What a rule decides on: the locked ticket and everything it needs to know about it. */
export interface TicketChangeContext {
  /** The transaction, for a rule that must read related facts through a store (never for SQL). */
  tx: EntityManager;
  ticket: Ticket;
  ownerName: string | null;
  sla: SlaTargets;
  windows: ResolutionWindows;
  now: Date;
  /** Events after the caller's expectedSeq, for the stale-view guard; empty without one. */
  eventsAfterExpected: StoredTicketEvent[];
}

/** A domain rule bound to its inputs; null means "nothing to do" (a stale timer, a ticket already closed). */
export type TicketRule = (context: TicketChangeContext) => TicketDecision | null | Promise<TicketDecision | null>;

export interface TicketChangeResult {
  ticket: TicketView;
  events: StoredTicketEvent[];
}

export interface AgentChangeOptions {
  /** The last seq the agent saw: newer events refuse the change (no stale replies). */
  expectedSeq?: number;
  /** A public reply on an unowned ticket claims it first, in the same transaction: answering is taking ownership. */
  claimIfUnowned?: boolean;
  /** More rows that belong to the change (a message's attachments), written in its transaction after the rule's. */
  within?: WithinChange;
}

/** Runs after the decision is written, in its transaction; only when the rule decided something. */
export type WithinChange = (tx: EntityManager, events: StoredTicketEvent[]) => Promise<void>;

/** A system change in a batch: the ticket, the rule, and when the act was due (its events record it). */
export interface SystemChange {
  ticketId: string;
  rule: TicketRule;
  now: Date;
}

interface Committed {
  ticketId: string;
  events: StoredTicketEvent[];
  /** Other tickets the same transaction changed (a repeat contact's origin). */
  alsoChanged?: Array<{ ticketId: string; events: StoredTicketEvent[] }>;
}

type CommitWork = (tx: EntityManager) => Promise<Committed>;

/** A change submitted to share a transaction, with the existing ticket it will lock, or the customer a ticket it opens is for. */
interface SharedChange {
  work: CommitWork;
  locks: string | null;
  customer: CustomerContact | null;
}

/** Whether a change may share its transaction with others submitted at the same time (see `sharedCommits`). */
export interface CommitSharing {
  shareCommit?: boolean;
}

/** A customer's change: shared with others, or alone with `first` run in its transaction before the ticket is locked (rows taken before tickets, as customers are). */
export interface CustomerChangeOptions extends CommitSharing {
  first?: (tx: EntityManager) => Promise<void>;
}

/** An opening that may share its transaction, and the customer it opens for (found or created with the group's others). */
export interface OpeningSharing extends CommitSharing {
  customer?: CustomerContact;
}

/** Changes one shared transaction carries at most; and how many such transactions run at once. */
const SHARED_COMMIT = { maxBatch: 64, maxInFlight: 2, minBesideOthers: 32 };

/**
 * The one way a ticket changes, for the API and the worker alike: one transaction that locks the
 * ticket row, lets a domain rule decide on it, writes the patch with its events (and through the
 * database's triggers, the outboxes) under a `last_seq` condition, and after commit publishes the
 * events live. A refused change rolls back whole.
 */
@Injectable()
export class TicketWriter {
  private readonly logger = new Logger(TicketWriter.name);

  constructor(
    private readonly transactions: Transactions,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly clock: Clock,
    private readonly store: TicketStore,
    private readonly readModel: TicketReadModel,
    private readonly publisher: CommittedEventsPublisher,
    private readonly intake: TicketIntake,
    private readonly erasures: CustomerErasures,
  ) {}

  /**
   * Changes that asked to share (the mail intake's), committed together: each change submitted while
   * the shared transactions in flight are at their limit joins the next one, so a burst of mails
   * costs one BEGIN, one COMMIT (one WAL flush) and one view read a group instead of a mail. A group
   * first finds its openings' customers, then locks the tickets it changes, each in one statement;
   * each change then decides and writes as it would alone, in submission order, but for what can be
   * written behind (`WriteBehind`: messages, the mails' records, search documents), one statement a
   * kind. If the group's transaction fails (one change refused, a lost race), every change of it is
   * run again alone, so one cannot hold back or undo another: each caller gets what it would alone.
   */
  private readonly sharedCommits = new GroupCommit<SharedChange, TicketChangeResult>((changes) => this.commitGroup(changes), SHARED_COMMIT);

  /**
   * The tickets a shared transaction locked up front, in id order and one statement, for its
   * changes to take (each snapshot once: a second change of the same ticket reads it again, as the
   * first left it). Locking them all first in one order also keeps two groups from deadlocking on them.
   */
  private readonly prelocked = new TransactionMemo<string, LockedTicket>();

  /** An agent's act on a ticket the agent can see; others answer as if it did not exist. */
  changeAsAgent(ticketId: string, agent: ActingAgent, rule: TicketRule, options: AgentChangeOptions = {}): Promise<TicketChangeResult> {
    return this.commitForRequest(async (tx) => {
      let claimed: StoredTicketEvent[] = [];
      let locked = await this.store.lockForChange(tx, ticketId, agent);
      if (!locked?.visible) throw new TicketNotFound();
      if (options.claimIfUnowned) await this.assertNotLostClaimRace(tx, locked, agent);
      if (options.claimIfUnowned && locked.ticket.ownerId === null) {
        claimed = (await this.claimFrom(tx, locked, agent, 'reply')).events;
        locked = await this.store.lockForChange(tx, ticketId, agent);
        if (!locked) throw new TicketNotFound();
      }
      // A reply that just claimed says so (its email then tells the customer both at once).
      const decide: TicketRule = claimed.length === 0 ? rule : async (context) => {
        const decision = await rule(context);
        return decision && asClaimingReply(decision);
      };
      // The claim this change just made is not news to the agent making it.
      const events = await this.decideAndWrite(tx, locked, decide, { expectedSeq: options.expectedSeq, isNews: (e) => !claimed.some((c) => c.seq === e.seq) });
      if (events && options.within) await options.within(tx, events);
      return { ticketId, events: [...claimed, ...(events ?? [])] };
    });
  }

  /**
   * A public reply claims an unowned ticket, so agents replying (or claiming) at once race for it:
   * the losers get 409 with the winner, as a losing claim does (SPEC rule 2). Unowned when the
   * reply's statement began, and owned by another once it had waited for the row, is that race;
   * owned already when it began, the reply is a non-owner's, and the rule it runs refuses it (403).
   */
  private async assertNotLostClaimRace(tx: EntityManager, locked: LockedTicket, agent: ActingAgent): Promise<void> {
    const { ownerId } = locked.ticket;
    if (locked.ownerAtStart !== null || ownerId === null || ownerId === agent.id) return;
    // The name joined with the locked row is from before the wait: read it as it is now.
    const now = locked.ownerName === null ? await this.store.readForChange(tx, locked.ticket.id) : locked;
    throw new TicketOwnedByAnother(ownerId, now?.ownerName ?? '');
  }

  /**
   * The first agent to claim a ticket owns it. The winner is whoever's conditional UPDATE finds the
   * ticket still unowned: the database decides, so it holds across any number of processes.
   */
  async claimAsAgent(ticketId: string, agent: ActingAgent): Promise<TicketChangeResult> {
    // That UPDATE, with its events, (by trigger) the outbox rows and the ticket's view to answer with,
    // is one statement and so atomic by itself: no transaction around it, whose BEGIN and COMMIT
    // would double the round trips of the busiest action.
    const claimed = await this.transactions.withoutTransaction((db) => this.claimWithin(db, ticketId, agent, 'claim'));
    // After the answer is on its way: the agent who claimed hears it first, everyone else a moment later.
    setImmediate(() => void this.publisher.publish(claimed.view, claimed.events));
    return { ticket: claimed.view, events: claimed.events };
  }

  /** The customer's act, once their tracking token (or a mail in its thread) has opened this ticket; none while their data is being erased. */
  changeAsCustomer(ticketId: string, rule: TicketRule, within?: WithinChange, { shareCommit = false, first }: CustomerChangeOptions = {}): Promise<TicketChangeResult> {
    const work: CommitWork = async (tx) => {
      if (first) await first(tx);
      const locked = this.prelocked.take(tx, ticketId) ?? (await this.store.lockForChange(tx, ticketId));
      if (!locked) throw new TicketNotFound();
      // Asked under the ticket's lock, after it (a statement that waited reads as of its start): an erasure
      // queued before is seen; one queued after locks the ticket to erase its texts, so it waits for this commit.
      if (await this.erasures.underWay(locked.ticket.customerId, tx)) throw new CustomerBeingErased();
      const events = await this.decideAndWrite(tx, locked, rule);
      if (events && within) await within(tx, events);
      return { ticketId, events: events ?? [] };
    };
    // A shared transaction locks its tickets before any change's work: nothing can come first there.
    return shareCommit && !first ? this.sharedCommits.submit({ work, locks: ticketId, customer: null }) : this.commitForRequest(work);
  }

  /**
   * The system's act (SLA thresholds, closings): null when the ticket is gone or the rule had nothing
   * to do. `now` is when the act was due to be taken (a timer's handler start), which its events record.
   */
  async changeAsSystem(ticketId: string, rule: TicketRule, now: Date = this.clock.now()): Promise<StoredTicketEvent[] | null> {
    const { events, view } = await this.transactions.run(async (tx) => {
      const locked = await this.store.lockForChange(tx, ticketId);
      const written = locked ? await this.decideAndWrite(tx, locked, rule, { now }) : null;
      // The view to publish with, read on the change's own connection: none taken from the pool after commit.
      return { events: written, view: written?.length ? await this.readModel.findById(tx, ticketId) : null };
    });
    if (events?.length) await this.publisher.publish(view ?? ticketId, events);
    return events;
  }

  /**
   * Several system changes in one transaction (a burst of SLA thresholds): one lock statement, one
   * view read and one commit for all, each ticket still decided by its rule on its locked row and
   * written under its `last_seq` condition. A ticket named twice is decided again on the row as its
   * first change left it. If the batch fails, each change is tried on its own, so one bad ticket
   * cannot hold back the others: every result is settled alone. That retry may follow a commit whose
   * answer was lost, so a rule given here must decide from the row as it finds it (an SLA threshold
   * checks its ledger): deciding again after its change landed must decide nothing.
   */
  async changeEachAsSystem(changes: readonly SystemChange[]): Promise<Array<PromiseSettledResult<StoredTicketEvent[] | null>>> {
    if (changes.length === 1) return [await settled(this.changeAsSystem(changes[0].ticketId, changes[0].rule, changes[0].now))];
    let batch: { written: Array<StoredTicketEvent[] | null>; views: TicketView[] };
    try {
      batch = await this.transactions.run(async (tx) => {
        const locked = await this.store.lockManyForChange(tx, [...new Set(changes.map((c) => c.ticketId))]);
        const changed = new Set<string>();
        const written: Array<StoredTicketEvent[] | null> = [];
        for (const { ticketId, rule, now } of changes) {
          const current = changed.has(ticketId) ? await this.store.lockForChange(tx, ticketId) : locked.get(ticketId);
          const events = current ? await this.decideAndWrite(tx, current, rule, { now }) : null;
          if (events) changed.add(ticketId);
          written.push(events);
        }
        // The changed tickets' views to publish with, in one read on the batch's own connection.
        return { written, views: changed.size > 0 ? await this.readModel.findManyById(tx, [...changed]) : [] };
      });
    } catch {
      // One at a time: a batch that failed should not take the whole pool to find out why.
      const results: Array<PromiseSettledResult<StoredTicketEvent[] | null>> = [];
      for (const { ticketId, rule, now } of changes) results.push(await settled(this.changeAsSystem(ticketId, rule, now)));
      return results;
    }
    await this.publishEach(changes.map((c) => c.ticketId), batch);
    return batch.written.map((value) => ({ status: 'fulfilled', value }));
  }

  /** A new ticket: `create` inserts it (and may change an earlier one with `changeWithin`) in one transaction. */
  open(create: (tx: EntityManager, now: Date) => Promise<Committed>, { shareCommit = false, customer }: OpeningSharing = {}): Promise<TicketChangeResult> {
    const work: CommitWork = (tx) => create(tx, this.clock.now());
    return shareCommit ? this.sharedCommits.submit({ work, locks: null, customer: customer ?? null }) : this.commitForRequest(work);
  }

  /** Another ticket changed inside an opening's transaction, under the same lock-decide-write rules. */
  async changeWithin(tx: EntityManager, ticketId: string, rule: TicketRule): Promise<StoredTicketEvent[]> {
    // A snapshot the shared transaction took up front no longer holds once this changes the ticket.
    this.prelocked.delete(tx, ticketId);
    const locked = await this.store.lockForChange(tx, ticketId);
    return locked ? ((await this.decideAndWrite(tx, locked, rule)) ?? []) : [];
  }

  /**
   * Several tickets changed in one transaction with rows that are not tickets (a supervisor's act on
   * their customer): `work` changes each with `changeWithin`, so each is locked, decided and written
   * as any change is; all commit together or not at all, and are published after commit.
   */
  async changeTogether<T>(work: (tx: EntityManager, now: Date) => Promise<{ result: T; changed: Array<{ ticketId: string; events: StoredTicketEvent[] }> }>): Promise<T> {
    const { result, changed } = await this.transactions.run((tx) => work(tx, this.clock.now()));
    for (const ticket of changed) if (ticket.events.length) void this.publisher.publish(ticket.ticketId, ticket.events);
    return result;
  }

  get windows(): ResolutionWindows {
    return this.config.windows;
  }

  /** A group of shared changes in one transaction, published after its commit; if it fails, each alone. */
  private async commitGroup(changes: readonly SharedChange[]): Promise<Array<PromiseSettledResult<TicketChangeResult>>> {
    if (changes.length === 1) return [await settled(this.commitForRequest(changes[0]!.work))];
    let group: Array<{ result: TicketChangeResult; alsoChanged: NonNullable<Committed['alsoChanged']> }>;
    try {
      group = await this.transactions.run(async (tx) => {
        const committed: Committed[] = [];
        // Up front, each kind in one statement and one order (customers, then tickets, as a merge takes them).
        const customers = changes.flatMap((c) => (c.customer ? [c.customer] : []));
        if (customers.length > 0) await this.intake.upsertCustomersAhead(tx, customers);
        const locks = [...new Set(changes.flatMap((c) => (c.locks ? [c.locks] : [])))];
        if (locks.length > 0) for (const [id, locked] of await this.store.lockManyForChange(tx, locks)) this.prelocked.set(tx, id, locked);
        // Rows that can wait for the end (the search index's) are written once for the group.
        await gatheringWrites(tx, async () => {
          for (const { work } of changes) committed.push(await work(tx));
        });
        const views = new Map((await this.readModel.findManyById(tx, [...new Set(committed.map((c) => c.ticketId))])).map((view) => [view.id, view]));
        return committed.map((c) => {
          const view = views.get(c.ticketId);
          if (!view) throw new TicketNotFound();
          return { result: { ticket: view, events: c.events }, alsoChanged: c.alsoChanged ?? [] };
        });
      });
    } catch (error) {
      // One at a time, in submission order: a change that fails alone fails only its own caller.
      this.logger.warn(`A shared transaction of ${changes.length} changes failed (${(error as Error).message}); each is run alone`);
      const results: Array<PromiseSettledResult<TicketChangeResult>> = [];
      for (const { work } of changes) results.push(await settled(this.commitForRequest(work)));
      return results;
    }
    for (const { result, alsoChanged } of group) {
      void this.publisher.publish(result.ticket, result.events);
      for (const other of alsoChanged) void this.publisher.publish(other.ticketId, other.events);
    }
    return group.map(({ result }) => ({ status: 'fulfilled', value: result }));
  }

  private async commitForRequest(work: CommitWork): Promise<TicketChangeResult> {
    const { result, alsoChanged } = await this.transactions.run(async (tx) => {
      const committed = await work(tx);
      const view = await this.readModel.findById(tx, committed.ticketId);
      if (!view) throw new TicketNotFound();
      return { result: { ticket: view, events: committed.events }, alsoChanged: committed.alsoChanged ?? [] };
    });
    // Not awaited: the change is committed either way, and the outbox has whatever Redis missed.
    void this.publisher.publish(result.ticket, result.events);
    for (const other of alsoChanged) void this.publisher.publish(other.ticketId, other.events);
    return result;
  }

  private async decideAndWrite(
    tx: EntityManager,
    locked: LockedTicket,
    rule: TicketRule,
    { expectedSeq, isNews = () => true, now = this.clock.now() }: { expectedSeq?: number; isNews?: (event: StoredTicketEvent) => boolean; now?: Date } = {},
  ): Promise<StoredTicketEvent[] | null> {
    const { ticket } = locked;
    const eventsAfterExpected =
      expectedSeq !== undefined && expectedSeq < ticket.lastSeq ? (await this.store.eventsAfter(tx, ticket.id, expectedSeq)).filter(isNews) : [];
    const decision = await rule({ tx, ...locked, windows: this.config.windows, now, eventsAfterExpected });
    return decision ? this.store.apply(tx, ticket, withSlaPause(ticket, decision, this.slaTargets(locked), now), now, locked.sla.calendar) : null;
  }

  /** A committed batch's events, live, each ticket's with the view read in the batch. */
  private async publishEach(ticketIds: string[], { written, views }: { written: Array<StoredTicketEvent[] | null>; views: TicketView[] }): Promise<void> {
    const byTicket = new Map<string, StoredTicketEvent[]>();
    written.forEach((events, i) => {
      if (events?.length) byTicket.set(ticketIds[i], [...(byTicket.get(ticketIds[i]) ?? []), ...events]);
    });
    const viewOf = new Map(views.map((view) => [view.id, view]));
    for (const [ticketId, events] of byTicket) await this.publisher.publish(viewOf.get(ticketId) ?? ticketId, events);
  }

  private slaTargets(locked: LockedTicket): SlaTargets {
    return { ...locked.sla, pausesWhileWaitingForCustomer: this.config.sla.pauseWhileWaitingForCustomer };
  }

  private async claimWithin(tx: EntityManager, ticketId: string, agent: ActingAgent, via: 'claim' | 'reply'): Promise<ClaimWritten> {
    const current = await this.store.readForChange(tx, ticketId, agent);
    if (!current?.visible) throw new TicketNotFound();
    return this.claimFrom(tx, current, agent, via);
  }

  private async claimFrom(tx: EntityManager, current: LockedTicket, agent: ActingAgent, via: 'claim' | 'reply'): Promise<ClaimWritten> {
    const ticketId = current.ticket.id;
    if (FirstResponderPolicy.isClaimedBy(current.ticket, agent)) return this.alreadyClaimed(tx, ticketId);
    if (current.ticket.ownerId) throw new TicketOwnedByAnother(current.ticket.ownerId, current.ownerName ?? '');
    const now = this.clock.now();
    const decision = claimTicket(current.ticket, agent, now, current.sla, via);
    const written = await this.store.claimIfUnowned(tx, ticketId, decision, now, { snapshot: current.ticket, calendar: current.sla.calendar });
    if (written) return written;
    // Lost the race: the row now names the winner, or it moved on unowned (resolved by the bot,
    // closed as spam) after the read our decision was made on; either way the rule says why not.
    const winner = await this.store.readForChange(tx, ticketId);
    if (!winner) throw new TicketNotFound();
    if (FirstResponderPolicy.isClaimedBy(winner.ticket, agent)) return this.alreadyClaimed(tx, ticketId);
    FirstResponderPolicy.assertClaimable(winner.ticket, winner.ownerName);
    throw new Error(`Claim of ${ticketId} refused but the ticket is still claimable`);
  }

  /** The agent's own ticket as it stands: a claim that changes nothing and records nothing. */
  private async alreadyClaimed(tx: EntityManager, ticketId: string): Promise<ClaimWritten> {
    const view = await this.readModel.findById(tx, ticketId);
    if (!view) throw new TicketNotFound();
    return { view, events: [] };
  }
}

function settled<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}
