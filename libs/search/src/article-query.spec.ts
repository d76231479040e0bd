import { articleQuery, articleQueryWords } from './article-query.js';

describe('article queries', () => {
  it('leaves out stop words in both languages and matches any remaining word', () => {
    expect(articleQueryWords('How do I get my refund?').map((w) => w.word)).toEqual(['refund']);
    expect(articleQueryWords('我的退款怎么还没到账').map((w) => w.word)).toEqual(expect.arrayContaining(['退款']));
    expect(articleQueryWords('我的退款怎么还没到账').map((w) => w.word)).not.toContain('我');
    const { clauses, anyWord } = articleQuery('refund delivery');
    expect(clauses).toEqual(["'refund':*", "'delivery':*"]);
    expect(anyWord).toBe("( 'refund':* ) | ( 'delivery':* )");
  });

  it('leaves out how a Chinese question asks ("我要", "我想问一下"), keeping what it asks about', () => {
    expect(articleQueryWords('我要退款').map((w) => w.word)).toEqual(['退款']);
    expect(articleQueryWords('我想问一下发票').map((w) => w.word)).toEqual(['发票']);
  });

  it('has no query for stop words or punctuation alone, and no prefix for short Latin words', () => {
    expect(articleQuery('how do I ?!').anyWord).toBeNull();
    expect(articleQueryWords('tv').map((w) => w.prefix)).toEqual([false]);
  });
});

describe('article query plurals', () => {
  it('finds the singular of a typed plural', () => {
    expect(articleQuery('refunds').clauses).toEqual(["'refund':*"]);
    expect(articleQuery('address').clauses).toEqual(["'address':*"]);
  });
});
