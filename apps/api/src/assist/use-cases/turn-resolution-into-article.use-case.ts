import { Injectable } from '@nestjs/common';
import { assertMayEditArticles, KNOWLEDGE_BASE_LIMITS, TicketNotFound, redactedForArticle, type ActingAgent, type PersonalDataKind } from '@firsthand/domain';
import type { ArticleRecord } from '@firsthand/persistence';
import { ArticleStore, AssistStore, TicketQueries } from '@firsthand/persistence';
import { HttpProblem } from '../../http/problem.js';
import { SaveArticle } from '../../knowledge-base/use-cases/save-article.use-case.js';

/**
 * "Turn this resolution into an article": a draft in the customer's language from the ticket's
 * subject and final public reply (or its resolution note), the customer's personal data marked out,
 * saved through the knowledge base's own write path (which renders and sanitizes it).
 */
@Injectable()
export class TurnResolutionIntoArticle {
  constructor(
    private readonly tickets: TicketQueries,
    private readonly assist: AssistStore,
    private readonly articles: ArticleStore,
    private readonly save: SaveArticle,
  ) {}

  async execute(ticketId: string, agent: ActingAgent, categoryId?: string): Promise<{ article: ArticleRecord; removed: PersonalDataKind[] }> {
    assertMayEditArticles(agent.role);
    if (!(await this.tickets.isVisibleTo(ticketId, agent))) throw new TicketNotFound();
    const source = await this.assist.resolutionSource(ticketId);
    if (!source) throw new TicketNotFound();
    if (source.status !== 'resolved' && source.status !== 'closed') {
      throw new HttpProblem(409, 'ticket-not-resolved', 'The ticket is not resolved', 'Only a resolved ticket has a resolution to turn into an article.');
    }
    const answer = source.finalReply ?? source.resolution;
    if (!answer) throw new HttpProblem(409, 'no-resolution-text', 'Nothing to write from', 'The ticket has neither a public reply nor a resolution note.');
    const category = categoryId ?? (await this.articles.categories())[0]?.id;
    if (!category) throw new HttpProblem(409, 'no-article-category', 'No category', 'Create a knowledge-base category first.');
    const title = redactedForArticle(source.subject, source.customer, source.locale);
    const body = redactedForArticle(answer, source.customer, source.locale);
    const titleText = title.text.slice(0, KNOWLEDGE_BASE_LIMITS.titleMaxLength);
    const bodyText = body.text.slice(0, KNOWLEDGE_BASE_LIMITS.bodyMaxLength);
    const zh = source.locale === 'zh-CN';
    const article = await this.save.create(agent, {
      categoryId: category,
      status: 'draft',
      audience: 'public',
      ...(zh ? { titleZhCn: titleText, bodyZhCn: bodyText } : { titleEn: titleText, bodyEn: bodyText }),
      // Unique and readable; the editor renames it before publishing.
      slug: `from-${ticketId.slice(0, 8)}-${Date.now().toString(36)}`,
    });
    return { article, removed: [...new Set([...title.removed, ...body.removed])] };
  }
}
