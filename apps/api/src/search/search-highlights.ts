import { findMarks, highlight, type Highlight } from '@firsthand/search';
import type { SearchField, SearchHighlight } from '@firsthand/http-contracts';
import type { MatchingMessage, TicketSearchHit } from '@firsthand/persistence';

const asHighlight = (field: SearchField, h: Highlight | null): SearchHighlight | null =>
  h ? { field, text: h.text, marks: h.marks.map(([start, end]) => ({ start, end })), truncatedStart: h.truncatedStart, truncatedEnd: h.truncatedEnd } : null;

/** The whole value with every place the typed text occurs in it (codes, emails, phones, names). */
function substring(field: SearchField, value: string | null, raw: string): SearchHighlight | null {
  if (!value) return null;
  const lower = value.toLowerCase();
  const needle = raw.toLowerCase();
  const marks: Array<{ start: number; end: number }> = [];
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) marks.push({ start: at, end: at + needle.length });
  return marks.length ? { field, text: value, marks, truncatedStart: false, truncatedEnd: false } : null;
}

/**
 * What to show of each hit: the code, email, phone or name the text is part of; the subject,
 * description and the newest matching message with the query's words marked. Plain text only.
 */
export function highlightsOf(hit: TicketSearchHit, terms: string[], raw: string | null, message: MatchingMessage | undefined): SearchHighlight[] {
  const t = hit.ticket;
  const out: Array<SearchHighlight | null> = [];
  if (raw && hit.exact > 0) {
    out.push(substring('code', t.code, raw), substring('email', t.customer.email, raw), substring('phone', t.customer.phone, raw));
  }
  if (terms.length) {
    out.push(asHighlight('subject', highlight(t.subject, terms, 200)));
    if (findMarks(t.customer.name, terms).length) out.push(asHighlight('customer', highlight(t.customer.name, terms, 200)));
    out.push(asHighlight('description', highlight(t.description, terms)));
    if (message) out.push(asHighlight(message.visibility === 'internal' ? 'internal_note' : 'message', highlight(message.body, terms)));
  }
  if (raw && hit.exact > 0 && !out.some((h) => h?.field === 'customer')) out.push(substring('customer', t.customer.name, raw));
  return out.filter((h): h is SearchHighlight => h !== null);
}
