import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  answerByBot,
  localeOfText,
  botAnswerDecision,
  botHoldEndsAt,
  CustomerBeingErased,
  sanitizeArticleHtml,
  normaliseTags,
  findRepeatContactOrigin,
  newTicketCode,
  openTicket,
  repeatContactCutoff,
  watchersAtOpening,
  type Actor,
  type ActingAgent,
  type AttachmentRef,
  type FileNotAttached,
  type Channel,
  type Locale,
  type Priority,
  type TakenInBy,
  type TicketKind,
} from '@firsthand/domain';
import { ArticleStore, BotAnswers, CustomerErasures, escalationWatchers, SlaCalendars, TicketIntake, TicketStore, type CustomerContact, type IntakeCustomer, type StoredTicketEvent } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { TicketWriter } from './ticket-writer.js';

/** What a new ticket starts from, whichever way it came in (the web form, an agent, a mail). */
export interface TicketOpeningRequest {
  id: string;
  trackingTokenHash: string;
  subject: string;
  description: string;
  customer: CustomerContact;
  /** The agent opening it for the customer; null when the customer does. */
  agent: ActingAgent | null;
  channel?: Channel;
  kind?: TicketKind;
  priority?: Priority;
  teamId?: string | null;
  tags?: string[];
  /** A ticket the customer is known to be coming back about (a mail in its thread, past reopening); otherwise the repeat-contact rule looks. */
  repeatOfTicketId?: string | null;
  /** Files that came with the opening (checked by the caller, bound to the `created` event after). */
  attachments?: AttachmentRef[];
  /**
   * A mail whose sender check failed opens it: the ticket is kept for the team, marked so, and
   * nothing goes to the address it names (no acknowledgement, no automatic answer).
   */
  unverifiedSender?: boolean;
  /** Files of the opening mail that were refused: the acknowledgement names them. */
  filesNotAttached?: FileNotAttached[];
  /** The opening mail was held back, and this supervisor took it in (the agents' timeline says so). */
  takenInBy?: TakenInBy;
}

export interface OpenedWithin {
  ticketId: string;
  customer: IntakeCustomer;
  events: StoredTicketEvent[];
  /** The earlier ticket a repeat contact was recorded on. */
  alsoChanged: Array<{ ticketId: string; events: StoredTicketEvent[] }>;
  /** The bot's answer, when it gave one (the ticket is then held out of the queue for a while). */
  automaticAnswer: AutomaticAnswer | null;
}

/** What the opener is told about the bot's answer (POST /api/tickets `automaticAnswer`). */
export interface AutomaticAnswer {
  articleId: string;
  title: string;
  locale: Locale;
}

export class UnknownTeam extends Error {}

const CODE_ATTEMPTS = 8;

/**
 * Opens a ticket inside a transaction the caller holds (through `TicketWriter.open`): finds or
 * creates the customer (none while their data is being erased), links a repeat contact and tells its
 * origin, reads the SLA targets, picks a free code, and adds complaint watchers.
 */
@Injectable()
export class TicketOpening {
  constructor(
    private readonly writer: TicketWriter,
    private readonly intake: TicketIntake,
    private readonly store: TicketStore,
    private readonly calendars: SlaCalendars,
    private readonly articles: ArticleStore,
    private readonly botAnswers: BotAnswers,
    private readonly erasures: CustomerErasures,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async openWithin(tx: EntityManager, now: Date, request: TicketOpeningRequest): Promise<OpenedWithin> {
    const { id, agent } = request;
    // Nobody said which language: the one the customer wrote in (a new customer keeps it).
    const locale = request.customer.locale ?? localeOfText(`${request.subject}\n${request.description}`);
    const customer = await this.intake.upsertCustomer(tx, { ...request.customer, locale }, agent !== null);
    // Asked under the customer's lock (the upsert's), under which an erasure is queued and, at its end,
    // erases the record: nothing is opened on a record being erased; afterwards no address names it.
    if (await this.erasures.underWay(customer.id, tx)) throw new CustomerBeingErased();
    // A mail in an old ticket's thread is about that ticket, however long ago it was resolved.
    const named = request.repeatOfTicketId ? await this.intake.earlierTicket(tx, customer.id, request.repeatOfTicketId) : null;
    const repeatOf = named ?? findRepeatContactOrigin(await this.intake.earlierTickets(tx, customer.id, repeatContactCutoff(now, this.writer.windows)), now, this.writer.windows);
    const kind = request.kind ?? 'question';
    const priority = request.priority ?? 'normal';
    const terms = await this.intake.openingTerms(tx, { requestedTeamId: request.teamId ?? null, fallbackTeamId: repeatOf?.teamId ?? null, priority, tier: customer.tier });
    if (terms.unknownTeam) throw new UnknownTeam(request.teamId ?? '');
    const { teamId } = terms;
    const channel = request.channel ?? 'web';
    const openedBy: Actor = agent ? { type: 'agent', id: agent.id, name: agent.name } : { type: 'customer', id: customer.id, name: customer.name };
    const sla = { ...terms.targets, ...(await this.calendars.forChoice(tx, terms.calendarChoice)) };

    let events: StoredTicketEvent[] | null = null;
    let opened: ReturnType<typeof openTicket> | null = null;
    for (let attempt = 1; events === null; attempt++) {
      if (attempt > CODE_ATTEMPTS) throw new Error('Could not find a free ticket code');
      const code = newTicketCode();
      opened = openTicket({ code, subject: request.subject, channel, kind, priority, tier: customer.tier, openedBy, repeatOf, now, attachments: request.attachments, unverifiedSender: request.unverifiedSender, filesNotAttached: request.filesNotAttached, takenInBy: request.takenInBy }, sla, id);
      events = await this.store.insert(
        tx,
        {
          id, code, trackingTokenHash: request.trackingTokenHash, subject: request.subject, description: request.description,
          channel, kind, priority, tier: customer.tier, teamId, customerId: customer.id,
          repeatOfTicketId: opened.repeatOfTicketId, offeredToId: opened.offeredToId, createdAt: now, customerName: customer.name,
          firstResponseDueAt: opened.firstResponseDueAt, resolutionDueAt: opened.resolutionDueAt, plannedTargets: opened.plannedTargets, tags: normaliseTags(request.tags ?? []), calendar: sla.calendar,
        },
        opened.events,
      );
    }
    const watchers = kind === 'complaint' ? watchersAtOpening(kind, await escalationWatchers(tx, teamId, ['supervisor'])) : [];
    await this.store.addWatchers(tx, id, watchers, 'complaint', now);
    const alsoChanged = [];
    const originEvent = opened?.repeatOriginEvent;
    if (repeatOf && originEvent) {
      alsoChanged.push({ ticketId: repeatOf.id, events: await this.writer.changeWithin(tx, repeatOf.id, () => ({ patch: {}, events: [originEvent] })) });
    }
    const automaticAnswer = request.unverifiedSender ? null : await this.answerStandardQuestion(tx, now, id, request.subject, locale, { kind, tier: customer.tier, channel, openedByAgent: agent !== null });
    if (automaticAnswer) events = [...events, ...automaticAnswer.events];
    return { ticketId: id, customer, events, alsoChanged, automaticAnswer: automaticAnswer?.answer ?? null };
  }

  /**
   * The bot for standard questions: the best public article for the subject, and if the rule lets it
   * answer, the answer stored and its event written in the opening's transaction, with the hold.
   * The SLA due times set above stay: the bot never moves them.
   */
  private async answerStandardQuestion(
    tx: EntityManager,
    now: Date,
    ticketId: string,
    subject: string,
    wanted: Locale,
    facts: Parameters<typeof botAnswerDecision>[1],
  ): Promise<{ answer: AutomaticAnswer; events: StoredTicketEvent[] } | null> {
    const settings = this.config.bot;
    if (!settings.enabled) return null;
    const [best] = await this.articles.findMatchingArticles(subject, wanted, { audience: 'public', limit: 1, within: tx });
    const decision = botAnswerDecision(settings, facts, best
      ? { articleId: best.article.id, status: best.article.status, audience: best.article.audience, botMayAnswer: best.category.botMayAnswer, confidence: best.score }
      : null);
    if (!decision.answer || !best) return null;
    const { article, locale } = best;
    const title = (locale === 'en' ? article.titleEn : article.titleZhCn) ?? article.titleEn ?? article.titleZhCn ?? '';
    const html = sanitizeArticleHtml((locale === 'en' ? article.htmlEn : article.htmlZhCn) ?? article.htmlEn ?? article.htmlZhCn ?? '');
    const holdUntil = botHoldEndsAt(now, settings);
    await this.botAnswers.record(tx, { ticketId, articleId: article.id, articleVersion: article.version, locale, title, html, confidence: best.score, answeredAt: now });
    const events = await this.writer.changeWithin(tx, ticketId, () =>
      answerByBot({ articleId: article.id, articleVersion: article.version, title, locale, confidence: best.score }, holdUntil),
    );
    return { answer: { articleId: article.id, title, locale }, events };
  }
}
