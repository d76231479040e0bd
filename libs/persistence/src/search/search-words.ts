import { MAX_PREFIX_WORDS } from '@firsthand/search';
import type { SqlRunner } from '../sql-runner.js';

/**
 * `search_words`, the search index's vocabulary: every lexeme of every search document (the period
 * lexemes aside, which no query word reaches). A query's prefix is looked up here and asked of the
 * GIN indexes as the words it stands for (`prefixSlots` in libs/search; docs/search.md, "Prefixes
 * as words"). It may hold words no document holds any more (harmless: they match nothing), never
 * miss one a document holds, and forgets an erased customer's words.
 */

/** A document's lexeme `w` other than its period's (`@p…`, which no query word reaches). */
const NOT_A_PERIOD = `w NOT LIKE '@%'`;

/**
 * An INSERT adding the words `w` of `from` (a FROM list): put in the statement that writes the
 * documents, so both commit together and no search can see a document whose words it cannot look
 * up. Sorted, so that two transactions adding the same new words take their locks in the same
 * order; a word already there costs one index probe and writes nothing.
 */
export const addSearchWords = (from: string) =>
  `INSERT INTO search_words (word) SELECT DISTINCT w FROM ${from} WHERE ${NOT_A_PERIOD} ORDER BY w ON CONFLICT DO NOTHING`;

/** The text column `word` as a quoted lexeme of tsquery input (backslashes and quotes escaped). */
const quotedLexeme = (word: string) => `'''' || replace(replace(${word}, '\\', '\\\\'), '''', '''''') || ''''`;
/** The tsquery matching exactly the lexeme in the text column `word`. */
const exactly = (word: string) => `(${quotedLexeme(word)})::tsquery`;

/**
 * The query `template` (a `prefixSlots` template, a text parameter) with each slot filled for its
 * prefix (`prefixes`, a text[] parameter): the words it reaches, exactly, when there are 1 to
 * MAX_PREFIX_WORDS of them; else the prefix itself. A prefix is a byte range of the "C"-collated key.
 */
export const expandedSearchQuery = (template: string, prefixes: string) => `format(${template}, VARIADIC ARRAY(
    SELECT coalesce((SELECT '( ' || string_agg(${quotedLexeme('v.word')}, ' | ') || ' )'
        FROM (SELECT sw.word FROM search_words sw WHERE sw.word >= p.prefix AND sw.word < p.prefix || chr(1114111)
              ORDER BY sw.word LIMIT ${MAX_PREFIX_WORDS + 1}) v
        HAVING count(*) BETWEEN 1 AND ${MAX_PREFIX_WORDS}), '''' || p.prefix || ''':*')
      FROM unnest(${prefixes}) WITH ORDINALITY AS p(prefix, n) ORDER BY p.n))::tsquery`;

/** The words of these tickets' documents, to be offered to `forgetUnheldWords` once the documents are emptied. */
export async function documentWords(sql: SqlRunner, ticketIds: string[]): Promise<string[]> {
  const rows = await sql.rows<{ w: string }>(
    `SELECT DISTINCT w FROM ticket_search s, unnest(tsvector_to_array(s.public_doc || s.internal_doc)) w
     WHERE s.ticket_id = ANY($1::uuid[]) AND ${NOT_A_PERIOD}`,
    [ticketIds],
  );
  return rows.map((r) => r.w);
}

/**
 * Erasure: of these words, those no search document holds leave the vocabulary (a customer's name
 * or order number must not outlive their tickets there). Checked first without a lock (a common
 * word's check reads its postings: tens of milliseconds); then, with writers of new words held back
 * until this transaction ends, the few candidates are checked again and deleted: a document written
 * meanwhile keeps its words. Call it last in the transaction, after its row locks are taken.
 */
export async function forgetUnheldWords(sql: SqlRunner, words: string[]): Promise<number> {
  if (words.length === 0) return 0;
  const unheld = (param: string) => `SELECT w FROM unnest(${param}) w
     WHERE NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.public_doc @@ ${exactly('w')})
       AND NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.internal_doc @@ ${exactly('w')})`;
  const candidates = (await sql.rows<{ w: string }>(unheld('$1::text[]'), [words])).map((r) => r.w);
  if (candidates.length === 0) return 0;
  await sql.write(`LOCK TABLE search_words IN SHARE ROW EXCLUSIVE MODE`);
  const { affected } = await sql.write(`DELETE FROM search_words WHERE word IN (${unheld('$1::text[]')})`, [candidates]);
  return affected;
}
