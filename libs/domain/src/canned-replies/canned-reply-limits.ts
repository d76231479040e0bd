/** Bounds on canned replies, checked by the API's validation and, for counts, inside the inserting transaction. */
export const CANNED_REPLY_LIMITS = {
  titleMaxLength: 120,
  shortcutMaxLength: 32,
  /** Per language; a reply is a paragraph or a few, not a document. */
  bodyMaxLength: 4000,
  personalPerAgent: 100,
  perTeam: 200,
  /** The most replies one list or search answers with. */
  listMax: 200,
} as const;

/** A word typed after `/`: letters (Chinese included), digits, `-` and `_`; no spaces. */
export const CANNED_REPLY_SHORTCUT = /^[\p{L}\p{N}_-]+$/u;
