import { isCjk, MIN_PREFIX } from './search-terms.js';

/** A piece of text with the ranges (UTF-16 offsets, end exclusive) that matched the query. */
export interface Highlight {
  text: string;
  marks: Array<[number, number]>;
  /** Whether text was cut before (or after) the fragment. */
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

const LATIN_WORD = /[\p{L}\p{N}]+/gu;

/**
 * Where the query's words occur in a text: Chinese words wherever they appear, Latin words at the
 * start of a word (the index matches them as prefixes), or as whole words when shorter than
 * `MIN_PREFIX` (matched exactly). Overlapping ranges are merged.
 */
export function findMarks(text: string, terms: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    if (isCjk(term)) {
      for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
    } else {
      for (const match of lower.matchAll(LATIN_WORD)) {
        if (term.length < MIN_PREFIX ? match[0] === term : match[0].startsWith(term)) ranges.push([match.index, match.index + term.length]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * A fragment of at most `maxLength` characters around the first match, with its marks relative to
 * the fragment; null when the text has no match. Plain text in, plain text out: the client renders
 * the marks, so nothing from a customer ever reaches the page as HTML.
 */
export function highlight(text: string, terms: readonly string[], maxLength = 160): Highlight | null {
  const marks = findMarks(text, terms);
  if (marks.length === 0) return null;
  let start = 0;
  if (text.length > maxLength) start = Math.max(0, Math.min(marks[0][0] - Math.floor(maxLength / 4), text.length - maxLength));
  // Never cut a surrogate pair in half.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start += 1;
  let end = Math.min(text.length, start + maxLength);
  if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1])) end -= 1;
  const inside = marks
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) - start, Math.min(e, end) - start]);
  return { text: text.slice(start, end), marks: inside, truncatedStart: start > 0, truncatedEnd: end < text.length };
}
