/**
 * What stored text a customer wrote (a mail quoting our message) holds where it quoted a tracking
 * link's token, so no stored row holds a token. Never filled in: the messages we send carry their
 * own slot (`TrackingTokenCodec.slotFor`), which no customer text can name.
 */
export const TRACKING_TOKEN_SLOT = '_tracking_token_added_at_send_time_'.padEnd(43, '_');

const SLOT_IN_LINK = `#token=${TRACKING_TOKEN_SLOT}`;
/** A tracking link's token as the worker wrote it into messages before the slot (43 base64url characters). */
const TOKEN_IN_LINK = /#token=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** Puts the customer's token into the links of a message stored with `slot` (its event's, `TrackingTokenCodec.slotFor`). */
export function fillTrackingToken(text: string, token: string, slot: string): string {
  return text.replaceAll(`#token=${slot}`, `#token=${token}`);
}

/** The text with every tracking link's token replaced by the slot (for text that must be stored). */
export function withoutTrackingTokens(text: string): string {
  return text.replace(TOKEN_IN_LINK, SLOT_IN_LINK);
}

/** The pattern `withoutTrackingTokens` replaces, for SQL (PostgreSQL regular expressions). */
export const TOKEN_IN_LINK_SQL = '#token=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])';
