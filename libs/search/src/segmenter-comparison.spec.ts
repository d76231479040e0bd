import { indexTerms, queryWords, type QueryWord } from './search-terms.js';
import { SEGMENTER_CORPUS } from './testing/segmenter-corpus.js';

/**
 * jieba (what the index uses) against the platform's Intl.Segmenter, on the same corpus and with the
 * same matching rule: every query word must be an index term (or, for jieba, all its parts). A
 * phrase is "found" in its own sentence; a "loose hit" is another sentence that has all the phrase's
 * words but not the phrase itself (the search asks for all words, not their order). The figures are logged and recorded in docs/search.md.
 */
const intl = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const intlWords = (text: string) => [...intl.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());

const matchesJieba = (terms: Set<string>, words: QueryWord[]) =>
  words.length > 0 && words.every((w) => terms.has(w.word) || (w.parts.length > 0 && w.parts.every((p) => terms.has(p))));
const matchesIntl = (terms: Set<string>, words: string[]) => words.length > 0 && words.every((w) => terms.has(w));

function measure(index: (text: string) => Set<string>, matches: (terms: Set<string>, phrase: string) => boolean) {
  const docs = SEGMENTER_CORPUS.map((d) => ({ ...d, terms: index(d.text) }));
  let phrases = 0;
  let found = 0;
  const looseHits: string[] = [];
  const missed: string[] = [];
  for (const doc of docs) {
    for (const phrase of doc.phrases) {
      phrases += 1;
      if (matches(doc.terms, phrase)) found += 1;
      else missed.push(phrase);
      for (const other of docs) if (!other.text.includes(phrase) && matches(other.terms, phrase)) looseHits.push(`${phrase} ~ ${other.text}`);
    }
  }
  return { phrases, found, looseHits, missed };
}

describe('segmenter choice: jieba against Intl.Segmenter on a helpdesk corpus', () => {
  const jieba = measure((t) => new Set(indexTerms(t)), (terms, phrase) => matchesJieba(terms, queryWords(phrase)));
  const platform = measure((t) => new Set(intlWords(t)), (terms, phrase) => matchesIntl(terms, intlWords(phrase)));

  it('every phrase of the corpus occurs in its sentence', () => {
    for (const doc of SEGMENTER_CORPUS) for (const phrase of doc.phrases) expect({ phrase, in: doc.text.includes(phrase) }).toEqual({ phrase, in: true });
  });

  it('jieba finds at least 95% of the phrases, and more than Intl.Segmenter', () => {
    console.log(
      `segmenters on ${SEGMENTER_CORPUS.length} sentences, ${jieba.phrases} phrases: ` +
        `jieba found ${jieba.found} (missed ${JSON.stringify(jieba.missed)}), loose hits ${JSON.stringify(jieba.looseHits)}; ` +
        `Intl.Segmenter found ${platform.found} (missed ${JSON.stringify(platform.missed)}), loose hits ${JSON.stringify(platform.looseHits)}`,
    );
    expect(jieba.found / jieba.phrases).toBeGreaterThanOrEqual(0.95);
    expect(jieba.looseHits.length).toBeLessThanOrEqual(2);
    expect(jieba.found).toBeGreaterThan(platform.found);
  });
});
