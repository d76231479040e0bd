import type { AgentSettableStatus, Locale, Priority } from '../vocabulary.js';

export const MACRO_SCOPES = ['personal', 'team'] as const;
export type MacroScope = (typeof MACRO_SCOPES)[number];

export const MACRO_LIMITS = {
  nameLength: 80,
  replyLength: 5_000,
  /** Macros an agent may keep for themself, and a team may share. */
  perOwner: 100,
} as const;

/** What a macro does when applied, all in one change. */
export interface MacroActions {
  /** The reply in each language; the customer's locale picks, the other is the fallback. */
  reply: Record<Locale, string | null>;
  status: AgentSettableStatus | null;
  addTags: string[];
  removeTags: string[];
  priority: Priority | null;
}

export interface Macro extends MacroActions {
  id: string;
  name: string;
  scope: MacroScope;
  /** The agent a personal macro belongs to (and who made a team one). */
  ownerId: string;
  /** The team a team macro is shared with; null for a personal one. */
  teamId: string | null;
}

/** The language a macro's reply goes out in: the customer's, the other one when that one is empty. */
export function macroReplyLocale(actions: Pick<MacroActions, 'reply'>, locale: Locale): Locale {
  return actions.reply[locale] != null ? locale : locale === 'zh-CN' ? 'en' : 'zh-CN';
}

/** The reply text for a customer's locale, the other language when that one is empty. */
export function macroReplyFor(actions: Pick<MacroActions, 'reply'>, locale: Locale): string | null {
  return actions.reply[macroReplyLocale(actions, locale)] ?? null;
}
