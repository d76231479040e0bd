import { findMarks, highlight, type Highlight } from '@firsthand/search';
import type { SearchField, SearchHighlight } from '@firsthand/http-contracts';
import { phoneDigits, type MatchingMessage, type TicketSearchHit } from '@firsthand/persistence';

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

/** A phone whose digits hold the typed digits ("13928465170" in "+86 139 2846 5170"): the span they cover is marked. */
function phoneByDigits(phone: string | null, raw: string): SearchHighlight | null {
  const digits = phoneDigits(raw);
  if (!phone || !digits) return null;
  const positions = [...phone].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
  const at = positions.map((i) => phone[i]).join('').indexOf(digits);
  if (at < 0) return null;
  const start = positions[at] as number;
  const end = (positions[at + digits.length - 1] as number) + 1;
  return { field: 'phone', text: phone, marks: [{ start, end }], truncatedStart: false, truncatedEnd: false };
}

/**
 * What to show of each hit: the code, email, phone or name the text is part of; the subject,
 * description and the newest matching message with the query's words marked. Plain text only.
 */
export function highlightsOf(hit: TicketSearchHit, terms: string[], raw: string | null, message: MatchingMessage | undefined): SearchHighlight[] {
  const t = hit.ticket;
  const out: Array<SearchHighlight | null> = [];
  if (raw && hit.exact > 0) {
    out.push(substring('code', t.code, raw), substring('email', t.customer.email, raw), substring('phone', t.customer.phone, raw) ?? phoneByDigits(t.customer.phone, raw));
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
