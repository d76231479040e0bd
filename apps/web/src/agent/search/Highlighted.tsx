import type { SearchHighlight } from '@firsthand/http-contracts';
import { markedPieces } from './search-params.js';

/** A highlight as text nodes and <mark> elements: the customer's text never becomes HTML. */
export function Highlighted({ highlight }: { highlight: Pick<SearchHighlight, 'text' | 'marks' | 'truncatedStart' | 'truncatedEnd'> }) {
  return (
    <>
      {highlight.truncatedStart && '…'}
      {markedPieces(highlight.text, highlight.marks).map((piece, i) => (piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
      {highlight.truncatedEnd && '…'}
    </>
  );
}
