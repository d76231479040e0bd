import type { Locale } from '@firsthand/domain';
import type { ArticleView } from './knowledge-base.js';

/** A published article matching the ticket, with what the composer inserts. */
export interface AssistArticle {
  id: string;
  slug: string;
  locale: Locale;
  audience: 'public' | 'internal';
  title: string;
  excerpt: string;
  categoryName: string;
  score: number;
  /** The help center link for a public article; null for an internal one (customers cannot open it). */
  url: string | null;
  /** The article as plain text, to insert into a reply (at most 4,000 characters). */
  text: string;
}

export interface AssistText {
  body: string;
  at: string;
}

/** A resolved or closed ticket like this one, and how it was solved. */
export interface SimilarSolvedTicketView {
  id: string;
  code: string;
  subject: string;
  status: 'resolved' | 'closed';
  resolvedAt: string | null;
  resolution: string | null;
  finalReply: AssistText | null;
  lastInternalNote: AssistText | null;
}

/** `GET /api/tickets/:id/assist`. */
export interface TicketAssist {
  articles: AssistArticle[];
  similarTickets: SimilarSolvedTicketView[];
}

/** What a message names when it used a suggestion of the assist panel. */
export interface AssistSuggestionRef {
  kind: 'article' | 'ticket';
  id: string;
}

/** Kinds of customer data taken out of a draft article. */
export type PersonalDataKind = 'email' | 'phone' | 'customer-name';

/** `POST /api/tickets/:id/assist/article`: the draft made from the resolution. */
export interface ResolutionArticleDraft {
  article: ArticleView;
  /** Personal data taken out of the draft and marked in its text, for the editor to check. */
  removed: PersonalDataKind[];
  editorPath: string;
}

export interface AssistFirstContactFigures {
  resolved: number;
  firstContact: number;
  /** firstContact / resolved; null when nothing was resolved. */
  rate: number | null;
}

/** `GET /api/metrics/assist`: first-contact rate of resolved tickets that used a suggestion and of those that did not. */
export interface AssistFirstContactReport {
  from: string;
  to: string;
  used: AssistFirstContactFigures;
  notUsed: AssistFirstContactFigures;
}
