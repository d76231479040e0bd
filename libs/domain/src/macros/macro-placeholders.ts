import type { Locale } from '../vocabulary.js';

/**
 * A minimal placeholder renderer for macro replies, the same placeholders a canned reply takes.
 * Kept apart (and named for macros) so that the canned replies' renderer can replace it whole.
 */
export const MACRO_PLACEHOLDERS = ['customer.name', 'ticket.code', 'agent.name', 'ticket.next_update'] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

export interface MacroPlaceholderValues {
  locale: Locale;
  customerName: string | null;
  ticketCode: string;
  agentName: string;
  /** The promised next update, or null when none is promised. */
  nextUpdateDueAt: Date | null;
  /** The customer's time zone for the promised time. */
  timeZone: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders a text names that the renderer has no value for. */
export function unknownMacroPlaceholders(text: string): string[] {
  const known: readonly string[] = MACRO_PLACEHOLDERS;
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !known.includes(name)))];
}

function nextUpdateText(values: MacroPlaceholderValues): string {
  if (!values.nextUpdateDueAt) return values.locale === 'zh-CN' ? '尽快' : 'as soon as we can';
  return new Intl.DateTimeFormat(values.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: values.timeZone,
    timeZoneName: 'short',
  }).format(values.nextUpdateDueAt);
}

/** The text with its placeholders filled; a missing value reads naturally, never "undefined". */
export function renderMacroText(text: string, values: MacroPlaceholderValues): string {
  const lookup: Record<MacroPlaceholder, () => string> = {
    'customer.name': () => values.customerName?.trim() || (values.locale === 'zh-CN' ? '客户' : 'there'),
    'ticket.code': () => values.ticketCode,
    'agent.name': () => values.agentName,
    'ticket.next_update': () => nextUpdateText(values),
  };
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in lookup ? lookup[name as MacroPlaceholder]() : whole));
}
