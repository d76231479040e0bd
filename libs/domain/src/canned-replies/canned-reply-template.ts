import type { Locale } from '../vocabulary.js';

/** What a canned reply may say about the ticket it is inserted into; anything else is refused when it is saved. */
export const CANNED_REPLY_PLACEHOLDERS = ['customer.name', 'ticket.code', 'agent.name', 'ticket.next_update_due'] as const;
export type CannedReplyPlaceholder = (typeof CANNED_REPLY_PLACEHOLDERS)[number];

/** The facts a reply is filled with; null when the ticket has none (no name given, no update promised). */
export interface CannedReplyFacts {
  customerName: string | null;
  ticketCode: string;
  agentName: string;
  nextUpdateDueAt: Date | null;
}

/** The language the text is in, and the zone the customer's times are written in. */
export interface CannedReplyRendering {
  locale: Locale;
  timeZone: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** What a missing fact reads as: never "undefined", never an empty gap in a sentence. */
const FALLBACK: Record<Locale, { customerName: string; nextUpdateDue: string }> = {
  en: { customerName: 'valued customer', nextUpdateDue: 'as soon as we can' },
  'zh-CN': { customerName: '客户', nextUpdateDue: '尽快' },
};

/**
 * A missing due time inside a time frame ("by {{…}}", "在{{…}}前") replaces the whole frame: "will
 * update you by as soon as we can" and "会在尽快前" are not sentences; "as soon as we can" and "会尽快" are.
 */
const UNKNOWN_DUE_IN_FRAME: readonly [RegExp, string][] = [
  [/\b(?:by|before)\s+\{\{\s*ticket\.next_update_due\s*\}\}/gi, FALLBACK.en.nextUpdateDue],
  [/在\s*\{\{\s*ticket\.next_update_due\s*\}\}\s*(?:之前|以前|前)/g, FALLBACK['zh-CN'].nextUpdateDue],
];

const isKnown = (name: string): name is CannedReplyPlaceholder => (CANNED_REPLY_PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders in `body` that are not ours, each once, as written (`{{order.id}}`). */
export function unknownPlaceholders(body: string): string[] {
  const unknown = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (!isKnown(match[1].trim())) unknown.add(match[0]);
  }
  return [...unknown];
}

/** Fills every placeholder of a saved reply with the ticket's facts, times in the customer's zone. */
export function renderCannedReply(body: string, facts: CannedReplyFacts, rendering: CannedReplyRendering): string {
  const fallback = FALLBACK[rendering.locale];
  const value = (name: CannedReplyPlaceholder): string => {
    switch (name) {
      case 'customer.name':
        return facts.customerName?.trim() || fallback.customerName;
      case 'ticket.code':
        return facts.ticketCode;
      case 'agent.name':
        return facts.agentName;
      case 'ticket.next_update_due':
        return facts.nextUpdateDueAt ? formatPromisedTime(facts.nextUpdateDueAt, rendering) : fallback.nextUpdateDue;
    }
  };
  // The frames are read by the text's own language, whichever the customer's is.
  const framed = facts.nextUpdateDueAt ? body : UNKNOWN_DUE_IN_FRAME.reduce((text, [frame, phrase]) => text.replace(frame, phrase), body);
  // Unknown ones cannot be saved; one that slipped in (an older reply) stays as written rather than vanish.
  return framed.replace(PLACEHOLDER, (whole, name: string) => (isKnown(name.trim()) ? value(name.trim() as CannedReplyPlaceholder) : whole));
}

/** e.g. "Mar 5, 2026, 5:30 PM (GMT+8)" / "2026年3月5日 17:30 (GMT+8)": the zone is written, since the customer's may differ. */
export function formatPromisedTime(at: Date, { locale, timeZone }: CannedReplyRendering): string {
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(at).find((part) => part.type === 'timeZoneName');
  return zone ? `${dateTime} (${zone.value})` : dateTime;
}
