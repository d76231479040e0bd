import { randomInt } from 'node:crypto';
/** Crockford's base32 without I, L, O, U: readable aloud and over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TICKET_CODE_PATTERN = /^FH-[0-9A-HJKMNP-TV-Z]{5}$/;
/** A short public code such as FH-7K3QX; 32^5 values, so storage retries on the rare collision. */
export function newTicketCode() {
    let code = 'FH-';
    for (let i = 0; i < 5; i++)
        code += ALPHABET[randomInt(ALPHABET.length)];
    return code;
}
export function isTicketCode(value) {
    return TICKET_CODE_PATTERN.test(value);
}
//# sourceMappingURL=ticket-code.js.map