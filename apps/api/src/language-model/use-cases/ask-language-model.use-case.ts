import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  draftReplyPrompt,
  handoffSummaryPrompt,
  TicketNotFound,
  type ActingAgent,
  type GroundingArticle,
  type GroundingArticles,
  type LanguageModelPrompt,
  type LanguageModelPurpose,
  type PromptTicket,
} from '@firsthand/domain';
import type { LanguageModelAnswer } from '@firsthand/http-contracts';
import { LanguageModelCallLog, TicketQueries, TicketThread } from '@firsthand/persistence';
import { HttpProblem } from '../../http/problem.js';
import { RateLimiter } from '../../limits/rate-limiter.js';
import { ChatCompletionsClient, LanguageModelFailure } from '../chat-completions.client.js';
import { GROUNDING_ARTICLES } from '../grounding-articles.token.js';

/** Messages read for a prompt; the prompt builder keeps the newest that fit the size limit. */
const THREAD_MESSAGES = 200;

export const languageModelOff = () =>
  new HttpProblem(404, 'language-model-off', 'Language model not configured', 'No language model is configured on this helpdesk (FIRSTHAND_LLM_BASE_URL); write the reply yourself.');

/**
 * Drafts a reply or a handoff summary for an agent who may see the ticket. Reads only: the ticket,
 * its timeline and its queue place stay as they were whatever the endpoint answers. Every call is
 * logged with its prompt, articles, outcome and latency.
 */
@Injectable()
export class AskLanguageModel {
  private readonly logger = new Logger('LanguageModel');

  constructor(
    private readonly tickets: TicketQueries,
    private readonly thread: TicketThread,
    private readonly client: ChatCompletionsClient,
    private readonly calls: LanguageModelCallLog,
    private readonly limiter: RateLimiter,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    @Optional() @Inject(GROUNDING_ARTICLES) private readonly articles: GroundingArticles | null = null,
  ) {}

  draftReply(agent: ActingAgent, ticketId: string): Promise<LanguageModelAnswer> {
    return this.ask(agent, ticketId, 'draft-reply', async (ticket) => {
      const found = await this.groundingFor(`${ticket.subject}\n${ticket.description}`, ticket.locale);
      return draftReplyPrompt(ticket, found, { maxChars: this.config.languageModel.maxPromptChars, includeInternalNotes: this.config.languageModel.draftIncludesInternalNotes });
    });
  }

  handoffSummary(agent: ActingAgent, ticketId: string): Promise<LanguageModelAnswer> {
    return this.ask(agent, ticketId, 'handoff-summary', async (ticket) => handoffSummaryPrompt(ticket, { maxChars: this.config.languageModel.maxPromptChars }));
  }

  private async ask(
    agent: ActingAgent,
    ticketId: string,
    purpose: LanguageModelPurpose,
    prompt: (ticket: PromptTicket) => Promise<LanguageModelPrompt>,
  ): Promise<LanguageModelAnswer> {
    const settings = this.config.languageModel;
    if (!settings.baseUrl) throw languageModelOff();
    const view = await this.tickets.visibleTo(ticketId, agent);
    if (!view) throw new TicketNotFound();
    await this.limiter.take('language-model', agent.id, { limit: settings.callsPerAgentPerHour, windowSeconds: 3600 }, {
      code: 'too-many-language-model-calls',
      title: 'Too many drafts and summaries',
      detail: (rule) => `At most ${rule.limit} drafts and summaries an hour per agent; write this one yourself or wait.`,
    });
    const { messages, agentNames } = await this.thread.latest(ticketId, THREAD_MESSAGES);
    const built = await prompt({
      subject: view.subject,
      description: view.description,
      locale: view.customer.locale,
      status: view.status,
      messages,
      names: {
        customer: [view.customer.name, view.customer.email, view.customer.phone].filter((v): v is string => !!v),
        agents: [...agentNames, view.owner?.name, view.firstResponder?.name, view.pendingHandoffTo?.name, agent.name].filter((v): v is string => !!v),
      },
    });
    const started = performance.now();
    const entry = { agentId: agent.id, agentName: agent.name, ticketId, purpose, model: settings.model, prompt: built.messages, articleIds: built.articleIds };
    try {
      const answer = await this.client.complete(built.messages);
      const latencyMs = Math.round(performance.now() - started);
      const callId = await this.calls.record({ ...entry, outcome: 'ok', httpStatus: answer.httpStatus, detail: null, answerChars: answer.text.length, latencyMs });
      return { ticketId, purpose, outcome: 'ok', text: answer.text, message: null, model: settings.model, articleIds: built.articleIds, callId };
    } catch (error) {
      if (!(error instanceof LanguageModelFailure)) throw error;
      const latencyMs = Math.round(performance.now() - started);
      const callId = await this.calls.record({ ...entry, outcome: error.kind, httpStatus: error.httpStatus, detail: error.message, answerChars: null, latencyMs });
      const what = purpose === 'draft-reply' ? 'No draft was made: write the reply yourself or try again.' : 'No summary was made: read the timeline or try again.';
      // The endpoint failed, not the agent's request: a 200 that says so, and the ticket untouched.
      return { ticketId, purpose, outcome: error.kind, text: null, message: `${error.message} ${what} The ticket is unchanged.`, model: settings.model, articleIds: built.articleIds, callId };
    }
  }

  private async groundingFor(text: string, locale: PromptTicket['locale']): Promise<GroundingArticle[]> {
    if (!this.articles) return [];
    try {
      return await this.articles.find(text, locale);
    } catch (error) {
      // A draft without articles is still a draft; the prompt then says none was found.
      this.logger.warn(`Grounding articles unavailable: ${(error as Error).message}`);
      return [];
    }
  }
}
