/** Limits on a ticket's tags, shared by the API's validation, the rules and the web app. */
export const TAG_LIMITS = {
  /** Characters (code points) in one tag, after normalising. */
  maxLength: 40,
  /** Tags on one ticket. */
  perTicket: 20,
  /** Tags named in one request's `add` or `remove`. */
  perChange: 20,
} as const;
