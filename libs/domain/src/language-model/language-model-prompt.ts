import type { Locale, Visibility } from '../vocabulary.js';
import type { GroundingArticle } from './grounding-articles.js';
import { withoutPersonalData, type PeopleNames } from './personal-data.js';

export type LanguageModelPurpose = 'draft-reply' | 'handoff-summary';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** One message of the ticket's thread as a prompt may use it: who wrote it by role, never by name. */
export interface ThreadMessage {
  from: 'customer' | 'agent';
  visibility: Visibility;
  body: string;
}

/** The ticket as the prompt builder reads it; names are there only to be taken out. */
export interface PromptTicket {
  subject: string;
  description: string;
  locale: Locale;
  status: string;
  messages: ThreadMessage[];
  names: PeopleNames;
}

export interface PromptLimits {
  maxChars: number;
}

/** What goes to the endpoint and what the audit log keeps of it. */
export interface LanguageModelPrompt {
  purpose: LanguageModelPurpose;
  messages: ChatMessage[];
  articleIds: string[];
  /** Thread messages left out, oldest first, to stay within the size limit. */
  messagesLeftOut: number;
  internalNotesSent: number;
}

const LANGUAGE: Record<Locale, string> = { 'zh-CN': 'Simplified Chinese (zh-CN)', en: 'English' };
const ARTICLES_SENT = 3;
const ARTICLE_CHARS = 2_000;

const DRAFT_INSTRUCTIONS = (locale: Locale) =>
  [
    'You draft a reply for a helpdesk agent, who will read, edit and send it themselves.',
    `Write the reply to the customer in ${LANGUAGE[locale]}.`,
    'Use only facts from the ticket and the knowledge-base articles given; when they do not answer the question, say what the agent should check instead of inventing an answer.',
    'Personal data was replaced by marks such as [customer], [agent], [email] and [phone]; keep the marks, do not guess what they stand for.',
    'Never repeat anything marked as an internal note to the customer.',
    'Answer with the reply text only: no subject line, no notes to the agent.',
  ].join('\n');

const SUMMARY_INSTRUCTIONS = (locale: Locale) =>
  [
    'You summarize a helpdesk ticket for the agent who takes it over in a handoff.',
    `Write the summary in ${LANGUAGE[locale]}, in at most eight short bullet points:`,
    "the customer's problem, what was tried or promised, what the customer is waiting for, and open questions.",
    'Use only what the ticket says. Personal data was replaced by marks such as [customer] and [email]; keep them.',
    'Internal notes are for agents and may be used in this summary.',
  ].join('\n');

/** A drafted reply: customer-visible thread, internal notes only when allowed, and the matching articles. */
export function draftReplyPrompt(
  ticket: PromptTicket,
  articles: GroundingArticle[],
  options: PromptLimits & { includeInternalNotes: boolean },
): LanguageModelPrompt {
  const sent = articles.slice(0, ARTICLES_SENT);
  const articleBlock =
    sent.length === 0
      ? 'Knowledge-base articles: none was found for this ticket.'
      : ['Knowledge-base articles (published, customer-visible):', ...sent.map((a, i) => `[${i + 1}] ${a.title} (${a.url})\n${clip(a.body, ARTICLE_CHARS)}`)].join('\n\n');
  return build('draft-reply', DRAFT_INSTRUCTIONS(ticket.locale), ticket, options.includeInternalNotes, articleBlock, options.maxChars, sent.map((a) => a.id));
}

/** A handoff summary for agents: the whole thread, internal notes included, no articles. */
export function handoffSummaryPrompt(ticket: PromptTicket, options: PromptLimits): LanguageModelPrompt {
  return build('handoff-summary', SUMMARY_INSTRUCTIONS(ticket.locale), ticket, true, null, options.maxChars, []);
}

function build(
  purpose: LanguageModelPurpose,
  instructions: string,
  ticket: PromptTicket,
  includeInternalNotes: boolean,
  articleBlock: string | null,
  maxChars: number,
  articleIds: string[],
): LanguageModelPrompt {
  const clean = (text: string) => withoutPersonalData(text, ticket.names);
  const head = [
    `Customer's language: ${ticket.locale}`,
    `Status: ${ticket.status}`,
    `Subject: ${clean(ticket.subject)}`,
    `Customer's description:\n${clean(ticket.description)}`,
  ].join('\n');
  const thread = ticket.messages
    .filter((m) => m.visibility === 'public' || includeInternalNotes)
    .map((m) => ({ internal: m.visibility !== 'public', text: `${label(m)}:\n${clean(m.body)}` }));
  const tail = articleBlock === null ? '' : `\n\n${articleBlock}`;
  // The newest messages matter most for a reply or a handoff: older ones go first when space runs out.
  let budget = maxChars - instructions.length - head.length - tail.length - 40;
  const kept: typeof thread = [];
  for (let i = thread.length - 1; i >= 0 && budget >= thread[i].text.length + 2; i--) {
    kept.unshift(thread[i]);
    budget -= thread[i].text.length + 2;
  }
  const left = thread.length - kept.length;
  const threadBlock = kept.length === 0 ? (thread.length === 0 ? 'Messages: none yet.' : `Messages: ${left} left out for length.`) : `Messages, oldest first${left > 0 ? ` (${left} older left out for length)` : ''}:\n\n${kept.map((m) => m.text).join('\n\n')}`;
  const user = clip(`${head}\n\n${threadBlock}${tail}`, Math.max(0, maxChars - instructions.length));
  return {
    purpose,
    messages: [
      { role: 'system', content: instructions },
      { role: 'user', content: user },
    ],
    articleIds,
    messagesLeftOut: left,
    internalNotesSent: kept.filter((m) => m.internal).length,
  };
}

function label(m: ThreadMessage): string {
  if (m.visibility !== 'public') return 'Internal note (agents only, never for the customer)';
  return m.from === 'customer' ? 'Customer' : 'Agent';
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
