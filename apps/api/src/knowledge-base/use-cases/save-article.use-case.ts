import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { assertMayEditArticles, renderArticleMarkdown, slugFromTitle, type ActingAgent } from '@firsthand/domain';
import { ArticleStore, type ArticleContent, type ArticleRecord, type ArticleWrite } from '@firsthand/persistence';
import { HttpProblem, RequestValidationFailed, type FieldProblem } from '../../http/problem.js';
import type { CreateArticleDto, UpdateArticleDto } from '../dto/article-requests.dto.js';

export const articleNotFound = () => new HttpProblem(404, 'article-not-found', 'Article not found', 'No such article.');

type Sources = Pick<ArticleContent, 'titleEn' | 'bodyEn' | 'titleZhCn' | 'bodyZhCn'>;

/**
 * Creates and changes articles: editors only, a language given as title and body together, the
 * category checked, the HTML rendered and sanitized here so what is stored is already safe.
 */
@Injectable()
export class SaveArticle {
  constructor(private readonly articles: ArticleStore) {}

  async create(agent: ActingAgent, input: CreateArticleDto): Promise<ArticleRecord> {
    assertMayEditArticles(agent.role);
    const sources = checkedSources({ titleEn: input.titleEn ?? null, bodyEn: input.bodyEn ?? null, titleZhCn: input.titleZhCn ?? null, bodyZhCn: input.bodyZhCn ?? null });
    await this.checkCategory(input.categoryId);
    const slug = input.slug ?? slugFromTitle(sources.titleEn ?? '') ?? `article-${randomBytes(4).toString('hex')}`;
    const content = rendered({ ...sources, slug, categoryId: input.categoryId, status: input.status ?? 'draft', audience: input.audience ?? 'public' });
    return this.saved(await this.articles.create(content, agent.id), slug);
  }

  async update(agent: ActingAgent, id: string, change: UpdateArticleDto): Promise<ArticleRecord> {
    assertMayEditArticles(agent.role);
    const current = await this.articles.find(id);
    if (!current) throw articleNotFound();
    const pick = <K extends keyof Sources>(key: K): Sources[K] => (change[key] === undefined ? current[key] : (change[key] as Sources[K]));
    const sources = checkedSources({ titleEn: pick('titleEn'), bodyEn: pick('bodyEn'), titleZhCn: pick('titleZhCn'), bodyZhCn: pick('bodyZhCn') });
    if (change.categoryId !== undefined) await this.checkCategory(change.categoryId);
    const slug = change.slug ?? current.slug;
    const content = rendered({
      ...sources,
      slug,
      categoryId: change.categoryId ?? current.categoryId,
      status: change.status ?? current.status,
      audience: change.audience ?? current.audience,
    });
    return this.saved(await this.articles.update(id, content, agent.id, change.baseVersion), slug);
  }

  async delete(agent: ActingAgent, id: string): Promise<void> {
    assertMayEditArticles(agent.role);
    if (!(await this.articles.delete(id))) throw articleNotFound();
  }

  private async checkCategory(categoryId: string): Promise<void> {
    if (!(await this.articles.category(categoryId))) throw new RequestValidationFailed([{ field: 'categoryId', messages: ['no such category'] }]);
  }

  private saved(write: ArticleWrite, slug: string): ArticleRecord {
    switch (write.outcome) {
      case 'saved':
        return write.article;
      case 'slug-taken':
        throw new HttpProblem(409, 'article-slug-taken', 'Slug taken', `Another article already has the address ${slug}.`, { slug });
      case 'stale':
        throw new HttpProblem(409, 'article-changed', 'The article changed meanwhile', `Version ${write.version} was saved after the one you edited; reload it and apply your change again.`, { version: write.version });
      case 'not-found':
        throw articleNotFound();
    }
  }
}

/** Each language is a title with its body, or neither; one language at least. */
function checkedSources(s: Sources): Sources {
  const problems: FieldProblem[] = [];
  for (const [titleField, bodyField] of [['titleEn', 'bodyEn'], ['titleZhCn', 'bodyZhCn']] as const) {
    if ((s[titleField] === null) !== (s[bodyField] === null)) {
      const missing = s[titleField] === null ? titleField : bodyField;
      problems.push({ field: missing, messages: [`${titleField} and ${bodyField} go together: give both, or null for both to remove the language`] });
    }
  }
  if (problems.length === 0 && s.titleEn === null && s.titleZhCn === null) problems.push({ field: 'titleEn', messages: ['give the article in English or Chinese (titleEn and bodyEn, or titleZhCn and bodyZhCn)'] });
  if (problems.length > 0) throw new RequestValidationFailed(problems);
  return s;
}

function rendered(c: Omit<ArticleContent, 'htmlEn' | 'htmlZhCn'>): ArticleContent {
  return { ...c, htmlEn: c.bodyEn === null ? null : renderArticleMarkdown(c.bodyEn), htmlZhCn: c.bodyZhCn === null ? null : renderArticleMarkdown(c.bodyZhCn) };
}
