import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { articlePlainText, ASSIST_LIMITS, excerpt, TicketNotFound, type ActingAgent, type Locale } from '@firsthand/domain';
import type { AssistArticle, AssistText, TicketAssist } from '@firsthand/http-contracts';
import { ArticleStore, AssistStore, TicketQueries, type MatchingArticle } from '@firsthand/persistence';
import { helpArticlePath } from '../../knowledge-base/article-views.js';

const capped = (body: string) => excerpt(body, ASSIST_LIMITS.textMaxLength);
const textOf = (t: { body: string; at: Date } | null): AssistText | null => (t ? { body: capped(t.body), at: t.at.toISOString() } : null);

/**
 * What the assist panel shows beside a ticket: published articles (internal ones too) and the most
 * similar solved tickets the agent may see, both found from the ticket's subject and description.
 */
@Injectable()
export class GetTicketAssist {
  constructor(
    private readonly tickets: TicketQueries,
    private readonly articles: ArticleStore,
    private readonly assist: AssistStore,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async execute(ticketId: string, agent: ActingAgent, locale: Locale): Promise<TicketAssist> {
    const ticket = await this.tickets.visibleTo(ticketId, agent);
    if (!ticket) throw new TicketNotFound();
    const query = `${ticket.subject}\n${ticket.description}`.slice(0, ASSIST_LIMITS.queryTextMaxLength);
    const [articles, similar] = await Promise.all([
      // The subject says what the ticket is about; the description alone adds many words that match everything.
      this.articles.findMatchingArticles(ticket.subject, locale, { audience: 'agents', limit: ASSIST_LIMITS.articles }),
      this.assist.similarSolvedTickets(agent, ticketId, query, ASSIST_LIMITS.similarTickets),
    ]);
    return {
      articles: articles.map((m) => this.articleSuggestion(m)),
      similarTickets: similar.map((s) => ({
        id: s.id,
        code: s.code,
        subject: s.subject,
        status: s.status,
        resolvedAt: s.resolvedAt?.toISOString() ?? null,
        resolution: s.resolution === null ? null : capped(s.resolution),
        finalReply: textOf(s.finalReply),
        lastInternalNote: textOf(s.lastInternalNote),
      })),
    };
  }

  private articleSuggestion(m: MatchingArticle): AssistArticle {
    const zh = m.locale === 'zh-CN';
    const plain = articlePlainText((zh ? m.article.bodyZhCn : m.article.bodyEn) ?? '');
    const isPublic = m.article.audience === 'public';
    return {
      id: m.article.id,
      slug: m.article.slug,
      locale: m.locale,
      audience: m.article.audience,
      title: (zh ? m.article.titleZhCn : m.article.titleEn) ?? '',
      excerpt: excerpt(plain, 160),
      categoryName: zh ? m.category.nameZhCn : m.category.nameEn,
      score: m.score,
      url: isPublic ? new URL(helpArticlePath(m.article.slug, m.locale), this.config.publicBaseUrl).toString() : null,
      text: capped(plain),
    };
  }
}
