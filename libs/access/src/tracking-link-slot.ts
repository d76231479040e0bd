/**
 * Stored messages carry this in place of the customer's tracking token: the sender fills it in at
 * send time, so no stored row holds a token. As long as a token (43 base64url characters, all
 * GSM-7), so an SMS fitted around the slot still fits once the token replaces it.
 */
export const TRACKING_TOKEN_SLOT = '_tracking_token_added_at_send_time_'.padEnd(43, '_');

const SLOT_IN_LINK = `#token=${TRACKING_TOKEN_SLOT}`;
/** A tracking link's token as the worker wrote it into messages before the slot (43 base64url characters). */
const TOKEN_IN_LINK = /#token=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** Puts the customer's token into the links of a message stored with the slot. */
export function fillTrackingToken(text: string, token: string): string {
  return text.replaceAll(SLOT_IN_LINK, `#token=${token}`);
}

/** The text with every tracking link's token replaced by the slot (for text that must be stored). */
export function withoutTrackingTokens(text: string): string {
  return text.replace(TOKEN_IN_LINK, SLOT_IN_LINK);
}

/** The pattern `withoutTrackingTokens` replaces, for SQL (PostgreSQL regular expressions). */
export const TOKEN_IN_LINK_SQL = '#token=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])';
