import { articleLocale, articleMatchScore, mayEditArticles, maySeeArticle, readerFor, slugFromTitle } from './article-rules.js';

describe('knowledge-base rules', () => {
  it('seniors, supervisors and admins edit; agents read', () => {
    expect(['agent', 'senior', 'supervisor', 'admin'].map((r) => mayEditArticles(r as never))).toEqual([false, true, true, true]);
    expect(readerFor(null)).toBe('public');
    expect(readerFor('agent')).toBe('agents');
    expect(readerFor('senior')).toBe('editors');
  });

  it('the public sees published public articles, agents published ones, editors all', () => {
    const cases = [
      { status: 'published', audience: 'public' },
      { status: 'published', audience: 'internal' },
      { status: 'draft', audience: 'public' },
    ] as const;
    expect(cases.map((a) => maySeeArticle('public', a))).toEqual([true, false, false]);
    expect(cases.map((a) => maySeeArticle('agents', a))).toEqual([true, true, false]);
    expect(cases.map((a) => maySeeArticle('editors', a))).toEqual([true, true, true]);
  });

  it('scores the share of words found, a title word above a body word', () => {
    expect(articleMatchScore([])).toBe(0);
    expect(articleMatchScore(['title', 'title'])).toBe(1);
    expect(articleMatchScore(['title', 'body'])).toBe(0.8);
    expect(articleMatchScore(['body', null, null])).toBe(0.2);
    expect(articleMatchScore([null])).toBe(0);
  });

  it('makes slugs from Latin titles only', () => {
    expect(slugFromTitle('How do refunds work?')).toBe('how-do-refunds-work');
    expect(slugFromTitle('Café crème')).toBe('cafe-creme');
    expect(slugFromTitle('如何申请退款')).toBeNull();
  });

  it('shows the language asked for when the article has it', () => {
    expect(articleLocale('zh-CN', { en: true, 'zh-CN': true })).toBe('zh-CN');
    expect(articleLocale('zh-CN', { en: true, 'zh-CN': false })).toBe('en');
    expect(articleLocale('en', { en: false, 'zh-CN': true })).toBe('zh-CN');
  });
});
