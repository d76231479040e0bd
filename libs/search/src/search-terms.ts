import { inventedWordPieces, segmentForIndex, segmentForQuery } from './segmenter.js';

/** A lexeme weight in PostgreSQL's tsvector: A subject, B description and customer name, C messages. */
export type TermWeight = 'A' | 'B' | 'C' | 'D';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** PostgreSQL rejects lexemes over 2 KB; nobody searches for a word that long. */
const MAX_LEXEME = 100;
/** tsvector positions stop at 16383; the first 16383 words of a field are enough to find it. */
const MAX_POSITION = 16383;

export const isCjk = (word: string): boolean => CJK.test(word);

/**
 * The index terms of a text, in order: jieba's words for Chinese (with the shorter words inside
 * the longer ones), Latin words and numbers lower-cased; punctuation and spaces dropped.
 */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of segmentForIndex(text.normalize('NFKC'))) pushWords(terms, token);
  return terms;
}

function pushWords(terms: string[], token: string): void {
  if (isCjk(token)) {
    // jieba keeps a Chinese word whole; a stray letter or mark inside it is split off like Latin text.
    for (const word of token.match(WORD) ?? []) {
      if (word.length > MAX_LEXEME) continue;
      terms.push(word.toLowerCase());
      if (isCjk(word)) terms.push(...inventedWordPieces(word));
    }
    return;
  }
  for (const word of token.toLowerCase().match(WORD) ?? []) if (word.length <= MAX_LEXEME) terms.push(word);
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A tsvector literal (`'word':1A,4A 'other':2A`) of the fields' terms. Built here rather than by
 * `to_tsvector` so that index and query use the same segmentation, whatever PostgreSQL's parser
 * and locale would make of Chinese text.
 */
export function tsvectorLiteral(fields: ReadonlyArray<{ text: string | null | undefined; weight: TermWeight }>): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const field of fields) {
    if (!field.text) continue;
    for (const term of indexTerms(field.text)) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(term) ?? [];
      // PostgreSQL keeps at most 256 positions of a lexeme.
      if (list.length < 256) list.push(`${position}${field.weight}`);
      positions.set(term, list);
    }
  }
  return [...positions].map(([term, list]) => `${quote(term)}:${list.join(',')}`).join(' ');
}

/** What a search box query means: its words, how to match them, and what to highlight. */
export interface SearchQuery {
  /** The tsquery literal, or null when the text holds no word (only punctuation). */
  tsquery: string | null;
  /** Words to mark in results: Chinese words exactly, Latin words (and a plural's singulars) as prefixes. */
  highlightTerms: string[];
  /** How many words the query has (the route limits it). */
  wordCount: number;
}

/**
 * One word of a query: it matches itself, or (Chinese) all of `parts`, or (Latin) as a prefix; or
 * one of `forms` exactly (the singulars an English plural may stand for).
 */
export interface QueryWord {
  word: string;
  parts: string[];
  prefix: boolean;
  forms: string[];
}

/**
 * A Latin word or number shorter than this matches exactly, not as a prefix: `8` or `tv` as a
 * prefix would match every word that begins so (80, 800, tvs), and PostgreSQL's GIN index reads
 * all of a prefix's entries (`Pixel 8` took 35 ms at 1,000,000 tickets with `8:*`, 8 ms with `8`).
 */
export const MIN_PREFIX = 3;

/**
 * Chinese particles that carry no meaning of their own (了 in 扣了两次, 的 in 我的订单). Beside
 * other words a query leaves them out: as words they each match most Chinese documents, which
 * only costs reading their index entries and marking them everywhere.
 */
const CHINESE_PARTICLES = new Set(['了', '的', '吗', '呢', '吧', '啊', '呀', '着', '过', '地', '得', '么', '嘛', '哦', '哈']);

/**
 * The query's words. A Chinese word matches itself or all the shorter dictionary words inside it
 * (the index holds both, but a word may have been cut differently in its sentence); a Latin word
 * or number matches as a prefix, so "refund" finds "refunds" and "refunded", unless it is shorter
 * than `MIN_PREFIX` or the text is a whole ticket code, email address or phone number (see
 * `isWholeIdentifier`). Chinese particles are left out beside other words.
 */
export function queryWords(text: string): QueryWord[] {
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  const prefix = !isWholeIdentifier(text);
  for (const token of segmentForQuery(text.normalize('NFKC'))) {
    for (const raw of token.match(WORD) ?? []) {
      const word = raw.toLowerCase().slice(0, MAX_LEXEME);
      if (seen.has(word)) continue;
      seen.add(word);
      if (isCjk(word)) {
        const invented = inventedWordPieces(word);
        const parts = invented.length ? invented : segmentForIndex(word).filter((part) => part !== word && part.length > 1 && isCjk(part));
        words.push({ word, parts: parts.length > 1 ? parts : [], prefix: false, forms: [] });
      } else {
        const asPrefix = prefix && word.length >= MIN_PREFIX;
        words.push({ word, parts: [], prefix: asPrefix, forms: asPrefix ? singularForms(word) : [] });
      }
    }
  }
  const meaningful = words.filter((w) => !CHINESE_PARTICLES.has(w.word));
  return meaningful.length > 0 ? meaningful : words;
}

/** Endings that look plural but are not (glass, status, analysis). */
const NOT_PLURAL = /(ss|us|is)$/;

/**
 * What an English plural may be the plural of: a prefix only reaches forward, so "printers" would
 * miss "printer" (batteries → battery, boxes → box, addresses → address, photos → photo). Candidates
 * that are not words match nothing; shorter than three letters they would match too much ("does" → do).
 */
export function singularForms(word: string): string[] {
  if (word.length < 4 || !/^[a-z]+$/.test(word) || !word.endsWith('s') || NOT_PLURAL.test(word)) return [];
  const forms = [word.slice(0, -1)];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  else if (word.endsWith('es')) forms.push(word.slice(0, -2));
  return forms.filter((form) => form.length >= 3);
}

const WHOLE_CODE = /^FH-[0-9A-Z]{5,}$/i;
const WHOLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** From this many digits, typed text that is only digits and phone punctuation is a phone number. */
const MIN_PHONE_DIGITS = 6;

/** The digits of a typed phone number, or null unless it looks like one: digits, spaces, + ( ) - . only. */
export function typedPhoneDigits(text: string): string | null {
  if (!/^[\d\s+().-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/**
 * Text that is a ticket code, an email address or a phone number typed whole (a phone has at
 * least 6 digits and a separator: one bare number stays a prefix). Its words are matched exactly:
 * they were typed in full, and as prefixes its short parts (`fh`, `com`, `163`, `1`) each match
 * most of the index, which PostgreSQL's GIN index reads in full for a prefix.
 */
export function isWholeIdentifier(text: string): boolean {
  const typed = text.normalize('NFKC').trim();
  if (WHOLE_CODE.test(typed) || WHOLE_EMAIL.test(typed)) return true;
  return typedPhoneDigits(typed) !== null && /\D/.test(typed);
}

/** The tsquery literal matching one query word (see `queryWords`). */
export function wordClause({ word, parts, prefix, forms }: QueryWord): string {
  if (prefix) return forms.length ? `( ${quote(word)}:* | ${forms.map(quote).join(' | ')} )` : `${quote(word)}:*`;
  return parts.length ? `( ${quote(word)} | ${parts.map(quote).join(' & ')} )` : quote(word);
}

/** Every word must match (see `queryWords`). */
export function parseSearchQuery(text: string): SearchQuery {
  const words = queryWords(text);
  const clauses = words.map(wordClause);
  return { tsquery: clauses.length ? clauses.join(' & ') : null, highlightTerms: words.flatMap((w) => [w.word, ...w.forms]), wordCount: words.length };
}
