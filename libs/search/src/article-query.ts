import { queryWords, wordClause, type QueryWord } from './search-terms.js';

/**
 * Words too common to say what a question is about. A customer types whole sentences into a
 * subject ("how do I get my refund", "我的退款怎么还没到"): matching articles on any of its words
 * (not all of them, as the ticket search does) works only once these are left out.
 */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'for', 'from', 'get', 'got', 'had', 'has',
  'have', 'how', 'i', 'if', 'in', 'is', 'it', 'its', 'me', 'my', 'no', 'not', 'of', 'on', 'or', 'our', 'please', 'so', 'still', 'that',
  'the', 'their', 'there', 'this', 'to', 'was', 'we', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'would', 'you', 'your',
  '的', '了', '吗', '呢', '吧', '啊', '我', '你', '您', '他', '她', '它', '我们', '是', '在', '有', '和', '与', '就', '都', '也', '还', '没',
  '没有', '怎么', '怎么办', '为什么', '什么', '如何', '请问', '一下', '一个', '这个', '那个', '可以', '能', '要', '想', '请', '不',
  // What the segmenter keeps whole in "我要退款", "我想问一下": asking, not the subject of the question.
  '我要', '我想', '我需要', '需要', '想要', '帮我', '麻烦', '问', '问一下', '问问',
]);

/** A text's words worth matching articles on: the search's own words, minus the stop words. */
export function articleQueryWords(text: string): QueryWord[] {
  // A one- or two-letter Latin word matched as a prefix would match half the corpus while typing.
  return queryWords(text)
    .filter((w) => !STOP_WORDS.has(w.word))
    .map((w) => (w.prefix && w.word.length < 3 ? { ...w, prefix: false } : w))
    // A plural typed finds the singular too ("refunds" → refund, refunded): prefixes only reach forward.
    .map((w) => (w.prefix && w.word.length > 4 && /[^s]s$/.test(w.word) ? { ...w, word: w.word.slice(0, -1), forms: w.forms.filter((f) => !f.startsWith(w.word.slice(0, -1))) } : w));
}

/** One tsquery literal per word (each matching the word as the ticket search does), and all of them joined by OR. */
export function articleQuery(text: string, maxWords = 8): { clauses: string[]; anyWord: string | null } {
  const clauses = articleQueryWords(text).slice(0, maxWords).map(wordClause);
  return { clauses, anyWord: clauses.length ? clauses.map((c) => `( ${c} )`).join(' | ') : null };
}
