import { cut, cut_for_search } from 'jieba-wasm';

/**
 * Chinese word segmentation with jieba (jieba-wasm, its dictionary built in). `cut_for_search`
 * returns every dictionary word inside a longer word too (中华人民共和国 -> 中华, 人民, 共和国, ...),
 * which is what the index wants; the query side uses `cut` (the single best segmentation) and
 * matches either the whole word or all of its parts. The first call loads the dictionary (~0.5 s),
 * so processes call `warmUpSegmenter()` at start.
 */
export function segmentForIndex(text: string): string[] {
  return cut_for_search(text, true);
}

export function segmentForQuery(text: string): string[] {
  return cut(text, true);
}

/**
 * The two-character pieces of a word jieba's HMM made up from its context rather than found in the
 * dictionary (空调外机装在… -> 外机装). Indexed beside the word, they let a query cut differently
 * (外机, 机装) still find it; empty for dictionary words and words under three characters.
 */
export function inventedWordPieces(word: string): string[] {
  const chars = [...word];
  if (chars.length < 3 || cut(word, false).length < 2) return [];
  const pieces: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pieces.push(chars[i] + chars[i + 1]);
  return [...new Set(pieces)];
}

let warm = false;
export function warmUpSegmenter(): void {
  if (warm) return;
  cut_for_search('预热分词词典', true);
  warm = true;
}
