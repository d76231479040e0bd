import type { GroundingArticle, GroundingArticles, Locale } from '@firsthand/domain';
import type { ArticleStore, MatchingArticle } from '@firsthand/persistence';
import { helpArticlePath } from '../knowledge-base/article-views.js';

/** Articles a draft may lean on: published and public only, since the draft goes to the customer. */
const ARTICLES_FOR_A_DRAFT = 3;

function inLocale(match: MatchingArticle): GroundingArticle {
  const { article } = match;
  const zh = match.locale === 'zh-CN';
  const title = (zh ? article.titleZhCn : article.titleEn) ?? article.titleEn ?? article.titleZhCn ?? article.slug;
  const body = (zh ? article.bodyZhCn : article.bodyEn) ?? article.bodyEn ?? article.bodyZhCn ?? '';
  return { id: article.id, title, body, url: helpArticlePath(article.slug, match.locale) };
}

/** The knowledge base as drafting's source of articles. */
export function knowledgeBaseGrounding(articles: ArticleStore): GroundingArticles {
  return {
    async find(text: string, locale: Locale): Promise<GroundingArticle[]> {
      const matches = await articles.findMatchingArticles(text, locale, { audience: 'public', limit: ARTICLES_FOR_A_DRAFT });
      return matches.map(inLocale);
    },
  };
}
