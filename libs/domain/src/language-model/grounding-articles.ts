import type { Locale } from '../vocabulary.js';

/** A knowledge-base article a drafted reply may lean on; only published, customer-visible ones belong here. */
export interface GroundingArticle {
  id: string;
  title: string;
  body: string;
  url: string;
}

/**
 * Where drafting finds articles matching a ticket. The knowledge base provides it; without one,
 * drafting runs on the ticket alone and the prompt says no article was found.
 */
export interface GroundingArticles {
  find(text: string, locale: Locale): Promise<GroundingArticle[]>;
}
