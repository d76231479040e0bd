/**
 * A query's prefix words, made into slots the database fills with the words they stand for.
 *
 * PostgreSQL's GIN index answers a prefix (`'screen':*`) by gathering every posting of every lexeme
 * it reaches into one bitmap before any other word is applied: `Galaxy cracked screen` read 69,000
 * postings to return 337 documents (25 ms at 1,000,000 tickets). The same query with its words
 * exact (`'screen'`) lets the index skip through the common words' postings to the rare word's
 * (2.6 ms). So the search looks the prefixes up in the index's vocabulary (`search_words`) and asks
 * for the lexemes they reach, exactly, when there are few of them (docs/search.md, "Prefixes as words").
 */

/** The query's `%s` slots are for these prefixes, in order; everything else in it is literal. */
export interface PrefixSlots {
  /** The tsquery literal with each prefix term replaced by `%s` (a `format()` template: no other `%` in it). */
  template: string;
  /** The prefixes, lower-case letters and digits as the query parser writes them. */
  prefixes: string[];
}

/**
 * A prefix reaching more lexemes than this stays a prefix: a GIN lookup per lexeme then costs more
 * than the one range the prefix reads (and a short number reaches thousands of order numbers).
 */
export const MAX_PREFIX_WORDS = 50;

// A prefix term as `wordClause` writes it: a quoted word of letters and digits, then `:*`.
const PREFIX_TERM = /'([\p{L}\p{N}]+)':\*/gu;

/** The slots of a tsquery literal written by `parseSearchQuery`. */
export function prefixSlots(tsquery: string): PrefixSlots {
  // Lexemes are letters and digits only, so a `%` can only be a mistake upstream: format() would misread it.
  if (tsquery.includes('%')) throw new RangeError(`a search tsquery holds no '%': ${tsquery}`);
  const prefixes: string[] = [];
  const template = tsquery.replace(PREFIX_TERM, (_term, word: string) => {
    prefixes.push(word);
    return '%s';
  });
  return { template, prefixes };
}
